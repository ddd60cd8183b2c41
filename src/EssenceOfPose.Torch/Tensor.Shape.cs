namespace EssenceOfPose.Torch;

// Views, reshapes, parts, gathers and scatters, splits and products (native/src/shape.cpp).
// view, permute, transpose, t, squeeze, unsqueeze, expand, narrow, slice, select, diag of a
// matrix, chunk, split and unbind share storage with this tensor, as in PyTorch.
public sealed partial class Tensor
{
    /// <summary>The same values in a new shape (one size may be -1); a view when the strides allow it.</summary>
    public Tensor reshape(params long[] shape) => Wrap(Native.eop_reshape(Handle, shape, shape.Length));

    /// <summary>A view with a new shape (one size may be -1); fails where the strides forbid it (use reshape).</summary>
    public Tensor view(params long[] shape) => Wrap(Native.eop_view(Handle, shape, shape.Length));

    public Tensor permute(params long[] dims) => Wrap(Native.eop_permute(Handle, dims, dims.Length));

    public Tensor transpose(long dim0, long dim1) => Wrap(Native.eop_transpose(Handle, dim0, dim1));

    /// <summary>Transpose of a matrix (a 0-D or 1-D tensor is returned as is).</summary>
    public Tensor t() => Wrap(Native.eop_t(Handle));

    /// <summary>Removes every dimension of size 1.</summary>
    public Tensor squeeze() => Wrap(Native.eop_squeeze(Handle));

    /// <summary>Removes <paramref name="dim"/> if its size is 1; otherwise returns the same shape.</summary>
    public Tensor squeeze(long dim) => Wrap(Native.eop_squeeze_dim(Handle, dim));

    public Tensor unsqueeze(long dim) => Wrap(Native.eop_unsqueeze(Handle, dim));

    /// <summary>A view repeating dimensions of size 1 to <paramref name="size"/> (-1 keeps a size); nothing is copied.</summary>
    public Tensor expand(params long[] size) => Wrap(Native.eop_expand(Handle, size, size.Length));

    public Tensor expand_as(Tensor other) => expand(other.shape);

    public Tensor broadcast_to(params long[] size) => Wrap(Native.eop_broadcast_to(Handle, size, size.Length));

    /// <summary>Tiles the tensor repeats[i] times along each dimension (copies).</summary>
    public Tensor repeat(params long[] repeats) => Wrap(Native.eop_repeat(Handle, repeats, repeats.Length));

    /// <summary>Reverses the order along each of the dims (copies).</summary>
    public Tensor flip(params long[] dims) => Wrap(Native.eop_flip(Handle, dims, dims.Length));

    /// <summary>Shifts values along dims circularly; with no dims, along the flattened tensor.</summary>
    public Tensor roll(long[] shifts, long[]? dims = null) =>
        Wrap(Native.eop_roll(Handle, shifts, shifts.Length, dims ?? [], dims?.Length ?? 0));

    public Tensor roll(long shifts, long? dims = null) => roll([shifts], dims is { } d ? [d] : null);

    /// <summary>length elements from start along dim (a view).</summary>
    public Tensor narrow(long dim, long start, long length) => Wrap(Native.eop_narrow(Handle, dim, start, length));

    /// <summary>Python's x[start:end:step] along one dim (a view); null bounds are the ends.</summary>
    public Tensor slice(long dim = 0, long? start = null, long? end = null, long step = 1) =>
        Wrap(Native.eop_slice(Handle, dim, Args.Flag(start.HasValue), start ?? 0, Args.Flag(end.HasValue), end ?? 0, step));

    /// <summary>The slice at <paramref name="index"/> along dim, without that dim (a view).</summary>
    public Tensor select(long dim, long index) => Wrap(Native.eop_select(Handle, dim, index));

    /// <summary>The entries at the int64 indices along dim (copies).</summary>
    public Tensor index_select(long dim, Tensor index) => Wrap(Native.eop_index_select(Handle, dim, index.Handle));

    /// <summary>out[i][j] = this[index[i][j]][j] for dim 0 (and so on): index has the result's shape.</summary>
    public Tensor gather(long dim, Tensor index) => Wrap(Native.eop_gather(Handle, dim, index.Handle));

