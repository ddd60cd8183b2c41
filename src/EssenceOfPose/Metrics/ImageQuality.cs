namespace EssenceOfPose.Metrics;

/// <summary>
/// Full-reference image quality of a reconstruction against its original, per image of a batch
/// [N,C,H,W] of pixel values in the 0–255 range: PSNR, and SSIM of Wang, Bovik, Sheikh and
/// Simoncelli, "Image Quality Assessment: From Error Visibility to Structural Similarity"
/// (IEEE TIP 2004). Images in a model's input space are brought back with
/// <see cref="Data.Preprocess.ToRgb"/>, which adds the mean and neither clips nor rounds, so the
/// numbers describe the tensors themselves rather than an 8-bit file written from them.
/// </summary>
internal static class ImageQuality
{
    /// <summary>Peak value of the 0–255 range, PSNR's peak and SSIM's dynamic range L.</summary>
    public const double Peak = 255;

    /// <summary>
    /// PSNR in dB per image: 10·log10(255² / MSE), the MSE over every channel and pixel; +∞ for
    /// identical images.
    /// </summary>
    public static double[] Psnr(Tensor reference, Tensor test)
    {
        CheckPair(reference, test);
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var mse = (reference.to(ScalarType.Float64) - test.to(ScalarType.Float64)).square().mean([1, 2, 3]).ToArray<double>();
        return mse.Select(m => m == 0 ? double.PositiveInfinity : 10 * Math.Log10(Peak * Peak / m)).ToArray();
    }

    /// <summary>
    /// SSIM per image, as Wang et al.'s reference code computes it: local statistics under an
    /// 11×11 Gaussian window of σ 1.5 (normalised to sum 1), K1 = 0.01, K2 = 0.03, L = 255,
    /// the map over the valid positions only (no padding), its mean per channel, averaged over
    /// the channels. Images need at least 11×11 pixels.
    /// </summary>
    public static double[] Ssim(Tensor reference, Tensor test)
    {
        CheckPair(reference, test);
        var (c, h, w) = (reference.size(1), reference.size(2), reference.size(3));
        if (h < WindowSize || w < WindowSize) throw new ArgumentException($"SSIM needs images of at least {WindowSize}×{WindowSize}; got {h}×{w}");
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var x = reference.to(ScalarType.Float64);
        var y = test.to(ScalarType.Float64);
        // Depthwise convolution: each channel filtered on its own.
        var window = Window().expand(c, 1, WindowSize, WindowSize).contiguous();
        Tensor Blur(Tensor t) => F.conv2d(t, window, groups: c);
        var (mx, my) = (Blur(x), Blur(y));
        var sxx = Blur(x * x) - mx * mx;
        var syy = Blur(y * y) - my * my;
        var sxy = Blur(x * y) - mx * my;
        const double c1 = K1 * Peak * K1 * Peak, c2 = K2 * Peak * K2 * Peak;
        var map = (2 * mx * my + c1) * (2 * sxy + c2) / ((mx * mx + my * my + c1) * (sxx + syy + c2));
        return map.mean([2, 3]).mean([1]).ToArray<double>();
    }

    /// <summary>
    /// Sharpness of each test image relative to its reference: the mean gradient magnitude
    /// √(∂x² + ∂y²) of the test image (forward differences, every channel, over the
    /// (H−1)×(W−1) positions where both exist) divided by the reference's. 1 is as sharp as the
    /// original; an L2 reconstruction's blur gives less. Comparable across methods and images
    /// because each image is measured against its own original.
    /// </summary>
    public static double[] Sharpness(Tensor reference, Tensor test)
    {
        CheckPair(reference, test);
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var a = GradientMagnitude(reference.to(ScalarType.Float64)).ToArray<double>();
        var b = GradientMagnitude(test.to(ScalarType.Float64)).ToArray<double>();
        return a.Zip(b, (r, t) => r == 0 ? (t == 0 ? 1 : double.PositiveInfinity) : t / r).ToArray();
    }

    /// <summary>
    /// How far a set of images' statistics lie from a reference set's, without a discriminator:
    /// the 1-Wasserstein (earth mover's) distance between the two sets' distributions of
    /// (a) gradient magnitude √(∂x² + ∂y²) at every pixel and channel, the heavy-tailed statistic
    /// that blur thins and noise fattens, and (b) pixel value, per channel, averaged over the
    /// channels. Both in 0–255 units; 0 when the distributions match, whatever the pairing of
    /// images. Both sets need the same shape (W₁ of equal-size samples is the mean gap between
    /// their sorted values).
    /// </summary>
    public static (double Gradient, double Colour) StatisticsDistance(Tensor reference, Tensor test)
    {
        CheckPair(reference, test);
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        static double W1(Tensor a, Tensor b) => (a.flatten().sort().Values - b.flatten().sort().Values).abs().mean().item<double>();
        var (x, y) = (reference.to(ScalarType.Float64), test.to(ScalarType.Float64));
        var gradient = W1(GradientMagnitudes(x), GradientMagnitudes(y));
        var c = x.size(1);
        var colour = Enumerable.Range(0, (int)c).Average(i => W1(x.select(1, i), y.select(1, i)));
        return (gradient, colour);
    }

    /// <summary>Gradient magnitude at every pixel and channel of [N,C,H,W] (forward differences), [N,C,H−1,W−1].</summary>
    static Tensor GradientMagnitudes(Tensor x)
    {
        var (h, w) = (x.size(2), x.size(3));
        if (h < 2 || w < 2) throw new ArgumentException($"gradient statistics need images of at least 2×2; got {h}×{w}");
        var dx = x.narrow(3, 1, w - 1).narrow(2, 0, h - 1) - x.narrow(3, 0, w - 1).narrow(2, 0, h - 1);
        var dy = x.narrow(2, 1, h - 1).narrow(3, 0, w - 1) - x.narrow(2, 0, h - 1).narrow(3, 0, w - 1);
        return (dx.square() + dy.square()).sqrt();
    }

    /// <summary>Mean gradient magnitude per image of [N,C,H,W].</summary>
    static Tensor GradientMagnitude(Tensor x) => GradientMagnitudes(x).mean([1, 2, 3]);

    public const int WindowSize = 11;
    public const double WindowSigma = 1.5, K1 = 0.01, K2 = 0.03;

    /// <summary>The 11×11 Gaussian window, [1,1,11,11], float64, summing to 1 (MATLAB's fspecial('gaussian', 11, 1.5)).</summary>
    internal static Tensor Window()
    {
        var r = WindowSize / 2;
        var g = Enumerable.Range(-r, WindowSize).Select(i => Math.Exp(-i * i / (2 * WindowSigma * WindowSigma))).ToArray();
        var s = g.Sum();
        var g1 = torch.tensor(g.Select(v => v / s).ToArray(), [WindowSize]);
        return g1.outer(g1).reshape(1, 1, WindowSize, WindowSize);
    }

    static void CheckPair(Tensor a, Tensor b)
    {
        if (a.dim() != 4) throw new ArgumentException($"images must be [N,C,H,W]; got [{string.Join(", ", a.shape)}]");
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"images differ in shape: [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}]");
    }
}
