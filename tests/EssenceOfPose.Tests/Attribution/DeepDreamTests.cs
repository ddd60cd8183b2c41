using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Attribution;

public class DeepDreamTests
{
    static readonly double[] Mean = [120, 110, 100];

    static ImageBatch In(Tensor x) => new(x, Preprocess.WithMean(Mean));

    static Tensor Image(ulong seed, long size = 101) => (torch.randn([1, 3, size, size], generator: new Generator(seed)) * 40.0).clamp(-100, 100);

    static double HalfSquaredNorm(SiameseNet net, Tensor x, TapName tap)
    {
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        return (net.Tap(x, tap).square().sum() * 0.5).ToDouble();
    }

    [Fact]
    public void Octave_sizes_shrink_by_the_scale_as_scipy_zoom_rounds()
    {
        // 101/1.4 = 72.14 → 72; 72/1.4 = 51.43 → 51; 51/1.4 = 36.43 → 36.
        Assert.Equal([(101L, 101L), (72L, 72L), (51L, 51L), (36L, 36L)], DeepDream.OctaveSizes(101, 101, 4, 1.4));
        // 224 → 160 → 114.29 → 114 → 81.43 → 81; 300 → 214.29 → 214 → 152.86 → 153 → 109.29 → 109.
        Assert.Equal([(224L, 300L), (160L, 214L), (114L, 153L), (81L, 109L)], DeepDream.OctaveSizes(224, 300, 4, 1.4));
        Assert.Equal([(101L, 101L)], DeepDream.OctaveSizes(101, 101, 1, 1.4));
        Assert.Throws<ArgumentException>(() => DeepDream.OctaveSizes(4, 4, 6, 2));
    }

