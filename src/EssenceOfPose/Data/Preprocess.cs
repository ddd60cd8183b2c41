using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Data;

/// <summary>
/// The original preprocessing and its inverse, owned in one place (FACTS.md: "centre crop 192 of
/// 256, resized to 101"; Caffe's mean subtraction in the 0–255 range): RGB, the central
/// <see cref="CropFraction"/> (192/256) of the shorter side, resized to <see cref="InputSize"/>²
/// with libtorch's antialiased bilinear interpolation, minus the per-channel mean. An image of
/// another size than 256 is cropped by the same fraction, which equals resizing it to 256 first.
/// </summary>
public sealed record Preprocess
{
    /// <summary>The fraction of the shorter side kept by the centre crop: 192 of 256.</summary>
    public double CropFraction { get; init; } = 192.0 / 256.0;

    public int InputSize { get; init; } = 101;

    /// <summary>Per-channel mean (R, G, B) in the 0–255 range, subtracted from inputs.</summary>
    public IReadOnlyList<double> Mean { get; init; } = [0, 0, 0];

    /// <summary>Preprocessing with the given mean (for a checkpoint: its stored mean).</summary>
    public static Preprocess WithMean(IReadOnlyList<double> mean)
    {
        if (mean.Count != 3) throw new ArgumentException($"the channel mean has {mean.Count} values; expected 3 (R, G, B)");
        return new Preprocess { Mean = mean.ToArray() };
    }

    /// <summary>An image as a [3,H,W] float32 tensor of 0–255 values (no crop, no mean).</summary>
    public static Tensor ImageToTensor(RgbImage image)
    {
        using var scope = torch.NewDisposeScope();
        var hwc = torch.tensor(image.Pixels.ToArray(), [image.Height, image.Width, 3]);
        return scope.MoveToOuter(hwc.permute(2, 0, 1).to(ScalarType.Float32).contiguous());
    }

    /// <summary>A [3,H,W] tensor of 0–255 values as an image (rounded, clamped).</summary>
    public static RgbImage TensorToImage(Tensor chw)
    {
        if (chw.dim() != 3 || chw.size(0) != 3) throw new ArgumentException($"expected a [3,H,W] tensor, got [{string.Join(", ", chw.shape)}]");
        using var scope = torch.NewDisposeScope();
        var hwc = chw.detach().to(torch.CPU).round().clamp(0, 255).to(ScalarType.Byte).permute(1, 2, 0).contiguous();
        return new RgbImage((int)chw.size(2), (int)chw.size(1), hwc.ToArray<byte>());
    }

    /// <summary>The network input for one image: [3, InputSize, InputSize], mean subtracted.</summary>
    public Tensor Apply(RgbImage image)
    {
        using var scope = torch.NewDisposeScope();
        var side = Math.Min(image.Width, image.Height);
        var crop = (int)Math.Round(side * CropFraction);
        var x = ImageToTensor(image.CropCentre(crop, crop)).unsqueeze(0);
        var resized = crop == InputSize ? x : F.interpolate(x, size: [InputSize, InputSize], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
        return scope.MoveToOuter((resized - MeanTensor()).squeeze(0));
    }

    /// <summary>A batch [N, 3, InputSize, InputSize] of preprocessed images.</summary>
    public Tensor Apply(IEnumerable<RgbImage> images)
    {
        using var scope = torch.NewDisposeScope();
        var list = images.Select(Apply).ToArray();
        if (list.Length == 0) throw new ArgumentException("no images to preprocess");
        return scope.MoveToOuter(torch.stack(list, 0));
    }

    /// <summary>Undoes the mean subtraction of a network-space [3,H,W] tensor and makes it an image (for display).</summary>
    public RgbImage Invert(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var chw = input.dim() == 4 && input.size(0) == 1 ? input.squeeze(0) : input;
        return TensorToImage(chw.detach().to(torch.CPU) + MeanTensor().squeeze(0));
    }

    /// <summary>The mean as a [1,3,1,1] tensor.</summary>
    public Tensor MeanTensor() => torch.tensor(Mean.Select(m => (float)m).ToArray(), [1, 3, 1, 1]);

    /// <summary>The lowest and highest value a network-space pixel can take per channel (0 − mean, 255 − mean).</summary>
    public (double[] Low, double[] High) Range() => (Mean.Select(m => -m).ToArray(), Mean.Select(m => 255 - m).ToArray());
}
