using EssenceOfPose.Data;
using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Training;

/// <summary>How a dataset is divided into training and held-out pairs; recorded in checkpoints so evaluation rebuilds the same split.</summary>
public sealed record SplitSpec(int Seed, double TestFraction, double MinDistanceMetres, double CellMetres, double PositiveFraction)
{
    public static SplitSpec From(PoseNetTrainingOptions o) => new(o.Seed, o.TestFraction, o.SplitMinDistanceMetres, o.SplitCellMetres, o.PositiveFraction);

    /// <summary>The split a checkpoint was trained with (its provenance), or the training defaults' for one without (an imported model).</summary>
    public static SplitSpec Of(Models.CheckpointInfo info, string path) =>
        info.Provenance.Notes.TryGetValue("split", out var s)
            ? System.Text.Json.JsonSerializer.Deserialize<SplitSpec>(s) ?? throw new InvalidDataException($"{path}: provenance split is empty")
            : From(PoseNetTrainingOptions.Full);

    [System.Text.Json.Serialization.JsonIgnore]
    public GeoSplitOptions GeoOptions => new()
    {
        Seed = Seed,
        TestFraction = TestFraction,
        MinDistanceMetres = MinDistanceMetres,
        CellSizeMetres = CellMetres,
        Method = GeoSplitMethod.GridCells,
    };
}

/// <summary>
/// A dataset made ready for PoseNet: the geographic split (targets at least the minimum distance
/// apart across it), pairs on each side (all positives, negatives drawn 50/50 by a seed), and
/// every view preprocessed once into a patch cache.
/// </summary>
public sealed class PoseNetData : IDisposable
{
    PoseNetData(StreetViewDataset dataset, IReadOnlyList<Target> train, IReadOnlyList<Target> test, GeoSplitReport report,
        PairSet trainPairs, PairSet testPairs, PatchCache cache)
    {
        Dataset = dataset;
        TrainTargets = train;
        TestTargets = test;
        SplitReport = report;
        TrainPairs = trainPairs;
        TestPairs = testPairs;
        Cache = cache;
    }

    public StreetViewDataset Dataset { get; }
    public IReadOnlyList<Target> TrainTargets { get; }
    public IReadOnlyList<Target> TestTargets { get; }
    public GeoSplitReport SplitReport { get; }
    public PairSet TrainPairs { get; }
    public PairSet TestPairs { get; }
    public PatchCache Cache { get; }

    public static PoseNetData Load(string dataDir, SplitSpec split, IProgress<int>? decodeProgress = null)
    {
        var dataset = StreetViewDataset.Load(dataDir);
        if (dataset.Targets.Count < 2) throw new ArgumentException($"{dataDir}: found {dataset.Targets.Count} targets; training and evaluation need at least 2");
        var (train, test, report) = GeoSplit.Targets(dataset.Targets, split.GeoOptions);
        if (train.Count == 0 || test.Count == 0)
            throw new ArgumentException($"{dataDir}: the geographic split left {train.Count} train and {test.Count} test targets ({report}); use more targets or a smaller --split-cell");
        var trainPairs = PairSampler.Sample(train, new PairOptions { Seed = split.Seed, PositiveFraction = split.PositiveFraction });
        var testPairs = PairSampler.Sample(test, new PairOptions { Seed = split.Seed + 1, PositiveFraction = split.PositiveFraction });
        var views = train.Concat(test).SelectMany(t => t.Views).ToArray();
        var cache = PatchCache.Build(views, new Preprocess(), decodeProgress);
        return new PoseNetData(dataset, train, test, report, trainPairs, testPairs, cache);
    }

    /// <summary>Rows of the cache that belong to training targets (for the dataset mean).</summary>
    public IEnumerable<int> TrainRows => TrainTargets.SelectMany(t => t.Views).Select(Cache.Row);

    public void Dispose() => Cache.Dispose();
}
