using EssenceOfPose.Data;

namespace EssenceOfPose.Inversion;

/// <summary>
/// Clips each channel to the valid 0–255 range in the model's mean-subtracted space,
/// [−mean_c, 255 − mean_c], as Yosinski et al.'s optimiser does at every iteration
/// (deep-visualization-toolbox, gradient_optimizer.py). The range comes from the model's
/// preprocessing (<see cref="Preprocess.ValidRange"/>).
/// </summary>
internal sealed record ChannelRange(PixelRange Range) : StepRegulariser
{
    public override string Name => $"range(0..255, mean={string.Join("/", Range.Low.Select(l => Objective.FormatNumber(-l)))})";

    internal override Tensor Apply(Tensor image, Tensor? gradient, int step) => Range.Clamp(image);
}
