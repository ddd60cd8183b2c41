using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Inversion;

/// <summary>
/// A siamese net small enough for many optimisation steps in a test, on 3×16×16 images:
/// conv1 4@3 → pool1 2/2 (ceil) → conv2 6@3 → fc5 12 → fc6 12, ReLU after each, heads of
/// SiameseNet (3 pose outputs). Weights N(0, 1/fan_in) and zero biases from a private generator
/// (not the global one, which parallel tests share), so activations are healthy and reproducible.
/// Stride of conv2 (and fc5, fc6) is 2; of conv1 1.
/// </summary>
internal sealed class TinySiamese : SiameseNet
{
    public const int Size = 16;

    public TinySiamese(ulong seed = 3) : this(new Layers()) => Reinitialise(this, seed, p => 1 / Math.Sqrt(p.numel() / p.size(0)));

    TinySiamese(Layers l) : base("tiny",
    [
        new("conv1", l.Conv1, l.Relu), new("pool1", l.Pool, null),
        new("conv2", l.Conv2, l.Relu),
        new("fc5", l.Fc5, l.Relu),
        new("fc6", l.Fc6, l.Relu),
    ], codeSize: 12, poseOutputs: 3, commonActivation: l.Relu)
    {
        register_module("conv1", l.Conv1);
        register_module("conv2", l.Conv2);
        register_module("fc5", l.Fc5);
        register_module("fc6", l.Fc6);
    }

    public override string Architecture => "tiny";

    /// <summary>Weights ~ N(0, std(weight)²) and zero biases, drawn from a generator seeded with <paramref name="seed"/>.</summary>
    internal static void Reinitialise(SiameseNet net, ulong seed, Func<Tensor, double> std)
    {
        using var g = new Generator(seed);
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        foreach (var (name, p) in net.named_parameters())
        {
            if (IsBias(name)) p.zero_();
            else p.normal_(0, std(p), g);
        }
    }

    sealed class Layers
    {
        public readonly ReLU Relu = nn.ReLU();
        public readonly MaxPool2d Pool = nn.MaxPool2d(2, stride: 2, ceil_mode: true);
        public readonly Conv2d Conv1 = nn.Conv2d(3, 4, 3);
        public readonly Conv2d Conv2 = nn.Conv2d(4, 6, 3);
        public readonly Linear Fc5 = nn.Linear(6 * 5 * 5, 12);
        public readonly Linear Fc6 = nn.Linear(12, 12);
    }
}
