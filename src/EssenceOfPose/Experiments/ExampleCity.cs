using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Experiments;

/// <summary>
/// A small synthetic city rendered for one experiment (a notebook, a figure): the dataset, and
/// the views and pairs the experiments pick from it, made into network inputs by the original
/// preprocessing. Rendering is deterministic, so the same options show the same places on every
/// run; the folder is the caller's and is overwritten.
/// <code>
/// var city = ExampleCity.Render(SyntheticCityOptions.Quick with { Targets = 30, Seed = 7 }, folder);
/// var images = ExampleCity.Images(city.DistinctViews(4), model.Preprocess);
/// var (a, b) = ExampleCity.Images(city.Pairs(3, 3).All.ToArray(), model.Preprocess);
/// </code>
/// </summary>
public sealed class ExampleCity
{
    ExampleCity(SyntheticCityOptions options, SyntheticCityResult generation, StreetViewDataset dataset)
    {
        Options = options;
        Generation = generation;
        Dataset = dataset;
    }

    public SyntheticCityOptions Options { get; }

    /// <summary>What the generator wrote, and how long it took.</summary>
    public SyntheticCityResult Generation { get; }

    public StreetViewDataset Dataset { get; }

    public string Folder => Dataset.Root;

    /// <summary>Targets in the dataset's order (file-name order).</summary>
    public IReadOnlyList<Target> Targets => Dataset.Targets;

    /// <summary>Renders the city into <paramref name="folder"/> (an earlier city there is replaced) and loads it.</summary>
    public static ExampleCity Render(SyntheticCityOptions options, string folder, int maxDegreeOfParallelism = -1, CancellationToken cancellation = default)
    {
        var generation = SyntheticCityGenerator.Generate(options, folder, maxDegreeOfParallelism, cancel: cancellation);
        return new ExampleCity(options, generation, StreetViewDataset.Load(generation.OutputDirectory));
    }

    /// <summary>All views of one target side by side, captioned with each camera's heading, pitch and distance (<see cref="Display.DatasetTour"/>).</summary>
    public static Display.ImageGrid Show(Target target) => Display.DatasetTour.Target(target);

    /// <summary>
    /// The first view (in file-name order) of each of the first <paramref name="count"/> targets
    /// with at least <paramref name="minViews"/> views: different places, for inversions and dreams.
    /// </summary>
    public IReadOnlyList<DatasetView> DistinctViews(int count, int minViews = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var views = Targets.Where(t => t.Views.Count >= minViews)
            .Select(t => t.Views.OrderBy(v => v.Name.Stem, StringComparer.Ordinal).First())
            .Take(count).ToArray();
        if (views.Length < count)
            throw new InvalidOperationException($"{Folder}: asked for {count} targets with ≥ {minViews} views, the city has {views.Length}; render more targets");
        return views;
    }

    /// <summary>
    /// <paramref name="matching"/> pairs of two views of one target (each from a different
    /// target, chosen with the seed) and <paramref name="nonMatching"/> pairs of views of two
    /// different targets, drawn as the original drew its negatives.
    /// </summary>
    public PairSet Pairs(int matching, int nonMatching, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(matching);
        var rng = new Random(seed);
        var candidates = Targets.Where(t => t.Views.Count >= 2).ToArray();
        if (candidates.Length < matching)
            throw new InvalidOperationException($"{Folder}: asked for {matching} matching pairs from different targets, {candidates.Length} targets have two views; render more targets");
        rng.Shuffle(candidates);
        var positives = candidates.Take(matching).Select(t =>
        {
            var all = PairSampler.Positives([t]).ToArray();
            return all[rng.Next(all.Length)];
        }).ToArray();
        return new PairSet(positives, PairSampler.Negatives(Targets, nonMatching, seed + 1));
    }

    /// <summary>The views decoded and preprocessed into one batch of images that know their preprocessing.</summary>
    public static ImageBatch Images(IEnumerable<DatasetView> views, Preprocess preprocess) => new(Batch(views, preprocess), preprocess);

    /// <summary>Both images of each pair as two batches, first and second.</summary>
    public static (ImageBatch First, ImageBatch Second) Images(IReadOnlyList<ViewPair> pairs, Preprocess preprocess)
    {
        var (first, second) = Batch(pairs, preprocess);
        return (new(first, preprocess), new(second, preprocess));
    }

    /// <summary>The views decoded and preprocessed into one tensor [N,3,S,S] (S the preprocessing's input size).</summary>
    internal static Tensor Batch(IEnumerable<DatasetView> views, Preprocess preprocess) =>
        preprocess.Apply(views.Select(v => RgbImage.Decode(v.Image.ReadAllBytes(), v.Image.Description)));

    /// <summary>Both images of each pair as two tensors [N,3,S,S], first and second.</summary>
    internal static (Tensor First, Tensor Second) Batch(IReadOnlyList<ViewPair> pairs, Preprocess preprocess)
    {
        if (pairs.Count == 0) throw new ArgumentException("no pairs", nameof(pairs));
        return (Batch(pairs.Select(p => p.First), preprocess), Batch(pairs.Select(p => p.Second), preprocess));
    }
}