    /// <summary>The values where the bool mask (broadcast) holds, as a 1-D tensor.</summary>
    public Tensor masked_select(Tensor mask) => Wrap(Native.eop_masked_select(Handle, mask.Handle));

    /// <summary>For a vector, a square matrix with it on a diagonal; for a matrix, that diagonal.</summary>
    public Tensor diag(long diagonal = 0) => Wrap(Native.eop_diag(Handle, diagonal));

    /// <summary>The lower triangle (below and on the given diagonal); the rest is zero.</summary>
    public Tensor tril(long diagonal = 0) => Wrap(Native.eop_tril(Handle, diagonal));

    public Tensor triu(long diagonal = 0) => Wrap(Native.eop_triu(Handle, diagonal));

    /// <summary>A copy with out[index[i][j]][j] = src[i][j] for dim 0 (and so on).</summary>
    public Tensor scatter(long dim, Tensor index, Tensor src) => Wrap(Native.eop_scatter(Handle, dim, index.Handle, src.Handle));

    public Tensor scatter(long dim, Tensor index, double value) => Wrap(Native.eop_scatter_value(Handle, dim, index.Handle, value));

    /// <summary>A copy with out[index[i][j]][j] += src[i][j] for dim 0 (and so on); repeated indices add up.</summary>
    public Tensor scatter_add(long dim, Tensor index, Tensor src) => Wrap(Native.eop_scatter_add(Handle, dim, index.Handle, src.Handle));

    public Tensor scatter_(long dim, Tensor index, Tensor src)
    {
        Native.Check(Native.eop_scatter_(Handle, dim, index.Handle, src.Handle));
        return this;
    }

    public Tensor scatter_add_(long dim, Tensor index, Tensor src)
    {
        Native.Check(Native.eop_scatter_add_(Handle, dim, index.Handle, src.Handle));
        return this;
    }

    /// <summary>A copy with value where the bool mask (broadcast) holds.</summary>
    public Tensor masked_fill(Tensor mask, double value) => Wrap(Native.eop_masked_fill(Handle, mask.Handle, value));

    /// <summary>As masked_fill(mask, double) with a zero-dimensional value tensor (differentiable in it).</summary>
    public Tensor masked_fill(Tensor mask, Tensor value) => Wrap(Native.eop_masked_fill_tensor(Handle, mask.Handle, value.Handle));

    public Tensor masked_fill_(Tensor mask, double value)
    {
        Native.Check(Native.eop_masked_fill_(Handle, mask.Handle, value));
        return this;
    }

    /// <summary>Splits into <paramref name="chunks"/> views along dim (fewer when the size does not allow that many).</summary>
    public Tensor[] chunk(long chunks, long dim = 0) => Args.List(Native.eop_chunk(Handle, chunks, dim));

    /// <summary>Views of split_size along dim; the last may be smaller.</summary>
    public Tensor[] split(long split_size, long dim = 0) => Args.List(Native.eop_split(Handle, split_size, dim));

    /// <summary>Views of the given sizes along dim; they must add up to the dim's size.</summary>
    public Tensor[] split(long[] split_sizes, long dim = 0) =>
        Args.List(Native.eop_split_with_sizes(Handle, split_sizes, split_sizes.Length, dim));

    /// <summary>Every slice along dim, without that dim.</summary>
    public Tensor[] unbind(long dim = 0) => Args.List(Native.eop_unbind(Handle, dim));

    /// <summary>Outer product of two vectors.</summary>
    public Tensor outer(Tensor vec2) => Wrap(Native.eop_outer(Handle, vec2.Handle));

    /// <summary>Batched matrix product of (b, n, m) and (b, m, p) tensors.</summary>
    public Tensor bmm(Tensor mat2) => Wrap(Native.eop_bmm(Handle, mat2.Handle));

    /// <summary>Dot product of two vectors of the same dtype.</summary>
    public Tensor dot(Tensor other) => Wrap(Native.eop_dot(Handle, other.Handle));
}
