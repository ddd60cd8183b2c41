using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/shape.cpp: views, joins, splits (returning tensor lists), gathers, scatters, indexing.
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial int eop_tensor_list_size(IntPtr list);
    [LibraryImport(Lib)] internal static unsafe partial int eop_tensor_list_take(IntPtr list, IntPtr* output);

    [LibraryImport(Lib)] internal static partial IntPtr eop_reshape(TensorHandle a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_view(TensorHandle a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_permute(TensorHandle a, long[] order, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_transpose(TensorHandle a, long d0, long d1);
    [LibraryImport(Lib)] internal static partial IntPtr eop_t(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr eop_squeeze(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr eop_squeeze_dim(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_unsqueeze(TensorHandle a, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_expand(TensorHandle a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_broadcast_to(TensorHandle a, long[] shape, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_repeat(TensorHandle a, long[] repeats, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_flip(TensorHandle a, long[] dims, int n);
    [LibraryImport(Lib)] internal static partial IntPtr eop_roll(TensorHandle a, long[] shifts, int nshifts, long[] dims, int ndims);

    [LibraryImport(Lib)] internal static partial IntPtr eop_narrow(TensorHandle a, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial IntPtr eop_slice(TensorHandle a, long dim, int hasStart, long start, int hasEnd, long end, long step);
    [LibraryImport(Lib)] internal static partial IntPtr eop_select(TensorHandle a, long dim, long index);
    [LibraryImport(Lib)] internal static partial IntPtr eop_index_select(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial IntPtr eop_gather(TensorHandle a, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial IntPtr eop_masked_select(TensorHandle a, TensorHandle mask);
    [LibraryImport(Lib)] internal static partial IntPtr eop_diag(TensorHandle a, long diagonal);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tril(TensorHandle a, long diagonal);
    [LibraryImport(Lib)] internal static partial IntPtr eop_triu(TensorHandle a, long diagonal);

    [LibraryImport(Lib)] internal static partial IntPtr eop_scatter(TensorHandle a, long dim, TensorHandle index, TensorHandle src);
    [LibraryImport(Lib)] internal static partial IntPtr eop_scatter_value(TensorHandle a, long dim, TensorHandle index, double value);
    [LibraryImport(Lib)] internal static partial IntPtr eop_scatter_add(TensorHandle a, long dim, TensorHandle index, TensorHandle src);
    [LibraryImport(Lib)] internal static partial IntPtr eop_masked_fill(TensorHandle a, TensorHandle mask, double value);
    [LibraryImport(Lib)] internal static partial IntPtr eop_masked_fill_tensor(TensorHandle a, TensorHandle mask, TensorHandle value);
    [LibraryImport(Lib)] internal static partial int eop_scatter_(TensorHandle a, long dim, TensorHandle index, TensorHandle src);
    [LibraryImport(Lib)] internal static partial int eop_scatter_add_(TensorHandle a, long dim, TensorHandle index, TensorHandle src);
    [LibraryImport(Lib)] internal static partial int eop_masked_fill_(TensorHandle a, TensorHandle mask, double value);

    [LibraryImport(Lib)] internal static partial IntPtr eop_cat(IntPtr[] tensors, int n, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_stack(IntPtr[] tensors, int n, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_chunk(TensorHandle a, long chunks, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_split(TensorHandle a, long splitSize, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_split_with_sizes(TensorHandle a, long[] sizes, int n, long dim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_unbind(TensorHandle a, long dim);

    [LibraryImport(Lib)] internal static partial IntPtr eop_outer(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_bmm(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_dot(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial IntPtr eop_einsum(string equation, IntPtr[] tensors, int n);

    [LibraryImport(Lib)] internal static partial IntPtr eop_index(TensorHandle a, TensorIndex.Entry[] indices, int n);
    [LibraryImport(Lib)] internal static partial int eop_index_put_(TensorHandle a, TensorIndex.Entry[] indices, int n, TensorHandle value);
    [LibraryImport(Lib)] internal static partial int eop_index_put_scalar_(TensorHandle a, TensorIndex.Entry[] indices, int n, double value);
}
