using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/reduction.cpp: a dim count of -1 is dim=None, a dtype of -1 is "as the input";
// ops with values and indices write two handles to output.
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_sum(TensorHandle a, long[]? dim, int ndim, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_mean(TensorHandle a, long[]? dim, int ndim, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_prod(TensorHandle a, int hasDim, long dim, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_max_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr eop_min_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int eop_max_dim(TensorHandle a, long dim, int keepdim, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial int eop_min_dim(TensorHandle a, long dim, int keepdim, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial IntPtr eop_amax(TensorHandle a, long[] dim, int ndim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_amin(TensorHandle a, long[] dim, int ndim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_argmax(TensorHandle a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_argmin(TensorHandle a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_norm(TensorHandle a, double p, long[]? dim, int ndim, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_var(TensorHandle a, long[]? dim, int ndim, long correction, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_std(TensorHandle a, long[]? dim, int ndim, long correction, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_all(TensorHandle a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_any(TensorHandle a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_logsumexp(TensorHandle a, long[] dim, int ndim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_cumsum(TensorHandle a, long dim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_cumprod(TensorHandle a, long dim, int dtype);
    [LibraryImport(Lib)] internal static partial int eop_sort(TensorHandle a, long dim, int descending, int stable, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial IntPtr eop_argsort(TensorHandle a, long dim, int descending, int stable);
    [LibraryImport(Lib)] internal static partial int eop_topk(TensorHandle a, long k, long dim, int largest, int sorted, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial int eop_kthvalue(TensorHandle a, long k, long dim, int keepdim, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial IntPtr eop_median_all(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int eop_median_dim(TensorHandle a, long dim, int keepdim, [Out] IntPtr[] output);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr eop_quantile(TensorHandle a, double q, int hasDim, long dim, int keepdim, string interpolation);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr eop_quantile_tensor(TensorHandle a, TensorHandle q, int hasDim, long dim, int keepdim, string interpolation);
}
