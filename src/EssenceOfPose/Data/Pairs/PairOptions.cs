namespace EssenceOfPose.Data.Pairs;

/// <summary>How <see cref="PairSampler"/> draws pairs.</summary>
public sealed record PairOptions
{
    /// <summary>
    /// Share of matching pairs among all pairs; the original drew non-matching pairs 50/50 with
    /// matching ones (FACTS.md, "The dataset"). 1 gives no negatives.
    /// </summary>
    public double PositiveFraction { get; init; } = 0.5;

    /// <summary>
    /// False: each unordered pair of views of a target once, as (i, j) with i &lt; j in name order.
    /// The pose of (j, i) is the inverse of that of (i, j), so the second order adds no new
    /// geometry; it doubles the matching pairs, which may help a network learn the symmetry.
    /// Whether the original used both orders is not known to us.
    /// </summary>
    public bool BothOrders { get; init; }

    /// <summary>Seed of the <see cref="System.Random"/> that draws the negatives: the same seed and targets give the same pairs.</summary>
    public int Seed { get; init; }

    public static PairOptions Default { get; } = new();
}
