using EssenceOfPose.Torch;
using Xunit.Abstractions;

namespace EssenceOfPose.Torch.Tests;

/// <summary>libtorch's backward of each op against float64 central differences (see <see cref="GradCheck"/>).</summary>
public class GradCheckTests(ITestOutputHelper output)
{
    // Central differences in float64 with eps 1e-6 agree to ~1e-9 absolute here; float32 or a wrong term would be off by 1e-4 or more.
    const double Tolerance = 1e-5;

    void AssertGradientsMatch(Func<Tensor[], Tensor> f, params (double[] values, long[] shape)[] inputs)
    {
        var r = GradCheck.Run(f, inputs.Select(i => i.values).ToArray(), inputs.Select(i => i.shape).ToArray());
        output.WriteLine(r.ToString());
        Assert.True(r.Checked == inputs.Sum(i => i.values.Length), "every element must be perturbed");
        Assert.True(r.MaxRelativeError < Tolerance, r.ToString());
    }

    [Fact]
    public void Checker_detects_a_wrong_gradient()
    {
        // x.detach() * x has derivative 2x, but backward only sees the second factor and reports x.
        var r = GradCheck.Run(t => t[0].detach() * t[0], [GradCheck.Random(6, 1, 0.5, 2)], [[6]]);
        output.WriteLine(r.ToString());
        Assert.True(r.MaxRelativeError > 0.4, r.ToString());
    }

    [Fact]
    public void Conv2d_with_groups_padding_and_stride() =>
        AssertGradientsMatch(t => F.conv2d(t[0], t[1], t[2], stride: [2, 1], padding: [1], groups: 2),
            (GradCheck.Random(1 * 4 * 5 * 5, 1), [1, 4, 5, 5]),
            (GradCheck.Random(6 * 2 * 3 * 3, 2), [6, 2, 3, 3]),
            (GradCheck.Random(6, 3), [6]));

    [Fact]
    public void Conv_transpose2d_with_output_padding_and_groups() =>
        AssertGradientsMatch(t => F.conv_transpose2d(t[0], t[1], t[2], stride: [2], padding: [1], output_padding: [1], groups: 2),
            (GradCheck.Random(1 * 4 * 3 * 3, 4), [1, 4, 3, 3]),
            (GradCheck.Random(4 * 3 * 3 * 3, 5), [4, 3, 3, 3]),
            (GradCheck.Random(6, 6), [6]));

    [Fact]
    public void Max_pool2d_with_ceil_mode() =>
        // Distinct random values: no ties, so the max is differentiable at the sample.
        AssertGradientsMatch(t => F.max_pool2d(t[0], 2, stride: 2, ceil_mode: true),
            (GradCheck.Random(2 * 2 * 5 * 5, 7), [2, 2, 5, 5]));

    [Fact]
    public void Batch_norm_in_training_mode()
    {
        AssertGradientsMatch(t =>
            {
                var runningMean = GradCheck.Make([0, 0, 0], [3]);
                var runningVar = GradCheck.Make([1, 1, 1], [3]);
                return F.batch_norm(t[0], runningMean, runningVar, t[1], t[2], training: true, momentum: 0.1, eps: 1e-5);
            },
            (GradCheck.Random(3 * 3 * 2 * 2, 8, -2, 2), [3, 3, 2, 2]),
            (GradCheck.Random(3, 9, 0.5, 1.5), [3]),
            (GradCheck.Random(3, 10), [3]));
    }

    [Fact]
    public void Local_response_norm() =>
        AssertGradientsMatch(t => F.local_response_norm(t[0], size: 3, alpha: 0.3, beta: 0.75, k: 2.0),
            (GradCheck.Random(2 * 5 * 2 * 2, 11, -2, 2), [2, 5, 2, 2]));

    [Fact]
    public void Grid_sample_bilinear_in_input_and_grid() =>
        AssertGradientsMatch(t => F.grid_sample(t[0], t[1], "bilinear", "zeros", align_corners: false),
            (GradCheck.Random(1 * 2 * 4 * 4, 12), [1, 2, 4, 4]),
            (GradCheck.Random(1 * 3 * 3 * 2, 13, -1.1, 1.1), [1, 3, 3, 2]));
}
