namespace EssenceOfPose.Torch;

// torch.* forms of the reductions in Tensor.Reduction.cs.
public static partial class torch
{
    public static Tensor sum(Tensor input, long[]? dim = null, bool keepdim = false, ScalarType? dtype = null) => input.sum(dim, keepdim, dtype);
    public static Tensor sum(Tensor input, long dim, bool keepdim = false, ScalarType? dtype = null) => input.sum(dim, keepdim, dtype);
    public static Tensor mean(Tensor input, long[]? dim = null, bool keepdim = false, ScalarType? dtype = null) => input.mean(dim, keepdim, dtype);
    public static Tensor mean(Tensor input, long dim, bool keepdim = false, ScalarType? dtype = null) => input.mean(dim, keepdim, dtype);
    public static Tensor prod(Tensor input, long? dim = null, bool keepdim = false, ScalarType? dtype = null) => input.prod(dim, keepdim, dtype);
    public static Tensor max(Tensor input) => input.max();
    public static (Tensor values, Tensor indices) max(Tensor input, long dim, bool keepdim = false) => input.max(dim, keepdim);
    public static Tensor max(Tensor input, Tensor other) => input.maximum(other);
    public static Tensor min(Tensor input) => input.min();
    public static (Tensor values, Tensor indices) min(Tensor input, long dim, bool keepdim = false) => input.min(dim, keepdim);
    public static Tensor min(Tensor input, Tensor other) => input.minimum(other);
    public static Tensor amax(Tensor input, long[]? dim = null, bool keepdim = false) => input.amax(dim, keepdim);
    public static Tensor amax(Tensor input, long dim, bool keepdim = false) => input.amax(dim, keepdim);
    public static Tensor amin(Tensor input, long[]? dim = null, bool keepdim = false) => input.amin(dim, keepdim);
    public static Tensor amin(Tensor input, long dim, bool keepdim = false) => input.amin(dim, keepdim);
    public static Tensor argmax(Tensor input, long? dim = null, bool keepdim = false) => input.argmax(dim, keepdim);
    public static Tensor argmin(Tensor input, long? dim = null, bool keepdim = false) => input.argmin(dim, keepdim);
    public static Tensor norm(Tensor input, double p = 2, long[]? dim = null, bool keepdim = false, ScalarType? dtype = null) => input.norm(p, dim, keepdim, dtype);
    public static Tensor norm(Tensor input, double p, long dim, bool keepdim = false, ScalarType? dtype = null) => input.norm(p, dim, keepdim, dtype);
    public static Tensor var(Tensor input, long[]? dim = null, bool unbiased = true, bool keepdim = false, long? correction = null) => input.var(dim, unbiased, keepdim, correction);
    public static Tensor var(Tensor input, long dim, bool unbiased = true, bool keepdim = false, long? correction = null) => input.var(dim, unbiased, keepdim, correction);
    public static Tensor std(Tensor input, long[]? dim = null, bool unbiased = true, bool keepdim = false, long? correction = null) => input.std(dim, unbiased, keepdim, correction);
    public static Tensor std(Tensor input, long dim, bool unbiased = true, bool keepdim = false, long? correction = null) => input.std(dim, unbiased, keepdim, correction);
    public static Tensor all(Tensor input, long? dim = null, bool keepdim = false) => input.all(dim, keepdim);
    public static Tensor any(Tensor input, long? dim = null, bool keepdim = false) => input.any(dim, keepdim);
    public static Tensor logsumexp(Tensor input, long[] dim, bool keepdim = false) => input.logsumexp(dim, keepdim);
    public static Tensor logsumexp(Tensor input, long dim, bool keepdim = false) => input.logsumexp(dim, keepdim);
    public static Tensor cumsum(Tensor input, long dim, ScalarType? dtype = null) => input.cumsum(dim, dtype);
    public static Tensor cumprod(Tensor input, long dim, ScalarType? dtype = null) => input.cumprod(dim, dtype);
    public static (Tensor values, Tensor indices) sort(Tensor input, long dim = -1, bool descending = false, bool stable = false) => input.sort(dim, descending, stable);
    public static Tensor argsort(Tensor input, long dim = -1, bool descending = false, bool stable = false) => input.argsort(dim, descending, stable);
    public static (Tensor values, Tensor indices) topk(Tensor input, long k, long dim = -1, bool largest = true, bool sorted = true) => input.topk(k, dim, largest, sorted);
    public static (Tensor values, Tensor indices) kthvalue(Tensor input, long k, long dim = -1, bool keepdim = false) => input.kthvalue(k, dim, keepdim);
    public static Tensor median(Tensor input) => input.median();
    public static (Tensor values, Tensor indices) median(Tensor input, long dim, bool keepdim = false) => input.median(dim, keepdim);
    public static Tensor quantile(Tensor input, double q, long? dim = null, bool keepdim = false, string interpolation = "linear") => input.quantile(q, dim, keepdim, interpolation);
    public static Tensor quantile(Tensor input, Tensor q, long? dim = null, bool keepdim = false, string interpolation = "linear") => input.quantile(q, dim, keepdim, interpolation);
}
