namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// One view's metadata: the <c>d</c> line of its <c>.txt</c>, every field typed and named in the
/// order the 3D Street View README gives them (FACTS.md, "The dataset"), plus the optional
/// <c>a</c> line (<see cref="Alignment"/>). Angles in degrees, heights and distances in metres.
/// </summary>
public sealed record StreetViewRecord
{
    /// <summary>Values after the <c>d</c> prefix: 4 ids, target (3), normal (3), camera (3), distance, heading, pitch, roll.</summary>
    public const int DataValueCount = 17;

    public required string DatasetId { get; init; }
    public required string TargetId { get; init; }
    public required string PatchId { get; init; }
    public required string StreetViewId { get; init; }

    /// <summary>Target point latitude, decimal degrees.</summary>
    public required double TargetLat { get; init; }
    /// <summary>Target point longitude, decimal degrees.</summary>
    public required double TargetLon { get; init; }
    /// <summary>Target point height, metres.</summary>
    public required double TargetHeight { get; init; }

    /// <summary>Unit surface normal at the target, in the WebMercator frame (README).</summary>
    public required Vec3 TargetNormal { get; init; }

    /// <summary>Street View (camera) latitude, decimal degrees.</summary>
    public required double CameraLat { get; init; }
    /// <summary>Street View (camera) longitude, decimal degrees.</summary>
    public required double CameraLon { get; init; }
    /// <summary>Street View (camera) height, metres.</summary>
    public required double CameraHeight { get; init; }

    /// <summary>Camera to target distance, metres.</summary>
    public required double Distance { get; init; }
    /// <summary>Degrees clockwise from north: 0 north, 90 east, 180 south.</summary>
    public required double Heading { get; init; }
    /// <summary>Degrees, 0 level, −90 straight down.</summary>
    public required double Pitch { get; init; }
    /// <summary>Degrees; always 0 in the released data.</summary>
    public required double Roll { get; init; }

    /// <summary>The <c>a</c> line, present only for aligned views.</summary>
    public StreetViewAlignment? Alignment { get; init; }

    /// <summary>The key the views of this record's target share.</summary>
    public TargetKey Target => new(IdText.Value(DatasetId), IdText.Value(TargetId));
}

/// <summary>Three doubles (a unit normal in the dataset).</summary>
public readonly record struct Vec3(double X, double Y, double Z);
