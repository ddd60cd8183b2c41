using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/shape.cpp: views, joins, splits (returning tensor lists), gathers, scatters, indexing.
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial int eop_tensor_list_size(IntPtr list);
    [LibraryImport(Lib)] internal static unsafe partial int eop_tensor_list_take(IntPtr list, IntPtr* output);

    [LibraryImport(Lib)] internal static partial IntPtr eop_reshape(IntPtr a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_view(IntPtr a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_permute(IntPtr a, long[] order, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_transpose(IntPtr a, long d0, long d1);
    [LibraryImport(Lib)] internal static partial IntPtr eop_t(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr eop_squeeze(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr eop_squeeze_dim(IntPtr a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_unsqueeze(IntPtr a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_expand(IntPtr a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_broadcast_to(IntPtr a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_repeat(IntPtr a, long[] repeats, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_flip(IntPtr a, long[] dims, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_roll(IntPtr a, long[] shifts, int nshifts, long[] dims, int ndims);

    [LibraryImport(Lib)] internal static partial IntPtr eop_narrow(IntPtr a, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial IntPtr eop_slice(IntPtr a, long dim, int hasStart, long start, int hasEnd, long end, long step);
    [LibraryImport(Lib)] internal static partial IntPtr eop_select(IntPtr a, long dim, long index);
    [LibraryImport(Lib)] internal static partial IntPtr eop_index_select(IntPtr a, long dim, IntPtr index);
    [LibraryImport(Lib)] internal static partial IntPtr eop_gather(IntPtr a, long dim, IntPtr index);
    [LibraryImport(Lib)] internal static partial IntPtr eop_masked_select(IntPtr a, IntPtr mask);
    [LibraryImport(Lib)] internal static partial IntPtr eop_diag(IntPtr a, long diagonal);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tril(IntPtr a, long diagonal);
    [LibraryImport(Lib)] internal static partial IntPtr eop_triu(IntPtr a, long diagonal);

    [LibraryImport(Lib)] internal static partial IntPtr eop_scatter(IntPtr a, long dim, IntPtr index, IntPtr src);
    [LibraryImport(Lib)] internal static partial IntPtr eop_scatter_value(IntPtr a, long dim, IntPtr index, double value);
    [LibraryImport(Lib)] internal static partial IntPtr eop_scatter_add(IntPtr a, long dim, IntPtr index, IntPtr src);
    [LibraryImport(Lib)] internal static partial IntPtr eop_masked_fill(IntPtr a, IntPtr mask, double value);
    [LibraryImport(Lib)] internal static partial IntPtr eop_masked_fill_tensor(IntPtr a, IntPtr mask, IntPtr value);
    [LibraryImport(Lib)] internal static partial int eop_scatter_(IntPtr a, long dim, IntPtr index, IntPtr src);
    [LibraryImport(Lib)] internal static partial int eop_scatter_add_(IntPtr a, long dim, IntPtr index, IntPtr src);
    [LibraryImport(Lib)] internal static partial int eop_masked_fill_(IntPtr a, IntPtr mask, double value);

    [LibraryImport(Lib)] internal static partial IntPtr eop_cat(IntPtr[] tensors, int n, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_stack(IntPtr[] tensors, int n, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_chunk(IntPtr a, long chunks, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_split(IntPtr a, long splitSize, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_split_with_sizes(IntPtr a, long[] sizes, int n, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_unbind(IntPtr a, long dim);

    [LibraryImport(Lib)] internal static partial IntPtr eop_outer(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_bmm(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_dot(IntPtr a, IntPtr b);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr eop_einsum(string equation, IntPtr[] tensors, int n);

    [LibraryImport(Lib)] internal static partial IntPtr eop_index(IntPtr a, TensorIndex.Entry[] indices, int n);
    [LibraryImport(Lib)] internal static partial int eop_index_put_(IntPtr a, TensorIndex.Entry[] indices, int n, IntPtr value);
    [LibraryImport(Lib)] internal static partial int eop_index_put_scalar_(IntPtr a, TensorIndex.Entry[] indices, int n, double value);
}
