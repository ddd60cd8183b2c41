using EssenceOfPose.Torch;
using EssenceOfPose.Torch.NN;

namespace EssenceOfPose.Torch.Tests;

/// <summary>A user-defined module as a model would be written: children registered in the constructor, forward composing them.</summary>
internal sealed class TinyNet : Module
{
    public TinyNet()
    {
        conv1 = register_module("conv1", new Conv2d(3, 20, 7));
        bn = register_module("bn", new BatchNorm2d(20));
        fc = register_module("fc", new Linear(20, 2));
    }

    public Conv2d conv1 { get; }
    public BatchNorm2d bn { get; }
    public Linear fc { get; }

    public override Tensor forward(Tensor input) =>
        fc.call(F.adaptive_avg_pool2d(F.relu(bn.call(conv1.call(input))), 1).flatten(1));

    /// <summary>A float32 (n, 3, 8, 8) input from a fixed seed.</summary>
    public static Tensor Input(int seed, long n = 2) =>
        torch.tensor(GradCheck.Random((int)(n * 3 * 8 * 8), seed).Select(v => (float)v).ToArray(), n, 3, 8, 8);
}
