using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Approx;

namespace EssenceOfPose.Torch.Tests;

/// <summary>Convolution, pooling, normalisation, activation and flatten ops against values worked out by hand or by naive loops.</summary>
public class FunctionalTests
{
    [Fact]
    public void Conv2d_of_a_sobel_kernel_by_hand()
    {
        using var scope = torch.NewDisposeScope();
        // x[i, j] = 4i + j + 1: each row falls by 2 across three columns; rows weigh 1, 2, 1.
        var x = D(Enumerable.Range(1, 16).Select(v => (double)v).ToArray(), 1, 1, 4, 4);
        var w = D([1, 0, -1, 2, 0, -2, 1, 0, -1], 1, 1, 3, 3);
        var b = D([0.5], 1);
        var y = F.conv2d(x, w, b);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, y.shape);
        Equal([-7.5, -7.5, -7.5, -7.5], y);

        // With padding 1 the top-left output sees only x[0..1, 0..1] = [[1, 2], [5, 6]] under w[1..2, 1..2] = [[0, -2], [0, -1]].
        var padded = F.conv2d(x, w, padding: [1]);
        Assert.Equal(new long[] { 1, 1, 4, 4 }, padded.shape);
        Assert.Equal(-2 * 2 - 1 * 6, padded.ToArray<double>()[0], 12);
    }

    [Fact]
    public void Conv2d_matches_a_naive_loop_with_stride_padding_dilation_and_groups()
    {
        using var scope = torch.NewDisposeScope();
        long n = 2, cin = 4, h = 6, wd = 5, cout = 6, groups = 2, kh = 3, kw = 2;
        long[] s = [2, 1], p = [1, 2], d = [1, 2];
        var xs = GradCheck.Random((int)(n * cin * h * wd), 21);
        var ws = GradCheck.Random((int)(cout * cin / groups * kh * kw), 22);
        var bs = GradCheck.Random((int)cout, 23);
        var y = F.conv2d(D(xs, n, cin, h, wd), D(ws, cout, cin / groups, kh, kw), D(bs, cout), s, p, d, groups);

        long oh = (h + 2 * p[0] - d[0] * (kh - 1) - 1) / s[0] + 1, ow = (wd + 2 * p[1] - d[1] * (kw - 1) - 1) / s[1] + 1;
        Assert.Equal(new[] { n, cout, oh, ow }, y.shape);
        long cinG = cin / groups, coutG = cout / groups;
        var expected = new double[n * cout * oh * ow];
        for (long b = 0; b < n; b++)
        for (long o = 0; o < cout; o++)
        for (long i = 0; i < oh; i++)
        for (long j = 0; j < ow; j++)
        {
            var sum = bs[o];
            var g = o / coutG;
            for (long c = 0; c < cinG; c++)
            for (long u = 0; u < kh; u++)
            for (long v = 0; v < kw; v++)
            {
                long r = i * s[0] - p[0] + u * d[0], q = j * s[1] - p[1] + v * d[1];
                if (r < 0 || r >= h || q < 0 || q >= wd) continue;
                sum += xs[((b * cin + g * cinG + c) * h + r) * wd + q] * ws[((o * cinG + c) * kh + u) * kw + v];
            }
            expected[((b * cout + o) * oh + i) * ow + j] = sum;
        }
        Equal(expected, y);
    }

    [Fact]
    public void Conv_transpose2d_scatters_like_a_naive_loop_with_output_padding()
    {
        using var scope = torch.NewDisposeScope();
        long n = 1, cin = 4, h = 3, wd = 2, coutG = 3, groups = 2, k = 3, s = 2, p = 1, op = 1, dil = 1;
        var xs = GradCheck.Random((int)(n * cin * h * wd), 31);
        var ws = GradCheck.Random((int)(cin * coutG * k * k), 32);
        var y = F.conv_transpose2d(D(xs, n, cin, h, wd), D(ws, cin, coutG, k, k), stride: [s], padding: [p], output_padding: [op],
            groups: groups);

        long cout = coutG * groups, oh = (h - 1) * s - 2 * p + dil * (k - 1) + op + 1, ow = (wd - 1) * s - 2 * p + dil * (k - 1) + op + 1;
        Assert.Equal(new[] { n, cout, oh, ow }, y.shape);
        long cinG = cin / groups;
        var expected = new double[n * cout * oh * ow];
        for (long c = 0; c < cin; c++)
        for (long i = 0; i < h; i++)
        for (long j = 0; j < wd; j++)
        for (long o = 0; o < coutG; o++)
        for (long u = 0; u < k; u++)
        for (long v = 0; v < k; v++)
        {
            long r = i * s - p + u * dil, q = j * s - p + v * dil;
            if (r < 0 || r >= oh || q < 0 || q >= ow) continue;
            var oc = c / cinG * coutG + o;
            expected[(oc * oh + r) * ow + q] += xs[(c * h + i) * wd + j] * ws[((c * coutG + o) * k + u) * k + v];
        }
        Equal(expected, y);
    }

    [Fact]
    public void Linear_is_x_times_w_transposed_plus_b()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.linear(D([1, 2, 3, 4, 5, 6], 2, 3), D([1, 0, -1, 2, 1, 0], 2, 3), D([10, 20], 2));
        Equal([1 - 3 + 10, 2 + 2 + 20, 4 - 6 + 10, 8 + 5 + 20], y);
    }

    [Fact]
    public void Max_pool2d_with_ceil_mode_keeps_the_partial_windows()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range(1, 1, 5, 5); // the value is the flat index
        var floor = F.max_pool2d(x, 2, stride: 2);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, floor.shape);
        Equal([6, 8, 16, 18], floor);

        var ceil = F.max_pool2d(x, [2], [2], ceil_mode: true);
        Assert.Equal(new long[] { 1, 1, 3, 3 }, ceil.shape);
        Equal([6, 8, 9, 16, 18, 19, 21, 23, 24], ceil);

        var (output, indices) = F.max_pool2d_with_indices(x, [2], ceil_mode: true);
        Equal([6, 8, 9, 16, 18, 19, 21, 23, 24], output);
        Assert.Equal(ScalarType.Int64, indices.dtype);
        Assert.Equal(new long[] { 6, 8, 9, 16, 18, 19, 21, 23, 24 }, indices.ToArray<long>());
    }

    [Fact]
    public void Avg_pool2d_counts_padding_only_when_asked()
    {
        using var scope = torch.NewDisposeScope();
        var ones = D(Enumerable.Repeat(1.0, 9).ToArray(), 1, 1, 3, 3);
        Equal([4 / 9.0, 6 / 9.0, 4 / 9.0, 6 / 9.0, 1, 6 / 9.0, 4 / 9.0, 6 / 9.0, 4 / 9.0], F.avg_pool2d(ones, 3, stride: 1, padding: 1));
        Equal(Enumerable.Repeat(1.0, 9).ToArray(), F.avg_pool2d(ones, 3, stride: 1, padding: 1, count_include_pad: false));
        Equal([1, 1.5, 1, 1.5, 2.25, 1.5, 1, 1.5, 1], F.avg_pool2d(ones, 3, stride: 1, padding: 1, divisor_override: 4));
    }

    [Fact]
    public void Avg_pool2d_with_ceil_mode_averages_partial_windows_over_their_elements()
    {
        using var scope = torch.NewDisposeScope();
        var y = F.avg_pool2d(Range(1, 1, 5, 5), [2], ceil_mode: true);
        Assert.Equal(new long[] { 1, 1, 3, 3 }, y.shape);
        // Full windows average 4 values; the last column averages (r, 4) and (r+1, 4); the corner is 24 alone.
        Equal([3, 5, 6.5, 13, 15, 16.5, 20.5, 22.5, 24], y);
    }

    [Fact]
    public void Adaptive_avg_pool2d_averages_quadrants()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range(1, 1, 4, 4);
        Equal([2.5, 4.5, 10.5, 12.5], F.adaptive_avg_pool2d(x, 2));
        Equal(7.5, F.adaptive_avg_pool2d(x, [1, 1]));
    }

    [Fact]
    public void Batch_norm_uses_running_stats_in_eval_and_updates_them_in_training()
    {
        using var scope = torch.NewDisposeScope();
        // Two channels, batch of 2, 1×2 pixels: channel 0 holds 1, 2, 3, 4; channel 1 holds 10, 10, 20, 20.
        var x = D([1, 2, 10, 10, 3, 4, 20, 20], 2, 2, 1, 2);
        var mean = D([1, 2], 2);
        var variance = D([4, 9], 2);
        var weight = D([2, 1], 2);
        var bias = D([0, 1], 2);
        var eval = F.batch_norm(x, mean, variance, weight, bias, training: false, eps: 0);
        Equal([0, 1, 1 + 8 / 3.0, 1 + 8 / 3.0, 2, 3, 1 + 18 / 3.0, 1 + 18 / 3.0], eval);

        var runningMean = D([0, 0], 2);
        var runningVar = D([1, 1], 2);
        var train = F.batch_norm(x, runningMean, runningVar, training: true, momentum: 0.25, eps: 0);
        // Batch statistics: channel 0 mean 2.5, biased variance 1.25 (unbiased 5/3); channel 1 mean 15, variance 25 (unbiased 100/3).
        var s0 = Math.Sqrt(1.25);
        Equal([-1.5 / s0, -0.5 / s0, -1, -1, 0.5 / s0, 1.5 / s0, 1, 1], train);
        Equal([0.25 * 2.5, 0.25 * 15], runningMean);
        Equal([0.75 + 0.25 * 5 / 3.0, 0.75 + 0.25 * 100 / 3.0], runningVar);

        var ex = Assert.Throws<ArgumentException>(() => F.batch_norm(D([1, 2], 1, 2), null, null, training: true));
        Assert.Contains("more than 1 value per channel", ex.Message);
    }

    [Fact]
    public void Dropout_zeroes_and_rescales_only_while_training()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var x = D(Enumerable.Repeat(1.0, 1000).ToArray(), 1000);
        var y = F.dropout(x, p: 0.25, training: true).ToArray<double>();
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75) < 1e-12, $"unexpected value {v}"));
        var zeros = y.Count(v => v == 0);
        Assert.InRange(zeros, 180, 320);
        Equal(Enumerable.Repeat(1.0, 1000).ToArray(), F.dropout(x, p: 0.25, training: false));
        Equal(new double[1000], F.dropout(x, p: 1, training: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => F.dropout(x, p: 1.5));
    }

    [Fact]
    public void Local_response_norm_follows_the_averaged_window_formula()
    {
        using var scope = torch.NewDisposeScope();
        const int C = 5, P = 2;
        const long size = 3;
        const double alpha = 0.5, beta = 0.75, k = 2;
        var xs = GradCheck.Random(C * P, 41, -2, 2);
        var expected = new double[C * P];
        for (var c = 0; c < C; c++)
        for (var p = 0; p < P; p++)
        {
            double sum = 0;
            for (var c2 = c - (int)size / 2; c2 <= c + (size - 1) / 2; c2++)
                if (c2 >= 0 && c2 < C) sum += xs[c2 * P + p] * xs[c2 * P + p];
            expected[c * P + p] = xs[c * P + p] / Math.Pow(k + alpha / size * sum, beta);
        }
        Equal(expected, F.local_response_norm(D(xs, 1, C, P), size, alpha, beta, k));
        Equal(expected, F.local_response_norm(D(xs, 1, C, 1, P), size, alpha, beta, k));
        Equal(expected, F.local_response_norm(D(xs, 1, C, P, 1), size, alpha, beta, k));
        // An even window reaches one channel further back than forward: size 2 sums c-1 and c.
        Equal([1 / 0.5, 2 / 2.5, 3 / 6.5], F.local_response_norm(D([1, 2, 3], 1, 3, 1), 2, alpha: 1, beta: 1, k: 0));
    }

    [Fact]
    public void Activations_by_formula()
    {
        using var scope = torch.NewDisposeScope();
        double[] v = [-2, -0.5, 0, 0.5, 3];
        var x = D(v, 5);
        Equal([0, 0, 0, 0.5, 3], F.relu(x));
        Equal([-0.2, -0.05, 0, 0.5, 3], F.leaky_relu(x, 0.1));
        Equal(v.Select(a => a > 0 ? a : 1.5 * (Math.Exp(a) - 1)).ToArray(), F.elu(x, alpha: 1.5));
        Equal(v.Select(Math.Tanh).ToArray(), F.tanh(x));
        Equal(v.Select(a => 1 / (1 + Math.Exp(-a))).ToArray(), F.sigmoid(x));
        // beta 2, threshold 4: linear where 2x > 4 (x = 3), log(1 + e^{2x}) / 2 elsewhere.
        Equal(v.Select(a => 2 * a > 4 ? a : Math.Log(1 + Math.Exp(2 * a)) / 2).ToArray(), F.softplus(x, beta: 2, threshold: 4));

        // PReLU with one slope per channel (dimension 1).
        var prelu = F.prelu(D([-1, 2, -3, 4], 1, 2, 2), D([0.5, 0.25], 2));
        Equal([-0.5, 2, -0.75, 4], prelu);
    }

    [Fact]
    public void Softmax_and_log_softmax_along_a_dim()
    {
        using var scope = torch.NewDisposeScope();
        var x = D([1, 2, 3, 1, 1, 1], 2, 3);
        var z = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        double[] row0 = [Math.Exp(1) / z, Math.Exp(2) / z, Math.Exp(3) / z];
        Equal([.. row0, 1 / 3.0, 1 / 3.0, 1 / 3.0], F.softmax(x, 1));
        Equal([.. row0.Select(r => Math.Log(r)), Math.Log(1 / 3.0), Math.Log(1 / 3.0), Math.Log(1 / 3.0)], F.log_softmax(x, -1));
        var low = 1 / (1 + Math.E); // e / (e + e²)
        Equal([low, low, low, 1 - low, 1 - low, 1 - low], F.softmax(D([1, 1, 1, 2, 2, 2], 2, 3), 0));
        Assert.Equal(ScalarType.Float32, F.softmax(x, 1, ScalarType.Float32).dtype);
    }

    [Fact]
    public void Flatten_and_unflatten_reshape_a_range_of_dims()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range(2, 3, 4, 5);
        Assert.Equal(new long[] { 120 }, x.flatten().shape);
        Assert.Equal(new long[] { 2, 60 }, x.flatten(1).shape);
        Assert.Equal(new long[] { 2, 12, 5 }, x.flatten(1, 2).shape);
        Assert.Equal(new long[] { 2, 3, 20 }, x.flatten(-2).shape);
        Assert.Equal(x.ToArray<double>(), x.flatten(1).ToArray<double>());
        var back = x.flatten(1).unflatten(1, 3, -1, 5);
        Assert.Equal(new long[] { 2, 3, 4, 5 }, back.shape);
        Assert.Equal(x.ToArray<double>(), back.ToArray<double>());
        Assert.Throws<TorchException>(() => x.unflatten(1, 2, 2));
    }

    [Fact]
    public void Pair_arguments_take_one_or_two_values()
    {
        using var scope = torch.NewDisposeScope();
        var x = Range(1, 1, 4, 6);
        Assert.Equal(new long[] { 1, 1, 2, 2 }, F.max_pool2d(x, [2, 3]).shape);
        Assert.Equal(new long[] { 1, 1, 4, 2 }, F.max_pool2d(x, [1, 3]).shape);
        var ex = Assert.Throws<ArgumentException>(() => F.max_pool2d(x, [1, 2, 3]));
        Assert.Contains("kernel_size takes one value or two", ex.Message);
    }
}
