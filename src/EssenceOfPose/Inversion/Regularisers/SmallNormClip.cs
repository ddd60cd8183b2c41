namespace EssenceOfPose.Inversion;

/// <summary>
/// Clipping of pixels with small norm (Yosinski et al., 2015, θ_n_pct): after each step the pixels
/// whose colour-vector norm is below the <see cref="Percentile"/>-th percentile of their image are
/// set to zero (the mean colour), so only the strongest pixels remain non-zero.
/// </summary>
internal sealed record SmallNormClip(double Percentile) : StepRegulariser
{
    public override string Name => $"norm_clip({Objective.FormatNumber(Percentile)}%)";

    internal override Tensor Apply(Tensor image, Tensor? gradient, int step) =>
        PixelPercentile.ZeroBelow(image, image.norm(1), Percentile);
}
