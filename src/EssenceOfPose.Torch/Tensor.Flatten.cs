namespace EssenceOfPose.Torch;

// Flattening and unflattening of a range of dimensions (native/src/nn_shape.cpp).
public sealed partial class Tensor
{
    /// <summary>Merges dimensions start_dim..end_dim (inclusive; negative counts from the end) into one; a view when possible.</summary>
    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Wrap(Native.eop_nn_flatten(Handle, start_dim, end_dim));

    /// <summary>Splits dimension dim into sizes (whose product is its size; one entry may be −1).</summary>
    public Tensor unflatten(long dim, params long[] sizes) => Wrap(Native.eop_nn_unflatten(Handle, dim, sizes, sizes.Length));
}
