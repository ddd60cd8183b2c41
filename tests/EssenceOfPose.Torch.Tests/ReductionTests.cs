using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Expect;

namespace EssenceOfPose.Torch.Tests;

public class ReductionTests
{
    // [[1, 2, 3],
    //  [4, 5, 6]]
    static Tensor M() => torch.tensor(new double[] { 1, 2, 3, 4, 5, 6 }, 2, 3);

    [Fact]
    public void Sum_and_mean_over_all_or_some_dims()
    {
        using var scope = torch.NewDisposeScope();
        var m = M();
        Scalar(21, m.sum());
        Close([5, 7, 9], m.sum(0), shape: [3]);
        Close([6, 15], m.sum(1, keepdim: true), shape: [2, 1]);
        Close([6, 15], torch.sum(m, -1), shape: [2]);
        Scalar(21, m.sum([0, 1]));
        Close([21], m.sum([0, 1], keepdim: true), shape: [1, 1]);
        Scalar(3.5, m.mean());
        Close([2.5, 3.5, 4.5], m.mean(0));
        Close([2, 5], torch.mean(m, [1], keepdim: true), shape: [2, 1]);
        // Integer sums stay integral (int64); dtype converts before accumulating.
        var i = L(1, 2, 3);
        Longs([6], i.sum(), shape: []);
        Assert.Equal(ScalarType.Float64, i.sum(dtype: torch.float64).dtype);
        Scalar(2, i.mean(dtype: torch.float64));
        Expect.Throws("mean(): could not infer output dtype", () => i.mean());
        Expect.Throws("Dimension out of range (expected to be in range of [-2, 1], but got 5)", () => m.sum(5));
    }

    [Fact]
    public void Prod_of_all_or_one_dim()
    {
        using var scope = torch.NewDisposeScope();
        var m = M();
        Scalar(720, m.prod());
        Close([6, 120], m.prod(1));
        Close([4, 10, 18], torch.prod(m, 0, keepdim: true), shape: [1, 3]);
    }

