using EssenceOfPose.Metrics;

namespace EssenceOfPose.Tests.Metrics;

public class ImageQualityTests
{
    static Tensor Random(ulong seed, long n = 2, long size = 16) => torch.rand([n, 3, size, size], generator: new Generator(seed)) * 255.0;

    [Fact]
    public void Sharpness_is_one_for_the_original_and_worked_by_hand_for_a_ramp()
    {
        using var scope = torch.NewDisposeScope();
        var ramp = torch.arange(0, 8, dtype: ScalarType.Float64).reshape(1, 1, 1, 8).expand(1, 3, 8, 8).contiguous() * 10;
        Assert.Equal(1.0, ImageQuality.Sharpness(ramp, ramp)[0], 12);
        // A ramp of step 10 along x: every gradient is (10, 0), magnitude 10; a ramp of step 20 and one of step 10 along both axes, by hand.
        var steeper = ramp * 2;
        Assert.Equal(2.0, ImageQuality.Sharpness(ramp, steeper)[0], 12);
        var diagonal = ramp + ramp.transpose(2, 3);
        Assert.Equal(Math.Sqrt(2), ImageQuality.Sharpness(ramp, diagonal)[0], 12);
        // A flat image has no gradient: half as sharp as nothing is nothing, and any edge against a flat original is unbounded.
        var flat = torch.full([1, 3, 8, 8], 50.0, dtype: ScalarType.Float64);
        Assert.Equal(0.0, ImageQuality.Sharpness(ramp, flat)[0], 12);
        Assert.Equal(1.0, ImageQuality.Sharpness(flat, flat)[0], 12);
        Assert.True(double.IsPositiveInfinity(ImageQuality.Sharpness(flat, ramp)[0]));
    }

    [Fact]
    public void Blur_lowers_sharpness_and_noise_raises_it()
    {
        using var scope = torch.NewDisposeScope();
        using var gen = new Generator(3);
        var image = torch.rand([2, 3, 32, 32], generator: gen) * 255;
        var blurred = F.avg_pool2d(F.pad(image, [1, 1, 1, 1], PaddingModes.Replicate), 3, 1);
        var noisy = image + torch.randn([2, 3, 32, 32], generator: gen) * 40;
        Assert.All(ImageQuality.Sharpness(image, blurred), s => Assert.InRange(s, 0.1, 0.8));
        Assert.All(ImageQuality.Sharpness(image, noisy), s => Assert.True(s > 1, $"noise gave sharpness {s}"));
        Assert.Throws<ArgumentException>(() => ImageQuality.Sharpness(image, blurred.narrow(3, 0, 30)));
    }

    [Fact]
    public void Statistics_distance_is_zero_for_a_reordered_set_and_worked_by_hand_for_a_shift()
    {
        using var scope = torch.NewDisposeScope();
        var x = Random(4, n: 3);
        // The sets' distributions, not the pairing: the same images in another order are at distance 0.
        var reordered = x.index_select(0, torch.tensor(new long[] { 2, 0, 1 }));
        var (g0, c0) = ImageQuality.StatisticsDistance(x, reordered);
        Assert.Equal(0.0, g0, 9);
        Assert.Equal(0.0, c0, 9);
        // A constant shift moves every pixel value by 12 and leaves every gradient as it was.
        var (g1, c1) = ImageQuality.StatisticsDistance(x, x + 12);
        Assert.Equal(0.0, g1, 4); // float32 rounding of x + 12
        Assert.Equal(12.0, c1, 4);
        // Doubling the contrast about 0 doubles every gradient magnitude: W₁ is their mean.
        var ramp = torch.arange(0, 8, dtype: ScalarType.Float64).reshape(1, 1, 1, 8).expand(1, 3, 8, 8).contiguous() * 10;
        var (g2, _) = ImageQuality.StatisticsDistance(ramp, ramp * 2);
        Assert.Equal(10.0, g2, 9);
        // Blur and noise both move the gradient statistics away from the originals'.
        using var gen = new Generator(3);
        var image = torch.rand([2, 3, 32, 32], generator: gen) * 255;
        var blurred = F.avg_pool2d(F.pad(image, [1, 1, 1, 1], PaddingModes.Replicate), 3, 1);
        Assert.True(ImageQuality.StatisticsDistance(image, blurred).Gradient > 20);
        Assert.Throws<ArgumentException>(() => ImageQuality.StatisticsDistance(image, blurred.narrow(0, 0, 1)));
    }

