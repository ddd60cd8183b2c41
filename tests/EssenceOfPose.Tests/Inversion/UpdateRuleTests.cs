using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

public class UpdateRuleTests
{
    [Fact]
    public void Momentum_adagrad_is_the_nnpreimage_update()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, -2 }, [1, 2]).requires_grad_();
        using var u = new MomentumAdaGrad(LearningRate: 10, Momentum: 0.9).Create([x]);
        double[] xs = [1, -2], G = [0, 0], v = [0, 0];
        double[][] grads = [[0.5, -3], [2, 1], [-1, 0.25]];
        foreach (var g in grads)
        {
            u.Step([torch.tensor(g, [1, 2])]);
            for (var i = 0; i < 2; i++)
            {
                G[i] = 0.9 * G[i] + g[i] * g[i];
                v[i] = 0.9 * v[i] - g[i] / (1 / 10.0 + Math.Sqrt(G[i]));
                xs[i] += v[i];
            }
            var now = x.detach().ToArray<double>();
            Assert.Equal(xs[0], now[0], 12);
            Assert.Equal(xs[1], now[1], 12);
        }
    }

    [Fact]
    public void Normalised_step_moves_each_image_by_the_step_in_units_of_its_own_mean_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros([3, 1, 1, 2], dtype: ScalarType.Float64).requires_grad_();
        using var u = new NormalisedStep(1.5).Create([x]);
        // Image 0: mean |g| = 2 → −1.5·g/2; image 1: mean |g| = 0.005; image 2: g = 0 stays put (no 0/0).
        u.Step([torch.tensor(new double[] { 1, -3, 0.01, 0, 0, 0 }, [3, 1, 1, 2])]);
        Assert.Equal(new[] { -0.75, 2.25, -3, 0, 0, 0 }, x.detach().ToArray<double>().Select(v => Math.Round(v, 12)));
    }

    [Fact]
    public void Progress_policy_sets_the_rate_per_image()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros([2, 1, 1, 2], dtype: ScalarType.Float64).requires_grad_();
        using var u = new GradientStep(LearningRate: 100, DesiredProgress: 2).Create([x]);
        // Image 0: ‖g‖² = 25 → η = 2/25; image 1: ‖g‖² = 1e-4 → η = 2e4, capped at 100.
        u.Step([torch.tensor(new double[] { 3, 4, 0.01, 0 }, [2, 1, 1, 2])]);
        var now = x.detach().ToArray<double>();
        Assert.Equal(-3 * 2 / 25.0, now[0], 12);
        Assert.Equal(-4 * 2 / 25.0, now[1], 12);
        Assert.Equal(-0.01 * 100, now[2], 12);
        Assert.Equal(0, now[3]);
        using var c = new GradientStep(LearningRate: 0.5).Create([x]);
        c.Step([torch.ones([2, 1, 1, 2], dtype: ScalarType.Float64)]);
        Assert.Equal(-0.24 - 0.5, x.detach().ToArray<double>()[0], 12);
    }

    [Fact]
    public void Adam_steps_through_torchsharp()
    {
        using var scope = torch.NewDisposeScope();
        var x = new Parameter(torch.zeros([1, 3], dtype: ScalarType.Float64));
        using var u = new AdamStep(LearningRate: 0.1).Create([x]);
        u.Step([torch.tensor(new double[] { 1, -2, 0 }, [1, 3])]);
        // Adam's first step is −lr·sign(g) (bias-corrected moments), 0 where g = 0.
        Assert.Equal(new[] { -0.1, 0.1, 0 }, x.detach().ToArray<double>().Select(v => Math.Round(v, 6)).ToArray());
        Assert.Null(x.grad);
    }
}
