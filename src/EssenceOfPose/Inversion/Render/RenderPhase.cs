namespace EssenceOfPose.Inversion;

/// <summary>
/// A stretch of the render loop with one optimiser, one random transform and one set of
/// step-wise regularisers (Mahendran &amp; Vedaldi run two: 300 steps with jitter, then 50 at a tenth
/// of the rate without). The image of a phase is the network input plus the transform's margin;
/// a phase starts from the previous phase's image, centre-cropped or zero-padded to that size,
/// with fresh optimiser state.
/// </summary>
public sealed record RenderPhase(int Steps, UpdateRule Rule, Transform Transform, IReadOnlyList<StepRegulariser> StepRegularisers)
{
    public string Name => $"{Steps} × {Rule.Name}; transforms: {Transform.Name}; step regularisers: {(StepRegularisers.Count == 0 ? "none" : string.Join(", ", StepRegularisers.Select(r => r.Name)))}";

    public bool Equals(RenderPhase? other) =>
        other is not null && Steps == other.Steps && Rule == other.Rule && Transform == other.Transform && StepRegularisers.SequenceEqual(other.StepRegularisers);

    public override int GetHashCode() => HashCode.Combine(Steps, Rule, Transform, StepRegularisers.Count);
}
