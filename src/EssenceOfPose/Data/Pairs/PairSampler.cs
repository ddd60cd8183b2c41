using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// Builds training pairs as the original did (FACTS.md, "The dataset"): positives are the pairs of
/// views of one target; negatives are views of two different targets chosen at random, as many
/// as <see cref="PairOptions.PositiveFraction"/> asks (50/50 by default).
/// </summary>
public static class PairSampler
{
    public static PairSet Sample(IReadOnlyList<Target> targets, PairOptions? options = null)
    {
        options ??= PairOptions.Default;
        if (options.PositiveFraction is <= 0 or > 1 || double.IsNaN(options.PositiveFraction))
            throw new ArgumentOutOfRangeException(nameof(options), options.PositiveFraction, "PositiveFraction must lie in (0, 1]");

        var positives = Positives(targets, options.BothOrders).ToList();
        var wanted = (int)Math.Round(positives.Count * (1 - options.PositiveFraction) / options.PositiveFraction);
        return new PairSet(positives, Negatives(targets, wanted, options.Seed));
    }

    /// <summary>Every pair of views of each target, in target order then name order.</summary>
    public static IEnumerable<ViewPair> Positives(IEnumerable<Target> targets, bool bothOrders = false)
    {
        foreach (var t in targets)
        {
            for (var i = 0; i < t.Views.Count; i++)
            {
                for (var j = i + 1; j < t.Views.Count; j++)
                {
                    yield return new ViewPair(t.Views[i], t.Views[j], true);
                    if (bothOrders) yield return new ViewPair(t.Views[j], t.Views[i], true);
                }
            }
        }
    }

    /// <summary><paramref name="count"/> pairs of views of two different targets, drawn uniformly: a target, another target, then a view of each.</summary>
    public static IReadOnlyList<ViewPair> Negatives(IReadOnlyList<Target> targets, int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0) return [];
        var usable = targets.Where(t => t.Views.Count > 0).ToList();
        if (usable.Count < 2)
            throw new ArgumentException($"non-matching pairs need views of at least 2 targets; the data holds {usable.Count} target(s) with views");
        var rng = new Random(seed);
        var pairs = new ViewPair[count];
        for (var k = 0; k < count; k++)
        {
            var a = rng.Next(usable.Count);
            var b = rng.Next(usable.Count - 1);
            if (b >= a) b++;
            var ta = usable[a];
            var tb = usable[b];
            pairs[k] = new ViewPair(ta.Views[rng.Next(ta.Views.Count)], tb.Views[rng.Next(tb.Views.Count)], false);
        }
        return pairs;
    }
}
