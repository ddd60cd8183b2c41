namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// A view's file name, <c>&lt;DatasetID&gt;_&lt;ImageID&gt;_&lt;ViewID&gt;_&lt;TargetID&gt;.jpg</c>, its
/// <c>.txt</c> sharing the stem (3D Street View README; FACTS.md, "The dataset"). Ids are kept as
/// written (see <see cref="IdText"/>) so <see cref="ToString"/> gives back the same stem.
/// </summary>
public readonly record struct StreetViewName
{
    public StreetViewName(string datasetId, string imageId, string viewId, string targetId)
    {
        Check(datasetId, "datasetId");
        Check(imageId, "imageId");
        Check(viewId, "viewId");
        Check(targetId, "targetId");
        DatasetId = datasetId;
        ImageId = imageId;
        ViewId = viewId;
        TargetId = targetId;
    }

    public string DatasetId { get; }
    public string ImageId { get; }
    public string ViewId { get; }
    public string TargetId { get; }

    /// <summary>The views of one physical point share this key (TargetID within its DatasetID).</summary>
    public TargetKey Target => new(IdText.Value(DatasetId), IdText.Value(TargetId));

    /// <summary>The stem without extension: <c>0011_123_2_4567</c>.</summary>
    public string Stem => $"{DatasetId}_{ImageId}_{ViewId}_{TargetId}";

    public string ImageFileName => Stem + ".jpg";

    public string TextFileName => Stem + ".txt";

    public override string ToString() => Stem;

    /// <summary>Parses a file name or stem (any directory part and a <c>.jpg</c>/<c>.txt</c> extension are dropped).</summary>
    public static StreetViewName Parse(string fileName) =>
        TryParse(fileName, out var name, out var problem)
            ? name
            : throw new StreetViewFormatException(fileName, 0, "name", "<DatasetID>_<ImageID>_<ViewID>_<TargetID> with integer ids", problem);

    public static bool TryParse(string fileName, out StreetViewName name) => TryParse(fileName, out name, out _);

    private static bool TryParse(string fileName, out StreetViewName name, out string problem)
    {
        name = default;
        var stem = Path.GetFileName(fileName.Replace('\\', '/'));
        var ext = Path.GetExtension(stem);
        if (ext.Equals(".jpg", StringComparison.OrdinalIgnoreCase) || ext.Equals(".txt", StringComparison.OrdinalIgnoreCase))
            stem = stem[..^ext.Length];
        var parts = stem.Split('_');
        if (parts.Length != 4)
        {
            problem = $"{parts.Length} '_'-separated parts in '{stem}'";
            return false;
        }
        foreach (var p in parts)
        {
            if (!IdText.IsValid(p))
            {
                problem = $"'{p}' in '{stem}'";
                return false;
            }
        }
        name = new StreetViewName(parts[0], parts[1], parts[2], parts[3]);
        problem = "";
        return true;
    }

    private static void Check(string id, string field)
    {
        if (!IdText.IsValid(id))
            throw new StreetViewFormatException("(name)", 0, field, IdText.Expectation, $"'{id}'");
    }
}

/// <summary>Identifies one physical target point: its TargetID within its DatasetID, compared as numbers.</summary>
public readonly record struct TargetKey(long DatasetId, long TargetId)
{
    public override string ToString() => $"{DatasetId}/{TargetId}";
}
