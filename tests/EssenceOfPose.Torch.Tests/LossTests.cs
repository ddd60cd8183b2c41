using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Approx;

namespace EssenceOfPose.Torch.Tests;

/// <summary>The losses of F against their formulas, with each reduction.</summary>
public class LossTests
{
    static double LogSumExp(params double[] v) => Math.Log(v.Sum(Math.Exp));

    static Tensor Labels(params long[] v) => torch.tensor(v, v.Length);

    [Fact]
    public void Cross_entropy_skips_ignore_index_in_sum_and_divisor()
    {
        using var scope = torch.NewDisposeScope();
        var logits = D([1, 2, 3, 1, 0, -1, 0.5, 0.5, 2], 3, 3);
        var target = Labels(2, 1, 0);
        var l0 = LogSumExp(1, 2, 3) - 3;
        var l2 = LogSumExp(0.5, 0.5, 2) - 0.5;
        Equal((l0 + LogSumExp(1, 0, -1) - 0 + l2) / 3, F.cross_entropy(logits, target));
        Equal((l0 + l2) / 2, F.cross_entropy(logits, target, ignore_index: 1));
        Equal(l0 + l2, F.cross_entropy(logits, target, ignore_index: 1, reduction: "sum"));
        Equal([l0, 0, l2], F.cross_entropy(logits, target, ignore_index: 1, reduction: "none"));

        // Class weights: "mean" divides by the weights of the targets that count.
        var weight = D([2, 5, 0.5], 3);
        Equal((0.5 * l0 + 2 * l2) / (0.5 + 2), F.cross_entropy(logits, target, weight, ignore_index: 1));
    }

    [Fact]
    public void Cross_entropy_with_class_probabilities()
    {
        using var scope = torch.NewDisposeScope();
        var logits = D([1, 2, 3, 0, 0, 0], 2, 3);
        var probs = D([0.5, 0, 0.5, 1, 0, 0], 2, 3);
        var lse = LogSumExp(1, 2, 3);
        var expected = (0.5 * (lse - 1) + 0.5 * (lse - 3) + Math.Log(3)) / 2;
        Equal(expected, F.cross_entropy(logits, probs));
    }

    [Fact]
    public void Nll_loss_of_2d_and_spatial_inputs()
    {
        using var scope = torch.NewDisposeScope();
        var logp = D([-1, -2, -3, -4, -5, -6], 2, 3);
        Equal((1 + 6) / 2.0, F.nll_loss(logp, Labels(0, 2)));
        Equal(0.0 + 6, F.nll_loss(logp, Labels(-100, 2), reduction: "sum"));
        // (N, C, H, W) = (1, 2, 1, 2) with a target per pixel.
        var spatial = D([-1, -2, -3, -4], 1, 2, 1, 2);
        var target = torch.tensor(new long[] { 1, 0 }, 1, 1, 2);
        Equal([3, 2], F.nll_loss(spatial, target, reduction: "none"));
    }

    [Fact]
    public void Regression_losses()
    {
        using var scope = torch.NewDisposeScope();
        var input = D([0, 1, 3], 3);
        var target = D([0.2, 0, 1], 3);
        Equal((0.04 + 1 + 4) / 3, F.mse_loss(input, target));
        Equal([0.04, 1, 4], F.mse_loss(input, target, "none"));
        Equal(0.2 + 1 + 2, F.l1_loss(input, target, "sum"));
        // beta 0.5: |d| = 0.2 is quadratic (0.5 · 0.04 / 0.5), 1 and 2 are linear (|d| − 0.25).
        Equal((0.04 + 0.75 + 1.75) / 3, F.smooth_l1_loss(input, target, beta: 0.5));
        Equal((0.2 + 1 + 2) / 3, F.smooth_l1_loss(input, target, beta: 0));
        Equal((0.5 * 0.04 + 0.5 + 1.5) / 3, F.smooth_l1_loss(input, target));
    }

    [Fact]
    public void Binary_cross_entropy_with_logits_weighs_positives_by_pos_weight()
    {
        using var scope = torch.NewDisposeScope();
        static double LogSigmoid(double x) => -Math.Log(1 + Math.Exp(-x));
        var x = D([0.5, -1, 2, 0], 2, 2);
        var t = D([1, 0, 0, 1], 2, 2);
        double[] plain = [-LogSigmoid(0.5), -LogSigmoid(1), -LogSigmoid(-2), -LogSigmoid(0)];
        Equal(plain, F.binary_cross_entropy_with_logits(x, t, reduction: "none"));
        // pos_weight has one value per class (last dimension): 3 for class 0, 10 for class 1.
        Equal([3 * plain[0], plain[1], plain[2], 10 * plain[3]],
            F.binary_cross_entropy_with_logits(x, t, reduction: "none", pos_weight: D([3, 10], 2)));
        Equal(plain.Sum() / 4, F.binary_cross_entropy_with_logits(x, t));
        Equal(2 * plain[0] + plain[2], F.binary_cross_entropy_with_logits(x, t, weight: D([2, 0, 1, 0], 2, 2), reduction: "sum"));
        Assert.Throws<ArgumentException>(() => F.binary_cross_entropy_with_logits(x, D([1, 0], 2)));
    }

    [Fact]
    public void Unknown_reduction_is_rejected()
    {
        using var scope = torch.NewDisposeScope();
        var ex = Assert.Throws<ArgumentException>(() => F.mse_loss(D([1], 1), D([1], 1), "average"));
        Assert.Contains("reduction 'average'", ex.Message);
    }
}
