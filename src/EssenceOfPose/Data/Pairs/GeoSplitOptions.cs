namespace EssenceOfPose.Data.Pairs;

/// <summary>How targets are grouped before whole groups are sent to train or test.</summary>
public enum GeoSplitMethod
{
    /// <summary>
    /// Blocks of space (Earth-centred cubes of <see cref="GeoSplitOptions.CellSizeMetres"/>) go to
    /// train or test; then train targets closer than the minimum distance to any test target are
    /// left out as a buffer. Works in dense cities, where every target is near another.
    /// </summary>
    GridCells,

    /// <summary>
    /// Targets closer than the minimum distance are linked; each connected component goes whole to
    /// one side. Nothing is left out, but a dense city may form one component that cannot be split.
    /// </summary>
    Components,
}

/// <summary>
/// Options of <see cref="GeoSplit"/>: the original put train and test groups at least 100 m apart
/// (pulkitag/egomotion <c>street_process_data.py</c>, <c>minDist = 100</c>; FACTS.md).
/// </summary>
public sealed record GeoSplitOptions
{
    /// <summary>Every test target is at least this far (great-circle, metres) from every train target.</summary>
    public double MinDistanceMetres { get; init; } = 100;

    /// <summary>Share of targets wanted in the test set (the original kept 10 % for test).</summary>
    public double TestFraction { get; init; } = 0.1;

    public GeoSplitMethod Method { get; init; } = GeoSplitMethod.GridCells;

    /// <summary>Side of the blocks of <see cref="GeoSplitMethod.GridCells"/>, metres; large against the minimum distance so the buffer loses little.</summary>
    public double CellSizeMetres { get; init; } = 1000;

    /// <summary>Seed of the <see cref="System.Random"/> that orders the blocks or components.</summary>
    public int Seed { get; init; }

    public static GeoSplitOptions Default { get; } = new();
}

/// <summary>What a split achieved, to print and to keep in JSON beside a trained model.</summary>
public sealed record GeoSplitReport
{
    public required GeoSplitOptions Options { get; init; }
    public required int Train { get; init; }
    public required int Test { get; init; }

    /// <summary>Train targets dropped as a buffer (<see cref="GeoSplitMethod.GridCells"/> only).</summary>
    public required int Excluded { get; init; }

    /// <summary>Number of blocks or components the targets fell into.</summary>
    public required int Groups { get; init; }

    public required double AchievedTestFraction { get; init; }

    /// <summary>Smallest great-circle distance between a train and a test target, metres; null when either side is empty.</summary>
    public required double? MinTrainTestDistanceMetres { get; init; }

    public override string ToString() =>
        $"train {Train}, test {Test} ({AchievedTestFraction:P1}), excluded {Excluded}, {Groups} groups, " +
        $"closest train–test {(MinTrainTestDistanceMetres is { } d ? $"{d:F1} m" : "n/a")} (required {Options.MinDistanceMetres} m)";
}
