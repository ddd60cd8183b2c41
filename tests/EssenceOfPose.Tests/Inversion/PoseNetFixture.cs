using EssenceOfPose.Data;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Inversion;

/// <summary>
/// One random-init PoseNet and two smooth target images (bicubic 6×6 noise, pixel std about 60)
/// shared by a test class; its stride probes are cached per model. Smooth targets, because the
/// codes of two white-noise images are nearly alike in a random net, so a noise start would
/// already be close.
/// </summary>
public sealed class PoseNetFixture : IDisposable
{
    public PoseNetFixture()
    {
        Model = new PoseNet();
        // PoseNet's own filler draws from the global generator, which parallel tests share: redraw
        // its weights (std 0.01, as the prototxt fillers) from a private one. Biases become zero.
        TinySiamese.Reinitialise(Model, 11, _ => 0.01);
        using var g = new Generator(5);
        Targets = F.interpolate(torch.randn([2, 3, 6, 6], generator: g) * 70, size: [101, 101], mode: InterpolationMode.Bicubic, align_corners: false).DetachFromDisposeScope();
    }

    public PoseNet Model { get; }

    public Tensor Targets { get; }

    /// <summary>The model with a context: a channel mean of 100 (pixels valid in [−100, 155]).</summary>
    public PoseModel Context => PoseModel.Of(Model, new CheckpointInfo { Architecture = Model.Architecture, Mean = [100, 100, 100] });

    /// <summary>The targets as a batch of <see cref="Context"/>.</summary>
    public ImageBatch Batch => Context.Batch(Targets);

    public void Dispose()
    {
        Targets.Dispose();
        Model.Dispose();
    }
}