    [Fact]
    public void Psnr_of_a_known_uniform_error()
    {
        using var scope = torch.NewDisposeScope();
        var x = Random(1);
        // Image 0 off by 5 everywhere (MSE 25), image 1 by −10 (MSE 100).
        var y = x + torch.tensor(new float[] { 5, -10 }, [2, 1, 1, 1]);
        var psnr = ImageQuality.Psnr(x, y);
        Assert.Equal(10 * Math.Log10(255.0 * 255 / 25), psnr[0], 4); // 34.1514 dB
        Assert.Equal(10 * Math.Log10(255.0 * 255 / 100), psnr[1], 4); // 28.1308 dB
        Assert.Equal(34.1514, psnr[0], 4);
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], ImageQuality.Psnr(x, x));
    }

    [Fact]
    public void Caffe_space_goes_back_by_adding_the_mean()
    {
        using var scope = torch.NewDisposeScope();
        var caffe = torch.zeros(1, 3, 1, 2) - 10.0;
        var rgb = EssenceOfPose.Data.Preprocess.WithMean([120, 110, 100]).ToRgb(caffe);
        Assert.Equal(new float[] { 110, 110, 100, 100, 90, 90 }, rgb.ToArray<float>());
        Assert.Throws<ArgumentException>(() => EssenceOfPose.Data.Preprocess.WithMean([1, 2, 3]).ToRgb(torch.zeros(1, 2, 1, 2)));
    }

    [Fact]
    public void Ssim_of_identical_images_is_one()
    {
        using var scope = torch.NewDisposeScope();
        var x = Random(2);
        Assert.All(ImageQuality.Ssim(x, x), s => Assert.Equal(1.0, s, 12));
        var noisy = x + torch.randn(x.shape, generator: new Generator(3)) * 20.0;
        Assert.All(ImageQuality.Ssim(x, noisy), s => Assert.InRange(s, 0.0, 0.99));
    }

    [Fact]
    public void Ssim_of_flat_images_at_different_levels_is_the_luminance_term()
    {
        using var scope = torch.NewDisposeScope();
        // Flat images have σ = 0, so the contrast–structure factor is C2/C2 = 1 and SSIM = l = (2μxμy + C1)/(μx² + μy² + C1)
        // with C1 = (0.01·255)² = 6.5025, at every window. Channels: (100 vs 110), (50 vs 50), (200 vs 140).
        double[] mx = [100, 50, 200], my = [110, 50, 140];
        var x = torch.tensor(mx, [1, 3, 1, 1]).expand(1, 3, 13, 12).contiguous();
        var y = torch.tensor(my, [1, 3, 1, 1]).expand(1, 3, 13, 12).contiguous();
        const double c1 = 6.5025;
        var expected = Enumerable.Range(0, 3).Select(c => (2 * mx[c] * my[c] + c1) / (mx[c] * mx[c] + my[c] * my[c] + c1)).Average();
        Assert.Equal(expected, ImageQuality.Ssim(x, y)[0], 10);
        Assert.Equal((0.9954764440915066 + 1 + 0.9396039) / 3, expected, 6);
    }

    [Fact]
    public void Ssim_of_two_single_bright_pixels_worked_by_hand()
    {
        using var scope = torch.NewDisposeScope();
        // 11×11 images, one window: x is 200 at the centre and 0 elsewhere, y is 100 there. The window's
        // centre weight is w0 = 1/s² with s = Σ_{i=−5..5} exp(−i²/4.5) = 3.7592328, so w0 = 0.07076224.
        // μx = 200·w0 = 14.152448, μy = 7.076224; σx² = 200²·w0(1 − w0) = 2630.1977, σy² = 657.54943,
        // σxy = 200·100·w0(1 − w0) = 1315.0989; C1 = 6.5025, C2 = (0.03·255)² = 58.5225.
        // SSIM = (2·14.152448·7.076224 + C1)(2·1315.0989 + C2) / ((14.152448² + 7.076224² + C1)(2630.1977 + 657.54943 + C2))
        //      = (206.79432 · 2688.7202) / (256.86689 · 3346.2697) = 0.6468663 (each channel alike).
        var x = torch.zeros(1, 3, 11, 11);
        var y = torch.zeros(1, 3, 11, 11);
        x.index_put_(200, TensorIndex.Colon, TensorIndex.Colon, 5, 5);
        y.index_put_(100, TensorIndex.Colon, TensorIndex.Colon, 5, 5);
        Assert.Equal(0.6468663, ImageQuality.Ssim(x, y)[0], 6);
        Assert.Equal(0.07076224, ImageQuality.Window()[0, 0, 5, 5].ToDouble(), 8);
        Assert.Equal(1.0, ImageQuality.Window().sum().ToDouble(), 12);
    }

    [Fact]
    public void Ssim_checks_its_inputs()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => ImageQuality.Ssim(torch.zeros(1, 3, 10, 11), torch.zeros(1, 3, 10, 11)));
        Assert.Throws<ArgumentException>(() => ImageQuality.Ssim(torch.zeros(1, 3, 11, 11), torch.zeros(1, 3, 12, 11)));
        Assert.Throws<ArgumentException>(() => ImageQuality.Psnr(torch.zeros(3, 11, 11), torch.zeros(3, 11, 11)));
    }
}
