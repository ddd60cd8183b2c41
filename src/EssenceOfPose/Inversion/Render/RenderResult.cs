namespace EssenceOfPose.Inversion;

/// <summary>A snapshot of the whole batch after <see cref="Step"/> steps (0 = the start image).</summary>
public sealed record Snapshot(int Step, Tensor Images);

/// <summary>
/// What <see cref="Renderer.Run"/> returns: the final batch [N,3,H,W] at the network input size
/// (centre crop of the last phase's image), the snapshots, and each term's loss per step and
/// image (<c>History[term][step][image]</c>, evaluated on the transformed input of that step,
/// before its update). Tensors belong to the dispose scope that was current when Run was called.
/// </summary>
public sealed record RenderResult(Tensor Images, IReadOnlyList<Snapshot> Snapshots, IReadOnlyList<string> TermNames,
    IReadOnlyList<double[][]> History, TimeSpan Elapsed)
{
    /// <summary>The image each phase ended with, at that phase's own size (uncropped), in phase order; a multi-scale plan's octaves.</summary>
    public IReadOnlyList<Tensor> PhaseImages { get; init; } = [];

    public int Steps => History.Count == 0 ? 0 : History[0].Length;

    public double SecondsPerStep => Steps == 0 ? 0 : Elapsed.TotalSeconds / Steps;

    /// <summary>One term's values for one image, per step.</summary>
    public double[] TermHistory(int term, int image) => History[term].Select(step => step[image]).ToArray();
}
