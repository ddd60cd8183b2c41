namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// One image of the 3D Street View dataset: its name, its parsed <c>.txt</c>, and its JPEG,
/// opened lazily (FACTS.md, "The dataset"). (Not called <c>StreetView</c>: that is the namespace.)
/// </summary>
public sealed record DatasetView(StreetViewName Name, StreetViewRecord Record, ImageSource Image, string TextSource)
{
    public TargetKey Target => Name.Target;

    public override string ToString() => Name.Stem;
}

/// <summary>
/// A physical target point and the views that show it: the images sharing a TargetID (2–7 in the
/// released data, per its README; fewer when only part of the dataset is loaded).
/// </summary>
public sealed record Target(TargetKey Key, IReadOnlyList<DatasetView> Views)
{
    /// <summary>Target point latitude (degrees), averaged over the views' records.</summary>
    public double Lat => Views.Average(v => v.Record.TargetLat);

    /// <summary>Target point longitude (degrees), averaged over the views' records.</summary>
    public double Lon => Views.Average(v => v.Record.TargetLon);

    public override string ToString() => $"target {Key} ({Views.Count} views)";
}
