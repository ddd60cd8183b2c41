namespace EssenceOfPose.Tests.Inversion;

/// <summary>
/// Float64 central differences against autograd for a scalar function of one tensor: returns the
/// largest error relative to max(|analytic|, |numeric|, 1e-4) over every element.
/// </summary>
internal static class GradientCheck
{
    public static double MaxRelativeError(Func<Tensor, Tensor> f, double[] values, long[] shape, double eps = 1e-6)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(values, shape).requires_grad_();
        var analytic = torch.autograd.grad([f(x).sum()], [x])[0].ToArray<double>();
        var worst = 0.0;
        var probe = (double[])values.Clone();
        for (var i = 0; i < probe.Length; i++)
        {
            var keep = probe[i];
            probe[i] = keep + eps;
            var plus = Value(f, probe, shape);
            probe[i] = keep - eps;
            var minus = Value(f, probe, shape);
            probe[i] = keep;
            var numeric = (plus - minus) / (2 * eps);
            var rel = Math.Abs(analytic[i] - numeric) / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric)), 1e-4);
            worst = Math.Max(worst, rel);
        }
        return worst;
    }

    static double Value(Func<Tensor, Tensor> f, double[] values, long[] shape)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        return f(torch.tensor(values, shape)).sum().ToDouble();
    }
}
