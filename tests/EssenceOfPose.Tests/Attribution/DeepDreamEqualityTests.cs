using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Models;
using EssenceOfPose.Tests.Inversion;
using Xunit.Abstractions;

namespace EssenceOfPose.Tests.Attribution;

/// <summary>
/// DeepDream became a plan over the one render loop (issue #11 item 5); these cases prove it dreams
/// what its own loop dreamt (<see cref="DeepDreamReference"/>, the pre-refactor code): the same final
/// image, octave images and objective history, to 1e-5 in float32, over fc5 and conv4 taps, clip on
/// and off, 1, 3 and 4 octaves, jitter 0 and more, a batch of 2. (Measured: the pixels agree to the
/// bit; the objective, which the render loop sums per image in double where the old loop summed
/// the batch in float32, to about 1e-7 relative.) Rolling a copy as a transform instead of the
/// canvas (<c>RenderPhase.CanvasShift</c>) left the mean |g| of each step summed in another order;
/// that one-ulp difference flipped a pooling or ReLU decision in one case here and moved 168 pixels
/// by up to 0.04, which is why the loop rolls the canvas.
/// </summary>
public sealed class DeepDreamEqualityTests(DeepDreamEqualityTests.Net net, ITestOutputHelper output) : IClassFixture<DeepDreamEqualityTests.Net>
{
    /// <summary>A PoseNet with weights drawn at 1/√fan-in from a private generator (as the CLI tests' fixture), so activations neither vanish nor die.</summary>
    public sealed class Net : IDisposable
    {
        public Net()
        {
            Model = new PoseNet();
            TinySiamese.Reinitialise(Model, 3, p => 1 / Math.Sqrt(p.numel() / p.size(0)));
        }

        public PoseNet Model { get; }

        public void Dispose() => Model.Dispose();
    }

    static readonly double[] Mean = [120, 115, 105];

    [Theory]
    [InlineData("fc5", true, 3, 3, 2)]
    [InlineData("fc5", false, 1, 0, 3)]
    [InlineData("fc5", false, 3, 0, 2)]
    [InlineData("conv4", true, 1, 5, 3)]
    [InlineData("conv4", false, 3, 4, 2)]
    [InlineData("conv4", true, 4, 2, 1)] // the 36-pixel octave is resized to the input for conv4
    public void The_render_loop_dreams_what_the_old_loop_dreamt(string tap, bool clip, int octaves, int jitter, int iterations)
    {
        using var scope = torch.NewDisposeScope();
        var images = new ImageBatch((torch.randn([2, 3, 101, 101], generator: new Generator(7)) * 40.0).clamp(-100, 100), Preprocess.WithMean(Mean));
        var options = DeepDreamOptions.Full with { Octaves = octaves, Jitter = jitter, IterationsPerOctave = iterations, Clip = clip, Seed = 9 };

        var expected = DeepDreamReference.Run(net.Model, images, tap, options);
        var actual = DeepDream.Run(net.Model, images, tap, options);

        Assert.Equal(expected.Octaves, actual.Octaves);
        Assert.Equal(expected.OctaveImages.Count, actual.OctaveImages.Count);
        var pixels = MaxRelative(expected.Image, actual.Image);
        var absolute = (expected.Image - actual.Image).abs().max().ToDouble();
        for (var k = 0; k < expected.OctaveImages.Count; k++)
        {
            Assert.Equal(expected.OctaveImages[k].shape, actual.OctaveImages[k].shape);
            Assert.Equal(expected.OctaveBases[k].ToArray<float>(), actual.OctaveBases[k].ToArray<float>());
            pixels = Math.Max(pixels, MaxRelative(expected.OctaveImages[k], actual.OctaveImages[k]));
            absolute = Math.Max(absolute, (expected.OctaveImages[k] - actual.OctaveImages[k]).abs().max().ToDouble());
        }
        Assert.Equal(expected.Objective.Count, actual.Objective.Count);
        var objective = expected.Objective.Zip(actual.Objective, (e, a) => Math.Abs(e - a) / Math.Max(1, Math.Abs(e))).DefaultIfEmpty().Max();
        output.WriteLine($"{tap} clip={clip} octaves={octaves} jitter={jitter}: max pixel difference {pixels:G3} ({absolute:G3} absolute), max objective difference {objective:G3} (relative to max(1, |value|))");
        Assert.True(absolute <= 1e-5, $"pixels differ by {absolute}");
        Assert.True(objective <= 1e-5, $"objectives differ by {objective} (relative to max(1, |value|))");
        // The dream did something: the comparison is not of two unchanged images.
        Assert.True((actual.Image - images.Pixels).abs().max().ToDouble() > 1);
    }

    /// <summary>max |a − e| / max(1, |e|): absolute below 1, relative above (float32 keeps about 7 digits of a pixel near 100).</summary>
    static double MaxRelative(Tensor expected, Tensor actual) =>
        ((actual - expected).abs() / expected.abs().clamp_min(1)).max().ToDouble();
}
