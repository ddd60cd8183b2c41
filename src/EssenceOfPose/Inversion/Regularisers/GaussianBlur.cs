namespace EssenceOfPose.Inversion;

/// <summary>
/// Gaussian blur of width σ = <see cref="Width"/> every <see cref="Every"/> steps (Yosinski et al.,
/// 2015, θ_b_width and θ_b_every; blurring on the steps where step mod every = 0, as their code).
/// Separable: one horizontal and one vertical conv2d per channel, the kernel truncated at 4σ
/// (scipy.ndimage.gaussian_filter's default, which their code calls) and normalised to sum 1,
/// with reflect padding (mirrored without repeating the edge) so a constant image stays constant.
/// </summary>
internal sealed record GaussianBlur(double Width, int Every = 1) : StepRegulariser
{
    public override string Name => $"blur(σ={Objective.FormatNumber(Width)},every={Every})";

    internal override Tensor Apply(Tensor image, Tensor? gradient, int step)
    {
        if (Every < 1) throw new ArgumentOutOfRangeException(nameof(Every), Every, "blur every k ≥ 1 steps");
        return step % Every == 0 ? Blur(image, Width) : image;
    }

    /// <summary>The normalised 1-D kernel: exp(−t²/2σ²) for t in −r..r, r = ⌈4σ⌉, divided by its sum.</summary>
    internal static double[] Kernel(double sigma)
    {
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "σ must be positive");
        var r = (int)Math.Ceiling(4 * sigma);
        var k = Enumerable.Range(-r, 2 * r + 1).Select(t => Math.Exp(-t * t / (2 * sigma * sigma))).ToArray();
        var sum = k.Sum();
        return k.Select(v => v / sum).ToArray();
    }

    /// <summary>Blurs every channel of [N,C,H,W] with the separable kernel.</summary>
    internal static Tensor Blur(Tensor image, double sigma)
    {
        var k = Kernel(sigma);
        long c = image.size(1), r = k.Length / 2;
        // Reflect padding cannot exceed the side − 1; a wider kernel on a tiny image is cut there.
        var ry = Math.Min(r, image.size(2) - 1);
        var rx = Math.Min(r, image.size(3) - 1);
        var ky = Cut(k, ry);
        var kx = Cut(k, rx);
        var wy = torch.tensor(ky, [1, 1, ky.Length, 1]).to(image.dtype, image.device).expand(c, 1, ky.Length, 1);
        var wx = torch.tensor(kx, [1, 1, 1, kx.Length]).to(image.dtype, image.device).expand(c, 1, 1, kx.Length);
        var x = F.conv2d(F.pad(image, [0, 0, ry, ry], PaddingModes.Reflect), wy, groups: c);
        return F.conv2d(F.pad(x, [rx, rx, 0, 0], PaddingModes.Reflect), wx, groups: c);
    }

    static double[] Cut(double[] k, long radius)
    {
        var r = k.Length / 2;
        if (radius >= r) return k;
        var cut = k.Skip(r - (int)radius).Take(2 * (int)radius + 1).ToArray();
        var sum = cut.Sum();
        return cut.Select(v => v / sum).ToArray();
    }
}
