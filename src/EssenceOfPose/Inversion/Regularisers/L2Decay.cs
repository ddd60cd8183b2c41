namespace EssenceOfPose.Inversion;

/// <summary>
/// L2 decay x ← (1 − θ)·x after every step (Yosinski et al., 2015, r_θ with θ_decay): a prior
/// that pulls every pixel towards the mean image (zero in Caffe space).
/// </summary>
internal sealed record L2Decay(double Theta) : StepRegulariser
{
    public override string Name => $"l2_decay({Objective.FormatNumber(Theta)})";

    internal override Tensor Apply(Tensor image, Tensor? gradient, int step)
    {
        if (!(Theta >= 0 && Theta < 1)) throw new ArgumentOutOfRangeException(nameof(Theta), Theta, "decay must be in [0, 1)");
        return Theta == 0 ? image : image * (1 - Theta);
    }
}
