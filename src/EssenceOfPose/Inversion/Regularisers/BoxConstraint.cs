namespace EssenceOfPose.Inversion;

/// <summary>
/// Mahendran &amp; Vedaldi's box constraint (IJCV 2016): after every step each pixel's colour vector
/// is projected onto the ball of radius <see cref="Bound"/>, x_ij ← x_ij · min(1, B / ‖x_ij‖),
/// B = 160 in Caffe's mean-subtracted 0–255 space (twice the typical pixel norm of 80).
/// </summary>
internal sealed record BoxConstraint(double Bound = 160) : StepRegulariser
{
    public override string Name => $"box({Objective.FormatNumber(Bound)})";

    internal override Tensor Apply(Tensor image, Tensor? gradient, int step)
    {
        if (!(Bound > 0)) throw new ArgumentOutOfRangeException(nameof(Bound), Bound, "the bound must be positive");
        // A black pixel gives B/0 = ∞, clamped to 1: it stays black.
        var factor = (Bound / image.norm(1, keepdim: true)).clamp_max(1);
        return image * factor;
    }
}
