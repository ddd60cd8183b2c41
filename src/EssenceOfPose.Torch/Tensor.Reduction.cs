namespace EssenceOfPose.Torch;

// Reductions, scans, sorting and order statistics (native/src/reduction.cpp). A dim given as
// null reduces every dimension; negative dims count from the end. The first positional
// argument is always the dim (PyTorch makes dtype keyword-only), so x.sum(0) is unambiguous.
public sealed partial class Tensor
{
    /// <summary>Sum over <paramref name="dim"/> (all when null), accumulated and returned in dtype when given.</summary>
    public Tensor sum(long[]? dim = null, bool keepdim = false, ScalarType? dtype = null) =>
        Wrap(Native.eop_sum(Handle, dim, Args.Count(dim), Args.Flag(keepdim), Args.Code(dtype)));

    public Tensor sum(long dim, bool keepdim = false, ScalarType? dtype = null) => sum([dim], keepdim, dtype);

    /// <summary>Mean over <paramref name="dim"/> (all when null); needs a floating dtype (or dtype given).</summary>
    public Tensor mean(long[]? dim = null, bool keepdim = false, ScalarType? dtype = null) =>
        Wrap(Native.eop_mean(Handle, dim, Args.Count(dim), Args.Flag(keepdim), Args.Code(dtype)));

    public Tensor mean(long dim, bool keepdim = false, ScalarType? dtype = null) => mean([dim], keepdim, dtype);

    /// <summary>Product over one dim, or of all values when dim is null.</summary>
    public Tensor prod(long? dim = null, bool keepdim = false, ScalarType? dtype = null) =>
        Wrap(Native.eop_prod(Handle, Args.Flag(dim.HasValue), dim ?? 0, Args.Flag(keepdim), Args.Code(dtype)));

    /// <summary>The largest value, as a zero-dimensional tensor.</summary>
    public Tensor max() => Wrap(Native.eop_max_all(Handle));

    /// <summary>The largest values along <paramref name="dim"/> and their indices (the first, on ties).</summary>
    public (Tensor values, Tensor indices) max(long dim, bool keepdim = false)
    {
        var o = new IntPtr[2];
        return Args.Pair(Native.eop_max_dim(Handle, dim, Args.Flag(keepdim), o), o);
    }

    /// <summary>Element-wise maximum, as <see cref="maximum"/>.</summary>
    public Tensor max(Tensor other) => maximum(other);

    public Tensor min() => Wrap(Native.eop_min_all(Handle));

    public (Tensor values, Tensor indices) min(long dim, bool keepdim = false)
    {
        var o = new IntPtr[2];
        return Args.Pair(Native.eop_min_dim(Handle, dim, Args.Flag(keepdim), o), o);
    }

    public Tensor min(Tensor other) => minimum(other);

    /// <summary>Largest values over the dims (all when null or empty), without indices.</summary>
    public Tensor amax(long[]? dim = null, bool keepdim = false) =>
        Wrap(Native.eop_amax(Handle, dim ?? [], dim?.Length ?? 0, Args.Flag(keepdim)));

    public Tensor amax(long dim, bool keepdim = false) => amax([dim], keepdim);

    public Tensor amin(long[]? dim = null, bool keepdim = false) =>
        Wrap(Native.eop_amin(Handle, dim ?? [], dim?.Length ?? 0, Args.Flag(keepdim)));

    public Tensor amin(long dim, bool keepdim = false) => amin([dim], keepdim);

    /// <summary>Index of the largest value along dim, or in the flattened tensor when dim is null (int64).</summary>
    public Tensor argmax(long? dim = null, bool keepdim = false) =>
        Wrap(Native.eop_argmax(Handle, Args.Flag(dim.HasValue), dim ?? 0, Args.Flag(keepdim)));

    public Tensor argmin(long? dim = null, bool keepdim = false) =>
        Wrap(Native.eop_argmin(Handle, Args.Flag(dim.HasValue), dim ?? 0, Args.Flag(keepdim)));

    /// <summary>
    /// The vector p-norm over <paramref name="dim"/> (all values when null): (Σ|x|^p)^(1/p);
    /// p = ∞ is the largest |x|, -∞ the smallest, 0 the count of non-zeros.
    /// </summary>
    public Tensor norm(double p = 2, long[]? dim = null, bool keepdim = false, ScalarType? dtype = null) =>
        Wrap(Native.eop_norm(Handle, p, dim, Args.Count(dim), Args.Flag(keepdim), Args.Code(dtype)));

    public Tensor norm(double p, long dim, bool keepdim = false, ScalarType? dtype = null) => norm(p, [dim], keepdim, dtype);

