using EssenceOfPose.Torch;

namespace EssenceOfPose.Torch.Tests;

/// <summary>
/// Float64 finite-difference gradient checker. For y = f(inputs) and fixed random weights w, the
/// analytic gradient of L = Σ w·y comes from y.backward(w); the numeric one from central
/// differences (L(x + eps·e_i) − L(x − eps·e_i)) / 2eps, one input element at a time, with L summed
/// in C# from the values. Errors are relative to max(|analytic|, |numeric|, 1e-3), so gradients that
/// are zero on both sides count as absolute errors.
/// </summary>
internal static class GradCheck
{
    /// <summary>The worst element over all inputs; Where names it (input k, element i).</summary>
    internal sealed record Result(double MaxRelativeError, double MaxAbsoluteError, string Where, int Checked)
    {
        public override string ToString() =>
            $"max relative error {MaxRelativeError:E2} (absolute {MaxAbsoluteError:E2}) at {Where}, {Checked} elements checked";
    }

    internal static Result Run(Func<Tensor[], Tensor> f, double[][] values, long[][] shapes, double eps = 1e-6, int seed = 7)
    {
        using var scope = torch.NewDisposeScope();
        var leaves = values.Select((v, k) => Make(v, shapes[k]).requires_grad_()).ToArray();
        var y = f(leaves);
        if (y.dtype != ScalarType.Float64) throw new ArgumentException($"gradcheck needs float64 outputs, got {y.dtype}");
        var rng = new Random(seed);
        var w = new double[y.numel()];
        for (var i = 0; i < w.Length; i++) w[i] = rng.NextDouble() * 2 - 1;
        y.backward(Make(w, y.shape));

        double worstRel = 0, worstAbs = 0;
        var where = "nowhere";
        var count = 0;
        for (var k = 0; k < values.Length; k++)
        {
            var analytic = leaves[k].grad?.ToArray<double>() ?? new double[values[k].Length];
            var x = (double[])values[k].Clone();
            var args = (double[][])values.Clone();
            args[k] = x;
            for (var i = 0; i < x.Length; i++)
            {
                var keep = x[i];
                x[i] = keep + eps;
                var plus = Loss(f, args, shapes, w);
                x[i] = keep - eps;
                var minus = Loss(f, args, shapes, w);
                x[i] = keep;
                var numeric = (plus - minus) / (2 * eps);
                var abs = Math.Abs(analytic[i] - numeric);
                var rel = abs / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric)), 1e-3);
                count++;
                worstAbs = Math.Max(worstAbs, abs);
                if (rel > worstRel)
                {
                    worstRel = rel;
                    where = $"input {k} element {i} (analytic {analytic[i]:G6}, numeric {numeric:G6})";
                }
            }
        }
        return new Result(worstRel, worstAbs, where, count);
    }

    static double Loss(Func<Tensor[], Tensor> f, double[][] values, long[][] shapes, double[] w)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var y = f(values.Select((v, k) => Make(v, shapes[k])).ToArray()).ToArray<double>();
        double sum = 0;
        for (var i = 0; i < y.Length; i++) sum += w[i] * y[i];
        return sum;
    }

    /// <summary>A float64 tensor of exactly this shape (an empty shape gives a zero-dimensional tensor).</summary>
    internal static Tensor Make(double[] values, long[] shape) =>
        torch.tensor<double>(new ReadOnlySpan<double>(values), new ReadOnlySpan<long>(shape));

    /// <summary>n values uniform in [lo, hi) from a fixed seed.</summary>
    internal static double[] Random(int n, int seed, double lo = -1, double hi = 1)
    {
        var rng = new Random(seed);
        var v = new double[n];
        for (var i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.NextDouble();
        return v;
    }
}
