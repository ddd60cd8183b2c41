using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/reduction.cpp: a dim count of -1 is dim=None, a dtype of -1 is "as the input";
// ops with values and indices write two handles to output.
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_sum(IntPtr a, long[]? dim, int ndim, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_mean(IntPtr a, long[]? dim, int ndim, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_prod(IntPtr a, int hasDim, long dim, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_max_all(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr eop_min_all(IntPtr a);
    [LibraryImport(Lib)] internal static partial int eop_max_dim(IntPtr a, long dim, int keepdim, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial int eop_min_dim(IntPtr a, long dim, int keepdim, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial IntPtr eop_amax(IntPtr a, long[] dim, int ndim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_amin(IntPtr a, long[] dim, int ndim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_argmax(IntPtr a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_argmin(IntPtr a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_norm(IntPtr a, double p, long[]? dim, int ndim, int keepdim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_var(IntPtr a, long[]? dim, int ndim, long correction, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_std(IntPtr a, long[]? dim, int ndim, long correction, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_all(IntPtr a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_any(IntPtr a, int hasDim, long dim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_logsumexp(IntPtr a, long[] dim, int ndim, int keepdim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_cumsum(IntPtr a, long dim, int dtype);
    [LibraryImport(Lib)] internal static partial IntPtr eop_cumprod(IntPtr a, long dim, int dtype);
    [LibraryImport(Lib)] internal static partial int eop_sort(IntPtr a, long dim, int descending, int stable, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial IntPtr eop_argsort(IntPtr a, long dim, int descending, int stable);
    [LibraryImport(Lib)] internal static partial int eop_topk(IntPtr a, long k, long dim, int largest, int sorted, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial int eop_kthvalue(IntPtr a, long k, long dim, int keepdim, [Out] IntPtr[] output);
    [LibraryImport(Lib)] internal static partial IntPtr eop_median_all(IntPtr a);
    [LibraryImport(Lib)] internal static partial int eop_median_dim(IntPtr a, long dim, int keepdim, [Out] IntPtr[] output);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr eop_quantile(IntPtr a, double q, int hasDim, long dim, int keepdim, string interpolation);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr eop_quantile_tensor(IntPtr a, IntPtr q, int hasDim, long dim, int keepdim, string interpolation);
}
