namespace EssenceOfPose.Inversion;

/// <summary>
/// Clipping of pixels with small contribution (Yosinski et al., 2015, θ_c_pct): the contribution
/// of pixel ij is |Σ_c x_ijc ∂a/∂x_ijc|, the linearised change of the activation if the pixel were
/// set to zero; pixels below the <see cref="Percentile"/>-th percentile of their image are zeroed.
/// As in their code, x is the image after the update and the gradient the one of that update
/// (its sign does not matter under the absolute value, so ∂loss/∂x serves as well as ∂a/∂x).
/// </summary>
internal sealed record SmallContributionClip(double Percentile) : StepRegulariser
{
    public override string Name => $"contribution_clip({Objective.FormatNumber(Percentile)}%)";

    internal override bool NeedsGradient => true;

    internal override Tensor Apply(Tensor image, Tensor? gradient, int step)
    {
        if (gradient is null) throw new InvalidOperationException($"{Name} needs the gradient of the step");
        return PixelPercentile.ZeroBelow(image, (image * gradient).sum(1).abs(), Percentile);
    }
}
