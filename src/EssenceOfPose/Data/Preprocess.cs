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

    /// <summary>The preprocessing a checkpoint was trained with: its stored mean and input size.</summary>
    public static Preprocess For(Models.CheckpointInfo info) => WithMean(info.Mean) with { InputSize = info.InputSize };

    /// <summary>Preprocessing with the given mean (tests, notebook 01; a model's own is <see cref="Models.PoseModel.Preprocess"/>).</summary>
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
        return TensorToImage(ToRgb(chw.detach().to(torch.CPU)));
    }

    /// <summary>A batch [N,3,H,W] (or one image [3,H,W]) in network space as pictures: mean added, rounded, clamped to 0–255.</summary>
    public IReadOnlyList<RgbImage> Pictures(Tensor images) => Split(images).Select(Invert).ToArray();

    /// <summary>
    /// Network space back to 0–255 RGB, x + mean per channel, in the tensor's own dtype and device,
    /// neither clipped nor rounded (image-quality metrics measure the tensors themselves).
    /// </summary>
    public Tensor ToRgb(Tensor images)
    {
        var channels = images.dim() == 4 ? images.size(1) : images.size(0);
        if (channels != Mean.Count) throw new ArgumentException($"the mean has {Mean.Count} values but the images {channels} channels");
        var mean = torch.tensor(Mean.ToArray(), images.dim() == 4 ? [1, Mean.Count, 1, 1] : [Mean.Count, 1, 1]).to(images.dtype, images.device);
        return images + mean;
    }

    /// <summary>The mean as a [1,3,1,1] tensor.</summary>
    internal Tensor MeanTensor() => torch.tensor(Mean.Select(m => (float)m).ToArray(), [1, 3, 1, 1]);

    /// <summary>The lowest and highest value a network-space pixel can take per channel (0 − mean, 255 − mean).</summary>
    public PixelRange ValidRange => new(Mean.Select(m => -m).ToArray(), Mean.Select(m => 255 - m).ToArray());

    internal static IEnumerable<Tensor> Split(Tensor images)
    {
        if (images.dim() == 3) return [images];
        if (images.dim() != 4 || images.size(1) != 3)
            throw new ArgumentException($"expected images [N,3,H,W] or [3,H,W]; got [{string.Join(", ", images.shape)}]");
        return Enumerable.Range(0, (int)images.size(0)).Select(i => images.select(0, i));
    }
}

/// <summary>The valid values of a network-space pixel per channel, [low_c, high_c] (for mean-subtracted 0–255 input: [−mean_c, 255 − mean_c]).</summary>
public sealed record PixelRange(IReadOnlyList<double> Low, IReadOnlyList<double> High)
{
    /// <summary>Both bounds as [1,C,1,1] tensors of <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    public (Tensor Low, Tensor High) Tensors(ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var low = torch.tensor(Low.ToArray(), [1, Low.Count, 1, 1]).to(dtype, device ?? torch.CPU);
        var high = torch.tensor(High.ToArray(), [1, High.Count, 1, 1]).to(dtype, device ?? torch.CPU);
        return (low, high);
    }

    /// <summary>Each channel of <paramref name="images"/> [N,C,H,W] clamped to the range.</summary>
    public Tensor Clamp(Tensor images)
    {
        if (Low.Count != images.size(1)) throw new ArgumentException($"a range of {Low.Count} channels for an image with {images.size(1)} channels");
        var (low, high) = Tensors(images.dtype, images.device);
        return images.clamp(low, high);
    }

    public bool Equals(PixelRange? other) => other is not null && Low.SequenceEqual(other.Low) && High.SequenceEqual(other.High);

    public override int GetHashCode() => Low.Concat(High).Aggregate(0, (h, v) => HashCode.Combine(h, v));
}
