using System.Globalization;

namespace EssenceOfPose.Attribution;

/// <summary>
/// The score S of a siamese network's output for a pair that an attribution explains: one
/// component of <c>pose_fc</c>, or the matching logit margin <c>ptch_fc[1] − ptch_fc[0]</c>
/// (the log-odds of "match" under the softmax the network was trained with).
/// </summary>
public readonly record struct SaliencyTarget
{
    SaliencyTarget(int? poseIndex) => PoseIndex = poseIndex;

    /// <summary>The <c>pose_fc</c> component explained, or null for the matching logit.</summary>
    public int? PoseIndex { get; }

    /// <summary>Component <paramref name="index"/> of <c>pose_fc</c>.</summary>
    public static SaliencyTarget Pose(int index) =>
        index >= 0 ? new(index) : throw new ArgumentOutOfRangeException(nameof(index), index, "a pose_fc index is 0 or more");

    /// <summary>The matching logit ptch_fc[1] − ptch_fc[0].</summary>
    public static SaliencyTarget Match => new(null);

    /// <summary>Reads "match" or "pose:K" (K an index into pose_fc), the spelling the CLI takes.</summary>
    public static SaliencyTarget Parse(string text)
    {
        var s = text.Trim();
        if (s.Equals("match", StringComparison.OrdinalIgnoreCase)) return Match;
        if (s.StartsWith("pose:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            return Pose(k);
        throw new FormatException($"saliency target '{text}': expected 'match' or 'pose:K' with K an index into pose_fc");
    }

    /// <summary>
    /// The probability of "match" that a matching-logit score stands for: the softmax over
    /// <c>ptch_fc</c>'s two logits is the logistic function of their difference.
    /// </summary>
    public static double MatchProbability(double logitMargin) => 1 / (1 + Math.Exp(-logitMargin));

    /// <summary>A readable name: "pose_fc[2]" or "ptch_fc[1] − ptch_fc[0]".</summary>
    public string Name => PoseIndex is { } k ? $"pose_fc[{k}]" : "ptch_fc[1] − ptch_fc[0]";

    public override string ToString() => PoseIndex is { } k ? $"pose:{k}" : "match";

    /// <summary>The score per pair, [N], from the network's outputs for N pairs.</summary>
    public Tensor Score(Tensor pose, Tensor matchLogits)
    {
        if (PoseIndex is not { } k) return matchLogits.select(1, 1) - matchLogits.select(1, 0);
        var outputs = pose.size(1);
        if (k >= outputs) throw new ArgumentOutOfRangeException(nameof(PoseIndex), k, $"pose_fc has {outputs} outputs");
        return pose.select(1, k);
    }
}
