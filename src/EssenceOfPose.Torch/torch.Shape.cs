namespace EssenceOfPose.Torch;

// Joins and einsum, and torch.* forms of the shape ops in Tensor.Shape.cs.
public static partial class torch
{
    /// <summary>Joins tensors along an existing dim; other sizes must match.</summary>
    public static Tensor cat(Tensor[] tensors, long dim = 0)
    {
        var h = Args.Handles(tensors);
        var r = Tensor.Wrap(Native.eop_cat(h, h.Length, dim));
        GC.KeepAlive(tensors);
        return r;
    }

    /// <summary>Joins tensors of one shape along a new dim.</summary>
    public static Tensor stack(Tensor[] tensors, long dim = 0)
    {
        var h = Args.Handles(tensors);
        var r = Tensor.Wrap(Native.eop_stack(h, h.Length, dim));
        GC.KeepAlive(tensors);
        return r;
    }

    /// <summary>Einstein summation, as "ij,jk->ik" for a matrix product.</summary>
    public static Tensor einsum(string equation, params Tensor[] operands)
    {
        var h = Args.Handles(operands);
        var r = Tensor.Wrap(Native.eop_einsum(equation, h, h.Length));
        GC.KeepAlive(operands);
        return r;
    }

    public static Tensor reshape(Tensor input, params long[] shape) => input.reshape(shape);
    public static Tensor permute(Tensor input, params long[] dims) => input.permute(dims);
    public static Tensor transpose(Tensor input, long dim0, long dim1) => input.transpose(dim0, dim1);
    public static Tensor t(Tensor input) => input.t();
    public static Tensor squeeze(Tensor input) => input.squeeze();
    public static Tensor squeeze(Tensor input, long dim) => input.squeeze(dim);
    public static Tensor unsqueeze(Tensor input, long dim) => input.unsqueeze(dim);
    public static Tensor broadcast_to(Tensor input, params long[] size) => input.broadcast_to(size);
    public static Tensor flip(Tensor input, params long[] dims) => input.flip(dims);
    public static Tensor roll(Tensor input, long[] shifts, long[]? dims = null) => input.roll(shifts, dims);
    public static Tensor roll(Tensor input, long shifts, long? dims = null) => input.roll(shifts, dims);
    public static Tensor narrow(Tensor input, long dim, long start, long length) => input.narrow(dim, start, length);
    public static Tensor select(Tensor input, long dim, long index) => input.select(dim, index);
    public static Tensor index_select(Tensor input, long dim, Tensor index) => input.index_select(dim, index);
    public static Tensor gather(Tensor input, long dim, Tensor index) => input.gather(dim, index);
    public static Tensor masked_select(Tensor input, Tensor mask) => input.masked_select(mask);
    public static Tensor diag(Tensor input, long diagonal = 0) => input.diag(diagonal);
    public static Tensor tril(Tensor input, long diagonal = 0) => input.tril(diagonal);
    public static Tensor triu(Tensor input, long diagonal = 0) => input.triu(diagonal);
    public static Tensor scatter(Tensor input, long dim, Tensor index, Tensor src) => input.scatter(dim, index, src);
    public static Tensor scatter(Tensor input, long dim, Tensor index, double value) => input.scatter(dim, index, value);
    public static Tensor scatter_add(Tensor input, long dim, Tensor index, Tensor src) => input.scatter_add(dim, index, src);
    public static Tensor masked_fill(Tensor input, Tensor mask, double value) => input.masked_fill(mask, value);
    public static Tensor[] chunk(Tensor input, long chunks, long dim = 0) => input.chunk(chunks, dim);
    public static Tensor[] split(Tensor input, long split_size, long dim = 0) => input.split(split_size, dim);
    public static Tensor[] split(Tensor input, long[] split_sizes, long dim = 0) => input.split(split_sizes, dim);
    public static Tensor[] unbind(Tensor input, long dim = 0) => input.unbind(dim);
    public static Tensor outer(Tensor input, Tensor vec2) => input.outer(vec2);
    public static Tensor bmm(Tensor input, Tensor mat2) => input.bmm(mat2);
    public static Tensor dot(Tensor input, Tensor other) => input.dot(other);
}
