using EssenceOfPose.Data;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>One held-out target: its id, the view reconstructed (A), a matching view (B), and the unrelated view of the baseline.</summary>
public sealed record HeldOutPair(string Target, string First, string Second, string Other);

/// <summary>
/// The fixed test images of the figures: a synthetic city rendered with its own seed (never seen
/// in training), and from it <c>count</c> targets with at least two views, spread evenly over the
/// targets in id order. For each, A is its first view by name and B its second (a matching pair,
/// as the network was trained on); the baseline's "different random image" is a random view of
/// another target, drawn with a fixed seed. Targets whose A the network codes as all zeros at one
/// of the given taps are passed over (<see cref="DeadCodes"/>): every image that silences the
/// layer matches such a code, and the normalised error ‖Φ(x) − Φ₀‖/‖Φ₀‖ divides by zero.
/// Same options and weights, same images.
/// </summary>
public sealed record HeldOutSet(string Root, IReadOnlyList<HeldOutPair> Pairs, IReadOnlyList<string> DeadCodes,
    InputImages Targets, InputImages Partners, InputImages Others)
{
    /// <summary>Renders the city into <paramref name="cityDir"/> and picks the images; the batches join the current dispose scope.</summary>
    public static HeldOutSet Prepare(SyntheticCityOptions city, int count, int otherSeed, string cityDir,
        PoseModel model, IReadOnlyList<TapName> taps, CancellationToken cancellation = default) =>
        Pick(ExampleCity.Render(city, cityDir, cancellation: cancellation), count, otherSeed, model, taps);

    /// <summary>
    /// The held-out images of a rendered city: <paramref name="count"/> targets with two views or
    /// more and a live code at every tap, spread evenly in id order; A, B and the other image of each.
    /// </summary>
    public static HeldOutSet Pick(ExampleCity city, int count, int otherSeed, PoseModel model, IReadOnlyList<TapName> taps) =>
        Pick(city.Dataset, count, otherSeed, model, taps);

    /// <summary>The held-out images of a dataset already on disk (a city rendered with a seed never trained on), picked as from a rendered city.</summary>
    public static HeldOutSet Pick(StreetViewDataset dataset, int count, int otherSeed, PoseModel model, IReadOnlyList<TapName> taps)
    {
        var preprocess = model.Preprocess;
        var paired = dataset.Targets.Where(t => t.Views.Count >= 2).ToArray();
        var dead = Dead(model.Net, taps, paired.Select(t => PathOf(t.Views[0])).ToArray(), preprocess);
        var usable = paired.Where((_, i) => !dead[i]).ToArray();
        if (usable.Length < count)
            throw new ArgumentException($"{dataset.Root}: the held-out city has {usable.Length} targets with two views or more and a live code, fewer than the {count} images asked for; render more targets");
        var chosen = Enumerable.Range(0, count).Select(i => usable[(int)((long)i * usable.Length / count)]).ToArray();
        var rng = new Random(otherSeed);
        var pairs = chosen.Select(t =>
        {
            var others = dataset.Targets.Where(o => o.Key != t.Key).ToArray();
            var o = others[rng.Next(others.Length)];
            return new HeldOutPair(t.Key.ToString(), PathOf(t.Views[0]), PathOf(t.Views[1]), PathOf(o.Views[rng.Next(o.Views.Count)]));
        }).ToArray();
        return new HeldOutSet(dataset.Root, pairs, paired.Where((_, i) => dead[i]).Select(t => t.Key.ToString()).ToArray(),
            InputImages.Load(pairs.Select(p => p.First).ToArray(), preprocess),
            InputImages.Load(pairs.Select(p => p.Second).ToArray(), preprocess),
            InputImages.Load(pairs.Select(p => p.Other).ToArray(), preprocess));
    }

    /// <summary>Whether each image's code is all zeros at any of <paramref name="taps"/>.</summary>
    static bool[] Dead(SiameseNet model, IReadOnlyList<TapName> taps, IReadOnlyList<string> paths, Preprocess preprocess)
    {
        var dead = new bool[paths.Count];
        for (var start = 0; start < paths.Count; start += 32)
        {
            using var scope = torch.NewDisposeScope();
            using var off = torch.no_grad();
            var batch = InputImages.Load(paths.Skip(start).Take(32).ToArray(), preprocess).Batch;
            foreach (var tap in taps)
            {
                var peak = model.Tap(batch, tap).flatten(1).abs().amax([1L]).to(ScalarType.Float64).ToArray<double>();
                for (var i = 0; i < peak.Length; i++) dead[start + i] |= peak[i] == 0;
            }
        }
        return dead;
    }

    static string PathOf(DatasetView view) => view.Image is FileImageSource f ? f.Path : view.Image.Description;
}
