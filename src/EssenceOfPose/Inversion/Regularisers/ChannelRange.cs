namespace EssenceOfPose.Inversion;

/// <summary>
/// Clips each channel to the valid 0–255 range in Caffe's mean-subtracted space,
/// [−mean_c, 255 − mean_c], as Yosinski et al.'s optimiser does at every iteration
/// (deep-visualization-toolbox, gradient_optimizer.py). <see cref="Mean"/> is the RGB channel
/// mean the images were centred with.
/// </summary>
public sealed record ChannelRange(double[] Mean) : StepRegulariser
{
    public override string Name => $"range(0..255, mean={string.Join("/", Mean.Select(Objective.FormatNumber))})";

    internal override Tensor Apply(Tensor image, Tensor? gradient, int step)
    {
        if (Mean.Length != image.size(1)) throw new ArgumentException($"{Mean.Length} channel means for an image with {image.size(1)} channels");
        var mean = torch.tensor(Mean, [1, Mean.Length, 1, 1]).to(image.dtype, image.device);
        return image.clamp(-mean, 255 - mean);
    }

    public bool Equals(ChannelRange? other) => other is not null && Mean.SequenceEqual(other.Mean);

    public override int GetHashCode() => Mean.Aggregate(0, (h, m) => HashCode.Combine(h, m));
}