    /// <summary>
    /// Variance over <paramref name="dim"/> (all when null), dividing by N - correction;
    /// correction defaults to 1 when unbiased, else 0.
    /// </summary>
    public Tensor var(long[]? dim = null, bool unbiased = true, bool keepdim = false, long? correction = null) =>
        Wrap(Native.eop_var(Handle, dim, Args.Count(dim), correction ?? (unbiased ? 1 : 0), Args.Flag(keepdim)));

    public Tensor var(long dim, bool unbiased = true, bool keepdim = false, long? correction = null) => var([dim], unbiased, keepdim, correction);

    /// <summary>Standard deviation, the square root of <see cref="var(long[], bool, bool, long?)"/>.</summary>
    public Tensor std(long[]? dim = null, bool unbiased = true, bool keepdim = false, long? correction = null) =>
        Wrap(Native.eop_std(Handle, dim, Args.Count(dim), correction ?? (unbiased ? 1 : 0), Args.Flag(keepdim)));

    public Tensor std(long dim, bool unbiased = true, bool keepdim = false, long? correction = null) => std([dim], unbiased, keepdim, correction);

    /// <summary>Whether every value is non-zero, along dim or over all (bool).</summary>
    public Tensor all(long? dim = null, bool keepdim = false) =>
        Wrap(Native.eop_all(Handle, Args.Flag(dim.HasValue), dim ?? 0, Args.Flag(keepdim)));

    /// <summary>Whether any value is non-zero, along dim or over all (bool).</summary>
    public Tensor any(long? dim = null, bool keepdim = false) =>
        Wrap(Native.eop_any(Handle, Args.Flag(dim.HasValue), dim ?? 0, Args.Flag(keepdim)));

    /// <summary>log Σ exp(x) over the dims, computed without overflow.</summary>
    public Tensor logsumexp(long[] dim, bool keepdim = false) => Wrap(Native.eop_logsumexp(Handle, dim, dim.Length, Args.Flag(keepdim)));

    public Tensor logsumexp(long dim, bool keepdim = false) => logsumexp([dim], keepdim);

    public Tensor cumsum(long dim, ScalarType? dtype = null) => Wrap(Native.eop_cumsum(Handle, dim, Args.Code(dtype)));

    public Tensor cumprod(long dim, ScalarType? dtype = null) => Wrap(Native.eop_cumprod(Handle, dim, Args.Code(dtype)));

    /// <summary>Values sorted along dim and the indices they came from; stable keeps the order of equal values.</summary>
    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false, bool stable = false)
    {
        var o = new IntPtr[2];
        return Args.Pair(Native.eop_sort(Handle, dim, Args.Flag(descending), Args.Flag(stable), o), o);
    }

    public Tensor argsort(long dim = -1, bool descending = false, bool stable = false) =>
        Wrap(Native.eop_argsort(Handle, dim, Args.Flag(descending), Args.Flag(stable)));

    /// <summary>The k largest (or smallest) values along dim and their indices.</summary>
    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true, bool sorted = true)
    {
        var o = new IntPtr[2];
        return Args.Pair(Native.eop_topk(Handle, k, dim, Args.Flag(largest), Args.Flag(sorted), o), o);
    }

    /// <summary>The k-th smallest value (k from 1) along dim and its index.</summary>
    public (Tensor values, Tensor indices) kthvalue(long k, long dim = -1, bool keepdim = false)
    {
        var o = new IntPtr[2];
        return Args.Pair(Native.eop_kthvalue(Handle, k, dim, Args.Flag(keepdim), o), o);
    }

    /// <summary>The median of all values; for an even count, the lower of the two middle values.</summary>
    public Tensor median() => Wrap(Native.eop_median_all(Handle));

    public (Tensor values, Tensor indices) median(long dim, bool keepdim = false)
    {
        var o = new IntPtr[2];
        return Args.Pair(Native.eop_median_dim(Handle, dim, Args.Flag(keepdim), o), o);
    }

    /// <summary>
    /// The q-quantile (q in [0, 1]) along dim, or of all values when dim is null; interpolation
    /// between neighbours is linear, lower, higher, midpoint or nearest. Needs float32 or float64.
    /// </summary>
    public Tensor quantile(double q, long? dim = null, bool keepdim = false, string interpolation = "linear") =>
        Wrap(Native.eop_quantile(Handle, q, Args.Flag(dim.HasValue), dim ?? 0, Args.Flag(keepdim), interpolation));

    /// <summary>One quantile per value of q (a 1-D tensor of q's dtype); they form a new first dimension.</summary>
    public Tensor quantile(Tensor q, long? dim = null, bool keepdim = false, string interpolation = "linear") =>
        Wrap(Native.eop_quantile_tensor(Handle, q.Handle, Args.Flag(dim.HasValue), dim ?? 0, Args.Flag(keepdim), interpolation));
}
