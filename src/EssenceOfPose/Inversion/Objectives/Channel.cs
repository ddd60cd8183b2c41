using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

public static partial class Objectives
{
    /// <summary>
    /// Channel visualisation (Olah et al., "Feature Visualization", Distill 2017; Lucent's
    /// <c>objectives.channel</c>): the loss is −mean over positions of channel
    /// <paramref name="channel"/> of a convolutional tap.
    /// </summary>
    public static Objective Channel(TapName tap, int channel) => new($"channel({tap}[{channel}])", ctx =>
    {
        var blob = ctx.Tap(tap);
        if (blob.dim() != 4) throw new ArgumentException($"channel({tap}[{channel}]): {tap} is not convolutional (shape [{string.Join(", ", blob.shape)}]); use Neuron for a fully connected unit");
        if (channel < 0 || channel >= blob.size(1)) throw new ArgumentOutOfRangeException(nameof(channel), channel, $"{tap} has {blob.size(1)} channels");
        return -blob.select(1, channel).mean([1L, 2L]);
    });
}
