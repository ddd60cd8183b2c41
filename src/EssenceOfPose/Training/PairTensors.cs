using EssenceOfPose.Data.Pairs;

namespace EssenceOfPose.Training;

/// <summary>
/// A list of pairs as the training loop consumes them: rows of the patch cache for both images,
/// the matching label, and the z-scored pose label (zeros for non-matching pairs, masked out).
/// </summary>
public sealed class PairTensors
{
    public PairTensors(IReadOnlyList<ViewPair> pairs, PatchCache cache, PoseLabelKind kind, LabelStats stats)
    {
        Pairs = pairs;
        First = pairs.Select(p => (long)cache.Row(p.First)).ToArray();
        Second = pairs.Select(p => (long)cache.Row(p.Second)).ToArray();
        Match = pairs.Select(p => (long)p.MatchLabel).ToArray();
        var size = PoseLabels.Size(kind);
        Labels = new float[pairs.Count * size];
        for (var i = 0; i < pairs.Count; i++)
        {
            if (!pairs[i].IsMatch) continue;
            var z = stats.Normalize(pairs[i].Label(kind));
            for (var k = 0; k < size; k++) Labels[i * size + k] = (float)z[k];
        }
        LabelSize = size;
    }

    public IReadOnlyList<ViewPair> Pairs { get; }
    public long[] First { get; }
    public long[] Second { get; }
    public long[] Match { get; }
    public float[] Labels { get; }
    public int LabelSize { get; }
    public int Count => First.Length;

    /// <summary>One batch: both images (mean subtracted), match labels [B] and normalised pose labels [B,P].</summary>
    public (Tensor A, Tensor B, Tensor Match, Tensor Pose) Batch(PatchCache cache, Tensor mean, ReadOnlySpan<int> indices)
    {
        var n = indices.Length;
        var first = new long[n];
        var second = new long[n];
        var match = new long[n];
        var pose = new float[n * LabelSize];
        for (var i = 0; i < n; i++)
        {
            var j = indices[i];
            first[i] = First[j];
            second[i] = Second[j];
            match[i] = Match[j];
            Array.Copy(Labels, j * LabelSize, pose, i * LabelSize, LabelSize);
        }
        // The patch cache stays in host memory; a batch goes to the device of the mean (the model's).
        var device = mean.device;
        var a = cache.Patches.index_select(0, torch.tensor(first)).to(device) - mean;
        var b = cache.Patches.index_select(0, torch.tensor(second)).to(device) - mean;
        return (a, b, torch.tensor(match, device: device), torch.tensor(pose, [n, LabelSize], device: device));
    }
}
