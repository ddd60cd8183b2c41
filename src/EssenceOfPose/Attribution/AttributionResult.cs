namespace EssenceOfPose.Attribution;

/// <summary>
/// What every attribution method returns, whatever it computes (Captum's shape: one map per
/// input of the forward function): a map [N,H,W] for each input image batch — the first and the
/// second image of a pair for a siamese network — the explained score per item, and a name
/// that says which method explained which score.
/// </summary>
/// <param name="Name">Method and score, e.g. "saliency of pose_fc[0]".</param>
/// <param name="Maps">One [N,H,W] map per input, in the order of the inputs (first, second for a pair).</param>
/// <param name="Scores">The score S for each of the N items, at the inputs given.</param>
public sealed record AttributionResult(string Name, IReadOnlyList<Tensor> Maps, IReadOnlyList<double> Scores) : IDisposable
{
    /// <summary>The map of the first input (the first image of each pair).</summary>
    public Tensor First => Maps[0];

    /// <summary>The map of the second input (the second image of each pair).</summary>
    public Tensor Second => Maps.Count > 1 ? Maps[1] : throw new InvalidOperationException($"{Name} has one map only");

    /// <summary>Frees the maps now rather than with their scope.</summary>
    public void Dispose()
    {
        foreach (var m in Maps) m.Dispose();
    }
}