    [Fact]
    public void Max_and_min_give_values_and_indices_along_a_dim()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.tensor(new double[] { 3, 9, 1, 7, 2, 8 }, 2, 3);
        Scalar(9, m.max());
        Scalar(1, torch.min(m));
        var (values, indices) = m.max(1);
        Close([9, 8], values, shape: [2]);
        Longs([1, 2], indices, shape: [2]);
        var (mv, mi) = torch.min(m, 0, keepdim: true);
        Close([3, 2, 1], mv, shape: [1, 3]);
        Longs([0, 1, 0], mi, shape: [1, 3]);
        (values, indices) = m.max(-1, keepdim: true);
        Assert.Equal(new long[] { 2, 1 }, indices.shape);
        Close([3, 2, 1], m.min(D(9, 9, 9)).min(0).values);
        Expect.Throws("Dimension out of range", () => m.max(2));
    }

    [Fact]
    public void Amax_amin_argmax_argmin()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.tensor(new double[] { 3, 9, 1, 7, 2, 8 }, 2, 3);
        Scalar(9, m.amax());
        Close([7, 9, 8], m.amax(0));
        Close([1, 2], m.amin(1, keepdim: true), shape: [2, 1]);
        Scalar(1, torch.amin(m, [0, 1]));
        Longs([1], m.argmax(), shape: []); // index into the flattened tensor
        Longs([2], m.argmin(), shape: []);
        Longs([1, 2], m.argmax(1));
        Longs([0, 1, 0], torch.argmin(m, 0, keepdim: true), shape: [1, 3]);
        Longs([1, 2], m.argmax(-1, keepdim: true), shape: [2, 1]);
    }

    [Fact]
    public void Norm_for_every_p_and_over_dims()
    {
        using var scope = torch.NewDisposeScope();
        var v = D(3, -4);
        Scalar(5, v.norm());
        Scalar(7, v.norm(1));
        Scalar(4, v.norm(double.PositiveInfinity));
        Scalar(3, torch.norm(v, double.NegativeInfinity));
        Scalar(2, v.norm(0));
        var m = M();
        Close([Math.Sqrt(14), Math.Sqrt(77)], m.norm(2, 1), 1e-12);
        Close([Math.Sqrt(17), Math.Sqrt(29), Math.Sqrt(45)], m.norm(dim: [0], keepdim: true), 1e-12, shape: [1, 3]);
        Scalar(Math.Sqrt(91), m.norm(2, [0, 1]), 1e-12);
    }

    [Fact]
    public void Var_and_std_with_bessel_correction_or_not()
    {
        using var scope = torch.NewDisposeScope();
        // mean 2.5; squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5
        var x = D(1, 2, 3, 4);
        Scalar(5.0 / 3, x.var(), 1e-12);
        Scalar(1.25, x.var(unbiased: false), 1e-12);
        Scalar(1.25, torch.var(x, correction: 0), 1e-12);
        Scalar(2.5, x.var(correction: 2), 1e-12);
        Scalar(Math.Sqrt(5.0 / 3), x.std(), 1e-12);
        Scalar(Math.Sqrt(1.25), torch.std(x, unbiased: false), 1e-12);
        var m = M();
        Close([1, 1], m.var(1));
        Close([4.5, 4.5, 4.5], m.var(0, keepdim: true), shape: [1, 3]);
        Close([1.5, 1.5, 1.5], m.std(0, unbiased: false), 1e-12);
        Close([Math.Sqrt(3.5)], m.std([0, 1], keepdim: true), 1e-12, shape: [1, 1]);
    }

    [Fact]
    public void All_and_any()
    {
        using var scope = torch.NewDisposeScope();
        var b = torch.tensor(new[] { true, false, true, true }, 2, 2);
        Bools([false], b.all(), shape: []);
        Bools([true], torch.any(b), shape: []);
        Bools([true, false], b.all(0));
        Bools([true, true], b.any(1));
        Bools([false, true], b.all(1, keepdim: true), shape: [2, 1]);
        Bools([true], D(1, -2).all());
        Bools([false], D(0, 0).any());
    }

    [Fact]
    public void Logsumexp_is_stable()
    {
        using var scope = torch.NewDisposeScope();
        Scalar(Math.Log(4), D(0, Math.Log(3)).logsumexp(0), 1e-12);
        Scalar(1000 + Math.Log(2), D(1000, 1000).logsumexp(0), 1e-9);
        var m = torch.tensor(new double[] { 0, 0, 0, Math.Log(2), Math.Log(3), Math.Log(5) }, 2, 3);
        Close([Math.Log(3), Math.Log(10)], torch.logsumexp(m, 1, keepdim: true), 1e-12, shape: [2, 1]);
        Scalar(Math.Log(13), m.logsumexp([0, 1]), 1e-12);
    }

    [Fact]
    public void Cumulative_sums_and_products()
    {
        using var scope = torch.NewDisposeScope();
        Close([1, 3, 6, 10], D(1, 2, 3, 4).cumsum(0));
        Close([1, 2, 6, 24], torch.cumprod(D(1, 2, 3, 4), 0));
        Close([1, 2, 3, 5, 7, 9], M().cumsum(0), shape: [2, 3]);
        Close([1, 3, 6, 4, 9, 15], M().cumsum(-1), shape: [2, 3]);
        var c = L(1, 2).cumsum(0, dtype: torch.float64);
        Assert.Equal(ScalarType.Float64, c.dtype);
        Close([1, 3], c);
    }

    [Fact]
    public void Sort_argsort_topk_kthvalue_median()
    {
        using var scope = torch.NewDisposeScope();
        var (v, i) = D(3, 1, 2).sort();
        Close([1, 2, 3], v);
        Longs([1, 2, 0], i);
        (v, i) = torch.sort(D(3, 1, 2), descending: true);
        Close([3, 2, 1], v);
        Longs([0, 2, 1], i);
        (v, i) = D(2, 1, 2, 1).sort(stable: true);
        Close([1, 1, 2, 2], v);
        Longs([1, 3, 0, 2], i);
        Longs([0, 2, 1], D(3, 1, 2).argsort(descending: true));
        Longs([1, 0, 0, 1], torch.argsort(torch.tensor(new double[] { 5, 4, 0, 9 }, 2, 2), dim: 1), shape: [2, 2]);

        (v, i) = D(1, 5, 3, 4).topk(2);
        Close([5, 4], v);
        Longs([1, 3], i);
        (v, i) = torch.topk(D(1, 5, 3, 4), 2, largest: false);
        Close([1, 3], v);
        Longs([0, 2], i);
        Expect.Throws("selected index k out of range", () => D(1, 2).topk(3));

        (v, i) = D(3, 1, 4, 2, 5).kthvalue(2);
        Scalar(2, v);
        Longs([3], i, shape: []);
        (v, i) = torch.kthvalue(torch.tensor(new double[] { 3, 1, 2, 6, 5, 4 }, 2, 3), 3, 1, keepdim: true);
        Close([3, 6], v, shape: [2, 1]);
        Longs([0, 0], i, shape: [2, 1]);

        Scalar(2, D(3, 1, 4, 2).median()); // even count: the lower middle value
        (v, i) = torch.tensor(new double[] { 3, 1, 2, 6, 5, 4 }, 2, 3).median(1);
        Close([2, 5], v);
        Longs([2, 1], i);
    }

    [Fact]
    public void Quantile_interpolates_as_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(4, 1, 3, 2); // sorted 1 2 3 4; q = 0.25 sits at position 0.75
        Scalar(2.5, x.quantile(0.5), 1e-12);
        Scalar(1.75, x.quantile(0.25), 1e-12);
        Scalar(1, x.quantile(0.25, interpolation: "lower"));
        Scalar(2, x.quantile(0.25, interpolation: "higher"));
        Scalar(1.5, x.quantile(0.25, interpolation: "midpoint"));
        Scalar(2, torch.quantile(x, 0.25, interpolation: "nearest"));
        Close([1, 2.5, 4], x.quantile(D(0, 0.5, 1)), 1e-12, shape: [3]);
        var m = M();
        Close([2, 5], m.quantile(0.5, dim: 1), 1e-12, shape: [2]);
        Close([2, 5], m.quantile(0.5, 1, keepdim: true), 1e-12, shape: [2, 1]);
        Close([1.3, 2.3, 3.3, 3.7, 4.7, 5.7], m.quantile(D(0.1, 0.9), 0), 1e-12, shape: [2, 3]);
        // Percentile clipping of float32 pixels: the 99th percentile of 0..100 is 99.
        Scalar(99, torch.arange(0.0, 101.0).quantile(0.99), 1e-4);
        Expect.Throws("q must be in the range [0, 1] but got 1.5", () => x.quantile(1.5));
        Expect.Throws("input tensor must be either float or double dtype", () => L(1, 2).quantile(0.5));
        Expect.Throws("interpolation must be one of linear, lower, higher, midpoint or nearest", () => x.quantile(0.5, interpolation: "cubic"));
    }
}
