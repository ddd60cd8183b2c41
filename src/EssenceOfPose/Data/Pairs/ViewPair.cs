using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// Two views fed to the siamese network: a matching pair (same target, with a pose label) or a
/// non-matching one (different targets; the pose loss ignores it, as the original's L1 loss
/// skipped rows flagged non-matching; FACTS.md, "The network").
/// </summary>
public sealed record ViewPair(DatasetView First, DatasetView Second, bool IsMatch)
{
    /// <summary>Relative pose of the second camera to the first; only for matching pairs.</summary>
    public RelativePose? Pose => IsMatch ? RelativePose.Between(First.Record, Second.Record) : null;

    /// <summary>The pose label vector; zeros for a non-matching pair, whose label the loss masks out.</summary>
    public double[] Label(PoseLabelKind kind) =>
        Pose is { } p ? PoseLabels.Vector(p, kind) : new double[PoseLabels.Size(kind)];

    /// <summary>The matching label of the original's <c>ptch_fc</c> head: 1 same target, 0 different.</summary>
    public int MatchLabel => IsMatch ? 1 : 0;

    public override string ToString() => $"{First.Name.Stem} ~ {Second.Name.Stem} ({(IsMatch ? "match" : "non-match")})";
}

/// <summary>Positive and negative pairs drawn from a set of targets.</summary>
public sealed record PairSet(IReadOnlyList<ViewPair> Positives, IReadOnlyList<ViewPair> Negatives)
{
    public static PairSet Empty { get; } = new([], []);

    public int Count => Positives.Count + Negatives.Count;

    /// <summary>Positives, then negatives.</summary>
    public IEnumerable<ViewPair> All => Positives.Concat(Negatives);

    /// <summary>All pairs in an order drawn from <paramref name="seed"/> (Fisher–Yates with <see cref="System.Random"/>).</summary>
    public IReadOnlyList<ViewPair> Shuffled(int seed)
    {
        var all = All.ToArray();
        new Random(seed).Shuffle(all);
        return all;
    }
}
