using static EssenceOfPose.Caffe.Tests.ExecutorHarness;

namespace EssenceOfPose.Caffe.Tests;

/// <summary>
/// Caffe's LRN by hand. ACROSS_CHANNELS: x / (k + α/n · Σ x²)^β over the n channels centred on each
/// (zeros past the edges), which the executor computes with PyTorch's local_response_norm: these
/// values check that the two definitions agree. WITHIN_CHANNEL: x · (1 + α/n² · Σ x²)^−β over n×n.
/// </summary>
public class CaffeLrnTests
{
    static Tensor Lrn(string settings, Tensor x)
    {
        var s = x.shape;
        var (_, _, executor) = Build(
            $"input: \"x\" input_shape {{ dim: {s[0]} dim: {s[1]} dim: {s[2]} dim: {s[3]} }}\n" +
            $"layer {{ name: \"norm\" type: \"LRN\" bottom: \"x\" top: \"y\" lrn_param {{ {settings} }} }}");
        using (executor)
            return executor.Forward(x, "y");
    }

    [Fact]
    public void Across_channels_divides_alpha_by_the_window_and_pads_with_zeros()
    {
        using var scope = torch.NewDisposeScope();
        // n = 3, α = 3 (α/n = 1), β = 1, k = 1; channels 1, 2, 3:
        // c0: 1 / (1 + 0 + 1 + 4) = 1/6; c1: 2 / (1 + 1 + 4 + 9) = 2/15; c2: 3 / (1 + 4 + 9 + 0) = 3/14.
        var y = Lrn("local_size: 3 alpha: 3 beta: 1", Tensor([1f, 2f, 3f], 1, 3, 1, 1));
        Near([1 / 6.0, 2 / 15.0, 3 / 14.0], y);
    }

    [Fact]
    public void Across_channels_uses_k_and_beta()
    {
        using var scope = torch.NewDisposeScope();
        // n = 1 sees only the channel itself: 2 / (2 + 4 · 2²)^0.5 = 2 / √18.
        var y = Lrn("local_size: 1 alpha: 4 beta: 0.5 k: 2", Tensor([2f, -2f], 1, 2, 1, 1));
        Near([2 / Math.Sqrt(18), -2 / Math.Sqrt(18)], y);
    }

    [Fact]
    public void Within_channel_sums_an_n_by_n_window_divides_by_n_squared_and_ignores_k()
    {
        using var scope = torch.NewDisposeScope();
        // All ones on 3×3, n = 3, α = 9 (α/n² = 1), β = 1: a corner sees 4 ones, an edge 6, the centre 9.
        var y = Lrn("local_size: 3 alpha: 9 beta: 1 k: 5 norm_region: WITHIN_CHANNEL", Tensor(Enumerable.Repeat(1f, 9).ToArray(), 1, 1, 3, 3));
        Near([1 / 5.0, 1 / 7.0, 1 / 5.0, 1 / 7.0, 1 / 10.0, 1 / 7.0, 1 / 5.0, 1 / 7.0, 1 / 5.0], y);
    }
}
