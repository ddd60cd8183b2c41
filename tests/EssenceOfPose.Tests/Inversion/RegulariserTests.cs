using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

public class RegulariserTests
{
    static double[] Values(int n, int seed, double scale = 1, double offset = 0)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => offset + scale * (rng.NextDouble() * 2 - 1)).ToArray();
    }

    [Theory]
    [InlineData(6)]
    [InlineData(2)]
    [InlineData(1.5)]
    public void Alpha_norm_gradient_matches_finite_differences(double alpha)
    {
        var err = GradientCheck.MaxRelativeError(x => Regularisers.AlphaNormOf(x, alpha), Values(2 * 3 * 4 * 5, 1), [2, 3, 4, 5]);
        Assert.True(err < 1e-4, $"α = {alpha}: {err}");
    }

    [Theory]
    [InlineData(2, true)]
    [InlineData(1, true)]
    [InlineData(1.5, true)]
    [InlineData(2, false)]
    [InlineData(1, false)]
    [InlineData(3, false)]
    public void Total_variation_gradient_matches_finite_differences(double beta, bool isotropic)
    {
        var err = GradientCheck.MaxRelativeError(x => Regularisers.TotalVariationOf(x, beta, isotropic), Values(2 * 3 * 5 * 4, 2), [2, 3, 5, 4]);
        Assert.True(err < 1e-4, $"β = {beta}, {(isotropic ? "iso" : "aniso")}: {err}");
    }

    [Fact]
    public void L2_gradient_matches_finite_differences() =>
        Assert.True(GradientCheck.MaxRelativeError(Regularisers.L2Of, Values(3 * 4 * 4, 3), [1, 3, 4, 4]) < 1e-4);

    [Fact]
    public void Total_variation_has_a_finite_gradient_on_a_flat_image_for_beta_below_two()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.full([1, 3, 6, 6], 7.0).requires_grad_();
        var g = torch.autograd.grad([Regularisers.TotalVariationOf(x, 1, true).sum()], [x])[0];
        Assert.True(g.isfinite().all().ToDouble() > 0);
        Assert.Equal(0, g.abs().max().ToDouble());
    }

    [Fact]
    public void Total_variation_and_alpha_norm_have_the_published_values()
    {
        using var scope = torch.NewDisposeScope();
        // A 1×2 image with one channel step of 3 and one of 4: isotropic β=2 is (3² + 0)/HW per channel.
        var x = torch.tensor(new double[] { 0, 3, 0, 4, 0, 0 }, [1, 3, 1, 2]);
        Assert.Equal((9 + 16) / 2.0, Regularisers.TotalVariationOf(x, 2, true).ToDouble(), 1e-12);
        Assert.Equal((3 + 4) / 2.0, Regularisers.TotalVariationOf(x, 1, false, epsilon: 0).ToDouble(), 1e-12);
        // Pixel norms 0 and 5: R_α = (0 + 5⁶)/2.
        Assert.Equal(Math.Pow(5, 6) / 2, Regularisers.AlphaNormOf(x, 6).ToDouble(), 1e-6);
    }

    static int[] ZeroedPerImage(Tensor image) =>
        Enumerable.Range(0, (int)image.size(0)).Select(i => (int)image[i].abs().sum(dim: 0).eq(0).sum().ToDouble()).ToArray();

    [Theory]
    [InlineData(50)]
    [InlineData(20)]
    [InlineData(90)]
    public void Small_norm_clipping_zeroes_exactly_the_percentile(double p)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(8);
        var x = torch.randn([2, 3, 16, 16], generator: g) * 30;
        var y = new SmallNormClip(p).Apply(x, null, 0);
        var n = 16 * 16;
        // numpy's percentile interpolates at p/100·(n − 1); with distinct norms, the pixels strictly below it number ⌈p/100·(n − 1)⌉.
        var expected = (int)Math.Ceiling(p / 100 * (n - 1));
        Assert.Equal(new[] { expected, expected }, ZeroedPerImage(y));
        // The survivors are untouched and every zeroed pixel had a smaller norm than every survivor.
        var norms = x.norm(1);
        var kept = y.abs().sum(1).gt(0);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(norms[i].masked_select(kept[i].logical_not()).max().ToDouble() < norms[i].masked_select(kept[i]).min().ToDouble());
            Assert.Equal(0, (y[i] - x[i]).masked_select(kept[i].unsqueeze(0).expand(3, 16, 16)).abs().max().ToDouble());
        }
    }

    [Fact]
    public void Small_contribution_clipping_ranks_by_the_gradient_times_the_image()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(9);
        var x = torch.randn([2, 3, 16, 16], generator: g) * 30;
        var grad = torch.randn([2, 3, 16, 16], generator: g);
        var y = new SmallContributionClip(90).Apply(x, grad, 0);
        var expected = (int)Math.Ceiling(0.9 * 255);
        Assert.Equal(new[] { expected, expected }, ZeroedPerImage(y));
        var contribution = (x * grad).sum(1).abs();
        var kept = y.abs().sum(1).gt(0);
        for (var i = 0; i < 2; i++)
            Assert.True(contribution[i].masked_select(kept[i].logical_not()).max().ToDouble() < contribution[i].masked_select(kept[i]).min().ToDouble());
        Assert.Throws<InvalidOperationException>(() => new SmallContributionClip(90).Apply(x, null, 0));
    }

    [Fact]
    public void Blur_kernel_sums_to_one_and_is_the_gaussian()
    {
        foreach (var sigma in new[] { 0.5, 1.0, 2.3 })
        {
            var k = GaussianBlur.Kernel(sigma);
            Assert.Equal(1, k.Sum(), 12);
            Assert.Equal(2 * (int)Math.Ceiling(4 * sigma) + 1, k.Length);
            var c = k.Length / 2;
            Assert.Equal(Math.Exp(-1 / (2 * sigma * sigma)), k[c + 1] / k[c], 12);
            Assert.Equal(k[c - 1], k[c + 1]);
        }
    }

    [Fact]
    public void Blur_keeps_a_constant_image_and_the_mass_of_an_impulse()
    {
        using var scope = torch.NewDisposeScope();
        var flat = torch.full([2, 3, 16, 16], 42.5);
        Assert.True((GaussianBlur.Blur(flat, 1.0) - 42.5).abs().max().ToDouble() < 1e-4);
        var impulse = torch.zeros([1, 3, 16, 16]);
        impulse.index_put_(1.0, 0, 1, 8, 8);
        var b = GaussianBlur.Blur(impulse, 1.0);
        Assert.Equal(1, b[0, 1].sum().ToDouble(), 5);
        Assert.Equal(0, b[0, 0].abs().sum().ToDouble());
        Assert.True(b[0, 1, 8, 8].ToDouble() < 0.2);
        // Blurs only on the steps where step mod every = 0.
        var r = new GaussianBlur(1.0, 4);
        Assert.Same(impulse, r.Apply(impulse, null, 3));
        Assert.NotSame(impulse, r.Apply(impulse, null, 4));
    }

    [Fact]
    public void Box_constraint_projects_each_pixel_to_the_ball()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 300, 0, 10, 0, 400, 0, 0, 0, 0, 0, 0, 0 }, [1, 3, 2, 2]);
        var y = new BoxConstraint(160).Apply(x, null, 0);
        var norms = y.norm(1).flatten().ToArray<float>();
        Assert.Equal(160, norms[0], 3);
        Assert.Equal(0, norms[1]);
        Assert.Equal(10, norms[2], 4);
        // Direction kept: (300, 400)/500 · 160.
        Assert.Equal(96, y[0, 0, 0, 0].ToDouble(), 3);
        Assert.Equal(128, y[0, 1, 0, 0].ToDouble(), 3);
    }

    [Fact]
    public void Decay_and_range_are_elementwise()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 200, -200, 50, 0 }, [1, 1, 2, 2]).expand(1, 3, 2, 2).contiguous();
        Assert.Equal(140, new L2Decay(0.3).Apply(x, null, 0)[0, 0, 0, 0].ToDouble(), 4);
        var clipped = new ChannelRange(EssenceOfPose.Data.Preprocess.WithMean([100, 120, 140]).ValidRange).Apply(x, null, 0);
        Assert.Equal(155, clipped[0, 0, 0, 0].ToDouble());
        Assert.Equal(-100, clipped[0, 0, 0, 1].ToDouble());
        Assert.Equal(115, clipped[0, 2, 0, 0].ToDouble());
        Assert.Equal(-140, clipped[0, 2, 0, 1].ToDouble());
    }
}
