namespace EssenceOfPose.Torch;

// Convolutions and the affine map (native/src/nn_conv.cpp).
public static partial class F
{
    /// <summary>
    /// 2-D convolution of an (N, C_in, H, W) or (C_in, H, W) input with a weight of shape
    /// (C_out, C_in / groups, kH, kW). stride and dilation default to 1, padding to 0.
    /// </summary>
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null, long[]? padding = null,
        long[]? dilation = null, long groups = 1) =>
        Tensor.Wrap(Native.eop_nn_conv2d(input.Handle, weight.Handle, HandleOrNull(bias), Pair(stride, 1, nameof(stride)),
            Pair(padding, 0, nameof(padding)), Pair(dilation, 1, nameof(dilation)), groups));

    /// <summary>
    /// 2-D transposed convolution ("deconvolution") with a weight of shape (C_in, C_out / groups, kH, kW).
    /// output_padding adds rows/columns on one side of the output to pick among the sizes that a strided
    /// convolution maps to the same input size.
    /// </summary>
    public static Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? stride = null,
        long[]? padding = null, long[]? output_padding = null, long groups = 1, long[]? dilation = null) =>
        Tensor.Wrap(Native.eop_nn_conv_transpose2d(input.Handle, weight.Handle, HandleOrNull(bias), Pair(stride, 1, nameof(stride)),
            Pair(padding, 0, nameof(padding)), Pair(output_padding, 0, nameof(output_padding)), groups,
            Pair(dilation, 1, nameof(dilation))));

    /// <summary>y = x Wᵀ + b over the last dimension; weight is (out_features, in_features).</summary>
    public static Tensor linear(Tensor input, Tensor weight, Tensor? bias = null) =>
        Tensor.Wrap(Native.eop_nn_linear(input.Handle, weight.Handle, HandleOrNull(bias)));
}