    [Fact]
    public void Dreaming_raises_the_L2_objective_at_the_tap_and_keeps_the_pixels_valid()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var x = Image(1);
        var r = DeepDream.Run(net, In(x), "conv3", DeepDreamOptions.Quick);
        Assert.Equal(x.shape, r.Image.shape);
        var before = HalfSquaredNorm(net, x, "conv3");
        var after = HalfSquaredNorm(net, r.Image, "conv3");
        Assert.True(after > 1.5 * before, $"½‖conv3‖² went from {before} to {after}");
        Assert.Equal(DeepDreamOptions.Quick.Octaves * DeepDreamOptions.Quick.IterationsPerOctave, r.Objective.Count);
        Assert.Equal([101L, 72, 51], r.Octaves.Select(o => o.Height));
        Assert.All(r.Octaves, o => Assert.False(o.ResizedToInput));
        AssertWithinRange(r.Image);
    }

    [Fact]
    public void The_octave_pyramid_is_kept_finest_first_at_each_octaves_size()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var x = Image(4);
        var r = DeepDream.Run(net, In(x), "conv3", DeepDreamOptions.Quick);
        Assert.Equal(r.Octaves.Count, r.OctaveBases.Count);
        Assert.Equal(r.Octaves.Count, r.OctaveImages.Count);
        for (var k = 0; k < r.Octaves.Count; k++)
        {
            Assert.Equal([1L, 3, r.Octaves[k].Height, r.Octaves[k].Width], r.OctaveBases[k].shape);
            Assert.Equal([1L, 3, r.Octaves[k].Height, r.Octaves[k].Width], r.OctaveImages[k].shape);
        }
        Assert.Equal(x.ToArray<float>(), r.OctaveBases[0].ToArray<float>());
        Assert.Equal(r.Image.ToArray<float>(), r.OctaveImages[0].ToArray<float>());
        // Each octave's dream differs from its base: the iterations changed it.
        Assert.All(Enumerable.Range(0, r.Octaves.Count), k => Assert.True((r.OctaveImages[k] - r.OctaveBases[k]).abs().max().ToDouble() > 1));
    }

    [Fact]
    public void Large_steps_are_clipped_to_the_valid_range_of_each_channel()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var options = DeepDreamOptions.Quick with { StepSize = 500, Octaves = 1, IterationsPerOctave = 2 };
        var r = DeepDream.Run(net, In(Image(2)), "conv2", options);
        AssertWithinRange(r.Image);
        // The steps were large enough to reach both ends of the range somewhere.
        var (low, high) = Preprocess.WithMean(Mean).ValidRange.Tensors();
        Assert.True(r.Image.eq(low).any().ToDouble() > 0 && r.Image.eq(high).any().ToDouble() > 0);
        var unclipped = DeepDream.Run(net, In(Image(2)), "conv2", options with { Clip = false });
        Assert.True((unclipped.Image < low).any().ToDouble() > 0 || (unclipped.Image > high).any().ToDouble() > 0, "without the clip the same steps leave the range");
    }

    [Fact]
    public void A_seed_reproduces_the_dream_and_another_seed_does_not()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var options = DeepDreamOptions.Quick with { Octaves = 2, IterationsPerOctave = 3, Seed = 11 };
        var a = DeepDream.Run(net, In(Image(3)), "conv2", options).Image.ToArray<float>();
        var b = DeepDream.Run(net, In(Image(3)), "conv2", options).Image.ToArray<float>();
        var c = DeepDream.Run(net, In(Image(3)), "conv2", options with { Seed = 12 }).Image.ToArray<float>();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void One_step_ascends_the_conv1_gradient_normalised_by_its_mean_magnitude()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var x = Image(4, size: 20);
        // conv1:pre is affine, a = W∗x + b, so ∂(½‖a‖²)/∂x = Wᵀ∗a: the transposed convolution of a.
        var p = net.named_parameters().ToDictionary(t => t.name, t => t.parameter);
        Tensor g;
        using (torch.no_grad()) g = F.conv_transpose2d(F.conv2d(x, p["conv1.weight"], p["conv1.bias"]), p["conv1.weight"]);
        var expected = x + g * (1.5 / g.abs().mean().ToDouble());
        using var gen = new Generator(0);
        var (stepped, objective) = DeepDream.Step(net, x, "conv1:pre", null, stepSize: 1.5, jitter: 0, gen);
        var err = (stepped - expected).abs().max().ToDouble();
        Assert.True(err < 1e-3, $"step differs from the hand-computed one by {err}");
        Assert.Equal(HalfSquaredNorm(net, x, "conv1:pre"), objective, 1e-4 * objective);
    }

    [Fact]
    public void A_tap_with_no_gradient_leaves_the_image_as_it_is()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        // Biases are 0 at initialisation, so a black image (0 in this space) gives conv1 = 0 and g = 0.
        var x = torch.zeros(1, 3, 30, 30);
        using var gen = new Generator(0);
        var (stepped, _) = DeepDream.Step(net, x, "conv1", null, 1.5, 4, gen);
        Assert.Equal(x.ToArray<float>(), stepped.ToArray<float>());
    }

    [Theory]
    [InlineData("fc6", new[] { false, true, true, true })]
    [InlineData("conv4", new[] { false, false, false, true })] // conv4 needs more than 36 pixels
    [InlineData("pool2", new[] { false, false, false, false })]
    public void Octaves_too_small_for_the_tap_are_seen_at_the_input_size(string tap, bool[] resized)
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var r = DeepDream.Run(net, In(Image(5)), tap, DeepDreamOptions.Full with { IterationsPerOctave = 1 });
        Assert.Equal(resized, r.Octaves.Select(o => o.ResizedToInput));
        Assert.Equal([1L, 3, 101, 101], r.Image.shape);
        Assert.True(r.Image.isfinite().all().ToDouble() > 0);
    }

    [Fact]
    public void Options_are_checked()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepDream.Run(net, In(Image(6)), "conv1", DeepDreamOptions.Quick with { Octaves = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeepDream.Run(net, In(Image(6)), "conv1", DeepDreamOptions.Quick with { OctaveScale = 0.5 }));
        Assert.Equal(14, DeepDreamOptions.Full.Jitter);
        Assert.Equal((4, 1.4, 10, 1.5), (DeepDreamOptions.Full.Octaves, DeepDreamOptions.Full.OctaveScale, DeepDreamOptions.Full.IterationsPerOctave, DeepDreamOptions.Full.StepSize));
    }

    static void AssertWithinRange(Tensor image)
    {
        var v = image.ToArray<float>();
        var plane = v.Length / 3;
        for (var c = 0; c < 3; c++)
            for (var i = c * plane; i < (c + 1) * plane; i++)
                Assert.InRange(v[i], (float)-Mean[c], (float)(255 - Mean[c]));
    }
}
