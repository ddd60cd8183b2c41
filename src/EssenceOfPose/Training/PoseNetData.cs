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
/// Datasets made ready for PoseNet. The first (primary) dataset is split geographically (targets
/// at least the minimum distance apart across it) into training and held-out targets; every
/// further dataset is a city used only for training, all of its targets on the training side.
/// Pairs are drawn within each city (all positives, negatives 50/50 by a seed), and every view
/// used is preprocessed once into one patch cache.
/// </summary>
public sealed class PoseNetData : IDisposable
{
    PoseNetData(IReadOnlyList<StreetViewDataset> datasets, IReadOnlyList<IReadOnlyList<Target>> trainCities, IReadOnlyList<Target> test, GeoSplitReport? report,
        PairSet trainPairs, IReadOnlyList<int> negativesPerCity, PairSet testPairs, PatchCache cache)
    {
        Datasets = datasets;
        TrainCities = trainCities;
        NegativesPerCity = negativesPerCity;
        TrainTargets = [.. trainCities.SelectMany(c => c)];
        TestTargets = test;
        SplitReport = report;
        TrainPairs = trainPairs;
        TestPairs = testPairs;
        Cache = cache;
    }

    /// <summary>The primary dataset: the one split into training and held-out targets.</summary>
    public StreetViewDataset Dataset => Datasets[0];

    /// <summary>Every dataset, the primary first.</summary>
    public IReadOnlyList<StreetViewDataset> Datasets { get; }
    public IReadOnlyList<Target> TrainTargets { get; }
    /// <summary>The training targets city by city (the primary's training side first): non-matching pairs are drawn within a city.</summary>
    public IReadOnlyList<IReadOnlyList<Target>> TrainCities { get; }
    /// <summary>How many of <see cref="TrainPairs"/>' negatives each city drew.</summary>
    public IReadOnlyList<int> NegativesPerCity { get; }
    public IReadOnlyList<Target> TestTargets { get; }
    /// <summary>The primary dataset's geographic split; null for a whole unseen city (<see cref="Unseen"/>).</summary>
    public GeoSplitReport? SplitReport { get; }
    public PairSet TrainPairs { get; }
    public PairSet TestPairs { get; }
    public PatchCache Cache { get; }

    public static PoseNetData Load(string dataDir, SplitSpec split, IProgress<int>? decodeProgress = null) =>
        Load([dataDir], split, decodeProgress);

    /// <summary>
    /// <paramref name="dataDirs"/>[0] is split by <paramref name="split"/>; the others join the
    /// training side whole. With one folder this is exactly the single-city split of earlier runs.
    /// </summary>
    public static PoseNetData Load(IReadOnlyList<string> dataDirs, SplitSpec split, IProgress<int>? decodeProgress = null)
    {
        if (dataDirs.Count == 0) throw new ArgumentException("no dataset folder given");
        var duplicate = dataDirs.Select(Path.GetFullPath).GroupBy(d => d).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"{duplicate.Key}: the same dataset is given twice");
        var primaryDir = dataDirs[0];
        var primary = StreetViewDataset.Load(primaryDir);
        if (primary.Targets.Count < 2) throw new ArgumentException($"{primaryDir}: found {primary.Targets.Count} targets; training and evaluation need at least 2");
        var (train, test, report) = GeoSplit.Targets(primary.Targets, split.GeoOptions);
        if (train.Count == 0 || test.Count == 0)
            throw new ArgumentException($"{primaryDir}: the geographic split left {train.Count} train and {test.Count} test targets ({report}); use more targets or a smaller --split-cell");
        var trainPairs = PairSampler.Sample(train, new PairOptions { Seed = split.Seed, PositiveFraction = split.PositiveFraction });
        var testPairs = PairSampler.Sample(test, new PairOptions { Seed = split.Seed + 1, PositiveFraction = split.PositiveFraction });
        var datasets = new List<StreetViewDataset> { primary };
        var cities = new List<IReadOnlyList<Target>> { train };
        var negatives = new List<int> { trainPairs.Negatives.Count };
        for (var i = 1; i < dataDirs.Count; i++)
        {
            var city = StreetViewDataset.Load(dataDirs[i]);
            if (city.Targets.Count < 2) throw new ArgumentException($"{dataDirs[i]}: found {city.Targets.Count} targets; a training city needs at least 2");
            datasets.Add(city);
            cities.Add(city.Targets);
            // Each city's pairs from its own seed, so adding a city leaves the others' pairs as they were.
            var pairs = PairSampler.Sample(city.Targets, new PairOptions { Seed = split.Seed + 1000 * i, PositiveFraction = split.PositiveFraction });
            negatives.Add(pairs.Negatives.Count);
            trainPairs = new PairSet([.. trainPairs.Positives, .. pairs.Positives], [.. trainPairs.Negatives, .. pairs.Negatives]);
        }
        var views = cities.SelectMany(c => c).Concat(test).SelectMany(t => t.Views).ToArray();
        var cache = PatchCache.Build(views, new Preprocess(), decodeProgress);
        return new PoseNetData(datasets, cities, test, report, trainPairs, negatives, testPairs, cache);
    }

    /// <summary>
    /// A whole city as held-out data, for a network that never saw it: every target is a test
    /// target, with all its matching pairs and as many non-matching ones drawn by <paramref name="seed"/>.
    /// </summary>
    public static PoseNetData Unseen(string dataDir, int seed = 1, double positiveFraction = 0.5, IProgress<int>? decodeProgress = null)
    {
        var city = StreetViewDataset.Load(dataDir);
        if (city.Targets.Count < 2) throw new ArgumentException($"{dataDir}: found {city.Targets.Count} targets; evaluation needs at least 2");
        var pairs = PairSampler.Sample(city.Targets, new PairOptions { Seed = seed, PositiveFraction = positiveFraction });
        var cache = PatchCache.Build(city.Targets.SelectMany(t => t.Views).ToArray(), new Preprocess(), decodeProgress);
        return new PoseNetData([city], [], city.Targets, null, PairSet.Empty, [], pairs, cache);
    }

    /// <summary>Rows of the cache that belong to training targets (for the dataset mean).</summary>
    public IEnumerable<int> TrainRows => TrainTargets.SelectMany(t => t.Views).Select(Cache.Row);

    public void Dispose() => Cache.Dispose();
}
