using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

public class ParameterisationTests
{
    [Theory]
    [InlineData(4, 6)]
    [InlineData(5, 7)]
    public void Forward_dft_matches_the_definition(int h, int w)
    {
        using var scope = torch.NewDisposeScope();
        using var dft = new RealDft2(h, w, torch.CPU, ScalarType.Float64);
        var rng = new Random(3);
        var x = Enumerable.Range(0, h * w).Select(_ => rng.NextDouble()).ToArray();
        var (re, im) = dft.Forward(torch.tensor(x, [h, w]));
        var r = re.ToArray<double>();
        var i = im.ToArray<double>();
        var wf = w / 2 + 1;
        for (var u = 0; u < h; u++)
            for (var v = 0; v < wf; v++)
            {
                double sr = 0, si = 0;
                for (var y = 0; y < h; y++)
                    for (var c = 0; c < w; c++)
                    {
                        var a = -2 * Math.PI * ((double)u * y / h + (double)v * c / w);
                        sr += x[y * w + c] * Math.Cos(a);
                        si += x[y * w + c] * Math.Sin(a);
                    }
                Assert.Equal(sr / Math.Sqrt(h * w), r[u * wf + v], 10);
                Assert.Equal(si / Math.Sqrt(h * w), i[u * wf + v], 10);
            }
    }

    [Fact]
    public void Inverse_dft_of_a_single_coefficient_is_a_cosine()
    {
        using var scope = torch.NewDisposeScope();
        const int h = 8, w = 6;
        using var dft = new RealDft2(h, w, torch.CPU, ScalarType.Float64);
        var re = torch.zeros([h, w / 2 + 1], dtype: ScalarType.Float64);
        re.index_put_(3.0, 1, 2);
        var x = dft.Inverse(re, torch.zeros_like(re)).ToArray<double>();
        // numpy.fft.irfft2 with norm="ortho": S[1,2] = 3 and its implied twin S[−1,−2] give 2·3·cos(2π(y/8 + 2x/6))/√48.
        for (var y = 0; y < h; y++)
            for (var c = 0; c < w; c++)
                Assert.Equal(6 * Math.Cos(2 * Math.PI * (y / 8.0 + 2.0 * c / 6)) / Math.Sqrt(48), x[y * w + c], 12);
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(15, true)]
    [InlineData(33, false)]
    public void Fourier_image_reproduces_an_image_from_its_own_spectrum(int size, bool decorrelate)
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(12);
        var image = torch.randn([2, 3, size, size], generator: g) * 60;
        using var p = new FourierParameterisation(DecorrelateColour: decorrelate).Create(image);
        Assert.True((p.Image() - image).abs().max().ToDouble() < 1e-2);
        var other = torch.randn([2, 3, size, size], generator: g) * 60;
        p.SetImage(other);
        Assert.True((p.Image() - other).abs().max().ToDouble() < 1e-2);
        Assert.True(p.Parameters[0].requires_grad);
    }

    [Fact]
    public void Fourier_image_can_be_fitted_by_gradient_descent()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        using var g = new Generator(13);
        var target = GaussianBlur.Blur(torch.randn([1, 3, 16, 16], generator: g) * 60, 1.0);
        var fit = new Objective("pixel_mse", ctx => (ctx.Image - target).square().mean([1L, 2L, 3L]));
        var plan = new RenderPlan(fit, new FourierParameterisation(), torch.zeros([1, 3, 16, 16]), [new RenderPhase(150, new AdamStep(0.5), Transform.None, [])]);
        var r = Renderer.Run(net, plan, g);
        var rms = Math.Sqrt((r.Images - target).square().mean().ToDouble());
        var scale = Math.Sqrt(target.square().mean().ToDouble());
        Assert.True(rms < 0.1 * scale, $"rms {rms} against {scale}");
    }

    [Fact]
    public void Colour_decorrelation_inverse_is_the_inverse()
    {
        var m = ColourDecorrelation.Matrix();
        var inv = ColourDecorrelation.Inverse();
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++)
                Assert.Equal(r == c ? 1 : 0, Enumerable.Range(0, 3).Sum(k => m[r * 3 + k] * inv[k * 3 + c]), 12);
        // Lucid normalises by the largest column norm.
        Assert.Equal(1, Enumerable.Range(0, 3).Max(c => Math.Sqrt(Enumerable.Range(0, 3).Sum(r => m[r * 3 + c] * m[r * 3 + c]))), 12);
    }
}
