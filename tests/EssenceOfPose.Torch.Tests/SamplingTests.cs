using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Approx;

namespace EssenceOfPose.Torch.Tests;

/// <summary>interpolate, grid_sample, affine_grid and pad against values worked out by hand.</summary>
public class SamplingTests
{
    static Tensor Square() => D([1, 2, 3, 4], 1, 1, 2, 2);

    [Fact]
    public void Interpolate_nearest_repeats_pixels()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.interpolate(Square(), scale_factor: [2]);
        Assert.Equal(new long[] { 1, 1, 4, 4 }, y.shape);
        Equal([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], y);
        Equal([1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4], F.interpolate(Square(), size: [4, 4]));
        // 4 -> 3 columns: nearest takes floor(i · 4/3) = 0, 1, 2; nearest-exact floor((i + 0.5) · 4/3) = 0, 2, 3.
        var row = D([0, 1, 2, 3], 1, 1, 1, 4);
        Equal([0, 1, 2], F.interpolate(row, size: [1, 3]));
        Equal([0, 2, 3], F.interpolate(row, size: [1, 3], mode: "nearest-exact"));
    }

    [Fact]
    public void Interpolate_bilinear_with_and_without_align_corners()
    {
        using var scope = torch.NewDisposeScope();
        // The image is f(r, c) = 1 + 2r + c, so bilinear samples are exact at any (r, c).
        Equal([1, 1.5, 2, 2, 2.5, 3, 3, 3.5, 4], F.interpolate(Square(), size: [3], mode: "bilinear", align_corners: true));
        // Without align_corners the sources of 4 outputs are (i + 0.5)/2 − 0.5, clamped to [0, 1]: 0, 0.25, 0.75, 1.
        Equal([1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4],
            F.interpolate(Square(), scale_factor: [2.0], mode: "bilinear", align_corners: false));
    }

    [Fact]
    public void Interpolate_scale_factor_drives_coordinates_unless_recomputed()
    {
        using var scope = torch.NewDisposeScope();
        var row = D([0, 10, 20], 1, 1, 1, 3);
        // Scale 1.5 gives floor(4.5) = 4 outputs. With the given scale the sources are (i + 0.5)/1.5 − 0.5;
        // recomputed from the sizes the scale is 3/4, the sources (i + 0.5) · 0.75 − 0.5.
        double[] given = [0, 0.5, 1 + 1 / 6.0, 1 + 5 / 6.0], recomputed = [0, 0.625, 1.375, 2];
        Equal(given.Select(s => 10 * s).ToArray(), F.interpolate(row, scale_factor: [1, 1.5], mode: "bilinear"), 1e-12);
        Equal(recomputed.Select(s => 10 * s).ToArray(),
            F.interpolate(row, scale_factor: [1, 1.5], mode: "bilinear", recompute_scale_factor: true), 1e-12);
    }

    [Fact]
    public void Interpolate_bicubic_matches_keys_convolution()
    {
        using var scope = torch.NewDisposeScope();
        // Keys' cubic (A = −0.75), align_corners: output i samples source i/2, edge indices clamped.
        double[] v = [0, 1, 4, 9];
        const double A = -0.75;
        static double Near(double t) => ((A + 2) * t - (A + 3)) * t * t + 1;
        static double Far(double t) => ((A * t - 5 * A) * t + 8 * A) * t - 4 * A;
        var expected = new double[7];
        for (var i = 0; i < 7; i++)
        {
            var s = i / 2.0;
            var i0 = (int)Math.Floor(s);
            var t = s - i0;
            double[] w = [Far(t + 1), Near(t), Near(1 - t), Far(2 - t)];
            for (var k = 0; k < 4; k++) expected[i] += w[k] * v[Math.Clamp(i0 - 1 + k, 0, 3)];
        }
        Equal(expected, F.interpolate(D(v, 1, 1, 1, 4), size: [1, 7], mode: "bicubic", align_corners: true), 1e-12);
    }

    /// <summary>PIL-style antialiased resize along one axis: the filter stretched by the downscale factor, normalised.</summary>
    static double[] AntialiasReference(double[] v, int outSize, Func<double, double> filter, double filterSupport)
    {
        var scale = (double)v.Length / outSize;
        var support = filterSupport * scale;
        var result = new double[outSize];
        for (var i = 0; i < outSize; i++)
        {
            var center = scale * (i + 0.5);
            var xmin = Math.Max((long)(center - support + 0.5), 0);
            var xmax = Math.Min((long)(center + support + 0.5), v.Length);
            double total = 0, acc = 0;
            for (var j = xmin; j < xmax; j++)
            {
                var w = filter((j - center + 0.5) / scale);
                total += w;
                acc += w * v[j];
            }
            result[i] = acc / total;
        }
        return result;
    }

    [Fact]
    public void Interpolate_antialias_widens_the_kernel_when_downsampling()
    {
        using var scope = torch.NewDisposeScope();
        double[] v = [1, 2, 4, 8];
        var x = D(v, 1, 1, 1, 4);
        // Bilinear: the triangle stretched to ±2 input pixels gives weights 3/7, 3/7, 1/7 and 1/7, 3/7, 3/7.
        Equal([13 / 7.0, 38 / 7.0], F.interpolate(x, size: [1, 2], mode: "bilinear", antialias: true), 1e-12);
        Equal(AntialiasReference(v, 2, t => Math.Max(0, 1 - Math.Abs(t)), 1), F.interpolate(x, size: [1, 2], mode: "bilinear", antialias: true), 1e-12);
        Equal([1.5, 6], F.interpolate(x, size: [1, 2], mode: "bilinear"));

        // Bicubic antialias uses PIL's cubic, A = −0.5.
        static double Cubic(double t)
        {
            const double a = -0.5;
            t = Math.Abs(t);
            return t < 1 ? ((a + 2) * t - (a + 3)) * t * t + 1 : t < 2 ? ((t - 5) * t + 8) * t * a - 4 * a : 0;
        }
        double[] w = [3, 1, 4, 1, 5, 9, 2, 6];
        Equal(AntialiasReference(w, 3, Cubic, 2), F.interpolate(D(w, 1, 1, 1, 8), size: [1, 3], mode: "bicubic", antialias: true), 1e-12);
    }

    [Fact]
    public void Interpolate_area_averages_blocks()
    {
        using var scope = torch.NewDisposeScope();
        Equal([2.5, 4.5, 10.5, 12.5], F.interpolate(Approx.Range(1, 1, 4, 4), scale_factor: [0.5], mode: "area"));
    }

    [Fact]
    public void Interpolate_rejects_what_pytorch_rejects()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => F.interpolate(Square(), size: [4], scale_factor: [2]));
        Assert.Throws<ArgumentException>(() => F.interpolate(Square()));
        Assert.Contains("align_corners", Assert.Throws<ArgumentException>(() => F.interpolate(Square(), size: [4], align_corners: true)).Message);
        Assert.Contains("Anti-alias", Assert.Throws<ArgumentException>(() => F.interpolate(Square(), size: [4], antialias: true)).Message);
        Assert.Throws<ArgumentException>(() => F.interpolate(Square(), size: [4], mode: "linear"));
        Assert.Throws<ArgumentException>(() => F.interpolate(Square(), size: [4], recompute_scale_factor: true));
    }

    [Fact]
    public void Affine_grid_of_the_identity_is_the_pixel_centre_grid()
    {
        using var scope = torch.NewDisposeScope();
        var identity = D([1, 0, 0, 0, 1, 0], 1, 2, 3);
        // Without align_corners, H = 2, W = 3: x = −2/3, 0, 2/3 and y = −1/2, 1/2 (pixel centres in [−1, 1]).
        var grid = F.affine_grid(identity, [1, 1, 2, 3]);
        Assert.Equal(new long[] { 1, 2, 3, 2 }, grid.shape);
        Equal([-2 / 3.0, -0.5, 0, -0.5, 2 / 3.0, -0.5, -2 / 3.0, 0.5, 0, 0.5, 2 / 3.0, 0.5], grid, 1e-7);
        Equal([-1, -1, 0, -1, 1, -1, -1, 1, 0, 1, 1, 1], F.affine_grid(identity, [1, 1, 2, 3], align_corners: true), 1e-7);
        // A translation by +1 in x shifts every x.
        Equal([1 / 3.0, -0.5, 1, -0.5, 5 / 3.0, -0.5, 1 / 3.0, 0.5, 1, 0.5, 5 / 3.0, 0.5],
            F.affine_grid(D([1, 0, 1, 0, 1, 0], 1, 2, 3), [1, 1, 2, 3]), 1e-7);
        Assert.Throws<ArgumentException>(() => F.affine_grid(identity, [1, 1, 2]));
        Assert.Throws<ArgumentException>(() => F.affine_grid(identity, [2, 1, 2, 3]));
    }

    [Fact]
    public void Grid_sample_on_the_identity_grid_returns_the_input()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(GradCheck.Random(2 * 3 * 4 * 5, 51), 2, 3, 4, 5);
        var theta = D([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0], 2, 2, 3);
        foreach (var corners in new[] { false, true })
        {
            var grid = F.affine_grid(theta, [2, 3, 4, 5], corners);
            foreach (var mode in new[] { "bilinear", "nearest", "bicubic" })
                Equal(x.ToArray<double>(), F.grid_sample(x, grid, mode, align_corners: corners), 1e-12);
        }
    }

    [Fact]
    public void Grid_sample_padding_modes_outside_the_image()
    {
        using var scope = torch.NewDisposeScope();
        // Sample row 0 at x = 2 with align_corners: column (2 + 1)/2 · (W − 1) = 1.5, half a pixel past the last one.
        var grid = D([2, -1], 1, 1, 1, 2);
        Equal(0.5 * 2, F.grid_sample(Square(), grid, padding_mode: "zeros", align_corners: true));
        Equal(2, F.grid_sample(Square(), grid, padding_mode: "border", align_corners: true));
        // Reflected about the last pixel centre, column 1.5 becomes 0.5: halfway between 1 and 2.
        Equal(1.5, F.grid_sample(Square(), grid, padding_mode: "reflection", align_corners: true));
        // Nearest at x = 0.4: column 0.7 rounds to 1.
        Equal(2, F.grid_sample(Square(), D([0.4, -1], 1, 1, 1, 2), "nearest", align_corners: true));
        Assert.Throws<ArgumentException>(() => F.grid_sample(Square(), grid, padding_mode: "wrap"));
    }

    [Fact]
    public void Pad_modes()
    {
        using var scope = torch.NewDisposeScope();
        var x = D([1, 2, 3], 1, 3);
        Equal([9, 9, 1, 2, 3, 9], F.pad(x, [2, 1], value: 9));
        Equal([3, 2, 1, 2, 3, 2], F.pad(x, [2, 1], "reflect"));
        Equal([1, 1, 1, 2, 3, 3], F.pad(x, [2, 1], "replicate"));
        Equal([2, 3, 1, 2, 3, 1], F.pad(D([1, 2, 3], 1, 1, 3), [2, 1], "circular"));

        // 2-D: [left, right, top, bottom] on the last two dims of (N, C, H, W).
        var y = F.pad(Square(), [1, 0, 0, 1], "replicate");
        Assert.Equal(new long[] { 1, 1, 3, 3 }, y.shape);
        Equal([1, 1, 2, 3, 3, 4, 3, 3, 4], y);
        Equal([0, 0, 0, 0, 1, 2, 0, 3, 4], F.pad(Square(), [1, 0, 1, 0]));
        // Negative padding crops.
        Equal([2], F.pad(x, [-1, -1]));

        Assert.Throws<ArgumentException>(() => F.pad(x, [1]));
        Assert.Throws<ArgumentException>(() => F.pad(x, [1, 1], "reflect", 5));
        Assert.Throws<ArgumentException>(() => F.pad(x, [1, 1], "mirror"));
    }
}
