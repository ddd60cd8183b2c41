using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Display;

/// <summary>
/// Batches of image tensors as pictures for <see cref="ImageGrid"/> that are not in a model's
/// input space (those are <see cref="ImageBatch.Pictures"/>): 0–255 RGB renderings such as heat
/// maps, and images whose range means nothing by itself (unit visualisations, dreams' details),
/// stretched per image so that their structure shows.
/// </summary>
public static class Pictures
{
    /// <summary>A batch [N,3,H,W] (or [3,H,W]) of 0–255 RGB values, such as <c>HeatOverlay</c> draws, as N pictures.</summary>
    public static IReadOnlyList<RgbImage> FromRgb(Tensor images) => Preprocess.Split(images).Select(Preprocess.TensorToImage).ToArray();

    /// <summary>
    /// Each image [3,H,W] of a batch stretched on its own so that its
    /// <paramref name="clipPercent"/>-th and (100 − <paramref name="clipPercent"/>)-th percentiles
    /// over all channels become 0 and 255: for images whose absolute values mean nothing, such as
    /// unit visualisations. The colours' relations within an image are kept (one stretch for all
    /// three channels).
    /// </summary>
    public static IReadOnlyList<RgbImage> Stretched(Tensor images, double clipPercent = 1)
    {
        if (clipPercent is < 0 or >= 50) throw new ArgumentOutOfRangeException(nameof(clipPercent), clipPercent, "clip 0 to under 50 percent at each end");
        return Preprocess.Split(images).Select(x =>
        {
            using var scope = torch.NewDisposeScope();
            var values = x.detach().to(torch.CPU).to(ScalarType.Float64).flatten().ToArray<double>();
            Array.Sort(values);
            double At(double p) => values[(int)Math.Clamp(Math.Round(p / 100 * (values.Length - 1)), 0, values.Length - 1)];
            var (low, high) = (At(clipPercent), At(100 - clipPercent));
            var span = high - low > 1e-12 ? high - low : 1;
            return Preprocess.TensorToImage((x.detach().to(torch.CPU).to(ScalarType.Float32) - low) * (255.0 / span));
        }).ToArray();
    }
}
