namespace EssenceOfPose.Torch;

// Spatial pooling (native/src/nn_pool.cpp). stride defaults to kernel_size, as in PyTorch.
public static partial class F
{
    /// <summary>
    /// 2-D max pooling. With ceil_mode the output size rounds up, so a last window that starts
    /// inside the (left-padded) input is kept even when it runs past the end.
    /// </summary>
    public static Tensor max_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null,
        long[]? dilation = null, bool ceil_mode = false)
    {
        var k = Pair(kernel_size, 0, nameof(kernel_size));
        return Tensor.Wrap(Native.eop_nn_max_pool2d(input.Handle, k, stride is null ? k : Pair(stride, 0, nameof(stride)),
            Pair(padding, 0, nameof(padding)), Pair(dilation, 1, nameof(dilation)), ceil_mode ? 1 : 0));
    }

    /// <summary>2-D max pooling with a square window.</summary>
    public static Tensor max_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0, long dilation = 1,
        bool ceil_mode = false) =>
        max_pool2d(input, [kernel_size], [stride ?? kernel_size], [padding], [dilation], ceil_mode);

    /// <summary>
    /// 2-D max pooling that also returns, for each output, the flat index (within its H×W plane)
    /// of the input element it took (PyTorch's return_indices=True).
    /// </summary>
    public static (Tensor output, Tensor indices) max_pool2d_with_indices(Tensor input, long[] kernel_size, long[]? stride = null,
        long[]? padding = null, long[]? dilation = null, bool ceil_mode = false)
    {
        var k = Pair(kernel_size, 0, nameof(kernel_size));
        Native.Check(Native.eop_nn_max_pool2d_with_indices(input.Handle, k, stride is null ? k : Pair(stride, 0, nameof(stride)),
            Pair(padding, 0, nameof(padding)), Pair(dilation, 1, nameof(dilation)), ceil_mode ? 1 : 0, out var output, out var indices));
        return (new Tensor(output), new Tensor(indices));
    }

    /// <summary>2-D average pooling. count_include_pad counts zero padding in the divisor; divisor_override replaces the divisor.</summary>
    public static Tensor avg_pool2d(Tensor input, long[] kernel_size, long[]? stride = null, long[]? padding = null,
        bool ceil_mode = false, bool count_include_pad = true, long? divisor_override = null)
    {
        if (divisor_override is <= 0) throw new ArgumentOutOfRangeException(nameof(divisor_override), divisor_override, "must be positive");
        var k = Pair(kernel_size, 0, nameof(kernel_size));
        return Tensor.Wrap(Native.eop_nn_avg_pool2d(input.Handle, k, stride is null ? k : Pair(stride, 0, nameof(stride)),
            Pair(padding, 0, nameof(padding)), ceil_mode ? 1 : 0, count_include_pad ? 1 : 0, divisor_override ?? 0));
    }

    /// <summary>2-D average pooling with a square window.</summary>
    public static Tensor avg_pool2d(Tensor input, long kernel_size, long? stride = null, long padding = 0, bool ceil_mode = false,
        bool count_include_pad = true, long? divisor_override = null) =>
        avg_pool2d(input, [kernel_size], [stride ?? kernel_size], [padding], ceil_mode, count_include_pad, divisor_override);

    /// <summary>Average pooling to a fixed (H_out, W_out) whatever the input size.</summary>
    public static Tensor adaptive_avg_pool2d(Tensor input, long[] output_size) =>
        Tensor.Wrap(Native.eop_nn_adaptive_avg_pool2d(input.Handle, Pair(output_size, 0, nameof(output_size))));

    /// <summary>Average pooling to a square output_size × output_size.</summary>
    public static Tensor adaptive_avg_pool2d(Tensor input, long output_size) => adaptive_avg_pool2d(input, [output_size]);
}
