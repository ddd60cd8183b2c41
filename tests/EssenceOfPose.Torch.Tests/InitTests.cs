using EssenceOfPose.Torch;
using EssenceOfPose.Torch.NN;

namespace EssenceOfPose.Torch.Tests;

/// <summary>nn.Init's bounds and moments, and the default initialisation of the layers.</summary>
public class InitTests
{
    static float[] Values(Tensor t) => t.ToArray<float>();

    static void AssertUniformWithin(float[] v, double bound)
    {
        Assert.All(v, x => Assert.InRange(Math.Abs(x), 0, bound));
        // Enough samples reach close to both ends.
        Assert.True(v.Max() > 0.9 * bound && v.Min() < -0.9 * bound, $"range [{v.Min()}, {v.Max()}] for bound {bound}");
    }

    [Fact]
    public void Conv_and_linear_defaults_are_kaiming_uniform_with_a_sqrt5()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        using var conv = new Conv2d(8, 16, 3, groups: 2);
        var fanIn = 8 / 2 * 3 * 3;
        Assert.Equal((fanIn, 16L * 9), Init.calculate_fan_in_and_fan_out(conv.weight));
        AssertUniformWithin(Values(conv.weight), 1 / Math.Sqrt(fanIn));
        using var wide = new Conv2d(8, 400, 3, groups: 2); // 400 biases: enough draws to reach near the bound
        AssertUniformWithin(Values(wide.bias!), 1 / Math.Sqrt(fanIn));
        Assert.All(Values(conv.bias!), b => Assert.InRange(Math.Abs(b), 0, 1 / Math.Sqrt(fanIn)));

        using var fc = new Linear(50, 40);
        AssertUniformWithin(Values(fc.weight), 1 / Math.Sqrt(50));

        // Transposed convolutions read weight dim 1 (out / groups) as the fan-in, as PyTorch does.
        using var up = new ConvTranspose2d(4, 30, 2, groups: 2);
        AssertUniformWithin(Values(up.weight), 1 / Math.Sqrt(15 * 4));
    }

    [Fact]
    public void Initialisers_fill_in_place_under_no_grad()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(6);
        var w = torch.tensor(new float[100 * 200], 100, 200).requires_grad_();
        Assert.Same(w, Init.kaiming_uniform_(w, mode: "fan_out", nonlinearity: "relu"));
        AssertUniformWithin(Values(w), Math.Sqrt(2) * Math.Sqrt(3.0 / 100));
        Assert.True(w.is_leaf);

        Init.xavier_uniform_(w, gain: 2);
        AssertUniformWithin(Values(w), 2 * Math.Sqrt(6.0 / 300));

        Init.uniform_(w, 3, 4);
        Assert.All(Values(w), v => Assert.InRange(v, 3f, 4f));

        Init.normal_(w, 1, 0.5);
        var v = Values(w);
        var mean = v.Average();
        var std = Math.Sqrt(v.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(mean, 0.98, 1.02);
        Assert.InRange(std, 0.49, 0.51);

        Init.kaiming_normal_(w, nonlinearity: "relu");
        v = Values(w);
        Assert.InRange(Math.Sqrt(v.Select(x => (double)x * x).Average()), 0.97 * Math.Sqrt(2.0 / 200), 1.03 * Math.Sqrt(2.0 / 200));

        Init.constant_(w, 0.75);
        Assert.All(Values(w), x => Assert.Equal(0.75f, x));
        Init.zeros_(w);
        Assert.All(Values(w), x => Assert.Equal(0f, x));
        Assert.Null(w.grad);
    }

    [Fact]
    public void Gains_and_fans()
    {
        Assert.Equal(1, Init.calculate_gain("conv2d"));
        Assert.Equal(5.0 / 3, Init.calculate_gain("tanh"));
        Assert.Equal(Math.Sqrt(2), Init.calculate_gain("relu"));
        Assert.Equal(Math.Sqrt(2 / 1.0001), Init.calculate_gain("leaky_relu"), 12);
        Assert.Equal(Math.Sqrt(1.0 / 3), Init.calculate_gain("leaky_relu", Math.Sqrt(5)), 12);
        Assert.Throws<ArgumentException>(() => Init.calculate_gain("swish"));
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => Init.calculate_fan_in_and_fan_out(torch.tensor(new float[3], 3)));
        Assert.Throws<ArgumentException>(() => Init.kaiming_uniform_(torch.tensor(new float[6], 2, 3), mode: "fan_avg"));
    }
}
