namespace EssenceOfPose.Inversion;

/// <summary>
/// Random translation by cropping (Lucid's <c>jitter(d)</c>; Mahendran &amp; Vedaldi's jitter, which
/// keeps the image <see cref="Pixels"/> larger than the network input and feeds a random window):
/// each image is cropped to (H − d) × (W − d) at an offset drawn uniformly from 0…d per axis.
/// </summary>
public sealed record Jitter(int Pixels) : Transform
{
    public override string Name => $"jitter({Pixels})";

    public override int Margin => Pixels;

    internal override Tensor Apply(Tensor images, Generator generator)
    {
        if (Pixels < 0) throw new ArgumentOutOfRangeException(nameof(Pixels), Pixels, "jitter must be non-negative");
        if (Pixels == 0) return images;
        long n = images.size(0), h = images.size(2) - Pixels, w = images.size(3) - Pixels;
        if (h < 1 || w < 1) throw new ArgumentException($"jitter({Pixels}) on a {images.size(2)}×{images.size(3)} image leaves nothing");
        var offsets = torch.randint(0, Pixels + 1, [n, 2], generator: generator).ToArray<long>();
        var crops = new Tensor[n];
        for (var i = 0; i < n; i++)
            crops[i] = images.narrow(0, i, 1).narrow(2, offsets[2 * i], h).narrow(3, offsets[2 * i + 1], w);
        return torch.cat(crops, 0);
    }
}
