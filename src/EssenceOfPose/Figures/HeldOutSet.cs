using EssenceOfPose.Data;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Figures;

/// <summary>One held-out target: its id, the view reconstructed (A), a matching view (B), and the unrelated view of the baseline.</summary>
public sealed record HeldOutPair(string Target, string First, string Second, string Other);

/// <summary>
/// The fixed test images of the figures: a synthetic city rendered with its own seed (never seen
/// in training), and from it <c>count</c> targets with at least two views, spread evenly over the
/// targets in id order. For each, A is its first view by name and B its second (a matching pair,
/// as the network was trained on); the baseline's "different random image" is a random view of
/// another target, drawn with a fixed seed. Same options, same images.
/// </summary>
public sealed record HeldOutSet(string Root, IReadOnlyList<HeldOutPair> Pairs, InputImages Targets, InputImages Partners, InputImages Others)
{
    /// <summary>Renders the city into <paramref name="cityDir"/> and picks the images; the batches join the current dispose scope.</summary>
    public static HeldOutSet Prepare(SyntheticCityOptions city, int count, int otherSeed, string cityDir, Preprocess preprocess, CancellationToken cancellation = default)
    {
        SyntheticCityGenerator.Generate(city, cityDir, cancel: cancellation);
        var dataset = StreetViewDataset.Load(cityDir);
        var usable = dataset.Targets.Where(t => t.Views.Count >= 2).ToArray();
        if (usable.Length < count)
            throw new ArgumentException($"{cityDir}: the held-out city has {usable.Length} targets with two views or more, fewer than the {count} images asked for; render more targets");
        var chosen = Enumerable.Range(0, count).Select(i => usable[(int)((long)i * usable.Length / count)]).ToArray();
        var rng = new Random(otherSeed);
        var pairs = chosen.Select(t =>
        {
            var others = dataset.Targets.Where(o => o.Key != t.Key).ToArray();
            var o = others[rng.Next(others.Length)];
            return new HeldOutPair(t.Key.ToString(), PathOf(t.Views[0]), PathOf(t.Views[1]), PathOf(o.Views[rng.Next(o.Views.Count)]));
        }).ToArray();
        return new HeldOutSet(dataset.Root, pairs,
            InputImages.Load(pairs.Select(p => p.First).ToArray(), preprocess),
            InputImages.Load(pairs.Select(p => p.Second).ToArray(), preprocess),
            InputImages.Load(pairs.Select(p => p.Other).ToArray(), preprocess));
    }

    static string PathOf(DatasetView view) => view.Image is FileImageSource f ? f.Path : view.Image.Description;
}
