namespace EssenceOfPose.Torch;

/// <summary>
/// torch.nn.functional: stateless layers, activations, losses and resampling, with PyTorch's
/// names, argument names and defaults. Groups live in the partial files F.*.cs. Spatial pair
/// arguments (kernel_size, stride, padding, ...) take one value for both dimensions or two
/// values (height, width), e.g. <c>padding: [1]</c> or <c>stride: [2, 1]</c>.
/// </summary>
public static partial class F
{
    /// <summary>A (height, width) pair from null (the fallback twice), one value (twice) or two values.</summary>
    internal static long[] Pair(long[]? value, long fallback, string name) => value switch
    {
        null => [fallback, fallback],
        { Length: 1 } => [value[0], value[0]],
        { Length: 2 } => [value[0], value[1]],
        _ => throw new ArgumentException($"{name} takes one value or two (height, width), got {value.Length}", name),
    };

    internal static double[] Pair(double[] value, string name) => value switch
    {
        { Length: 1 } => [value[0], value[0]],
        { Length: 2 } => [value[0], value[1]],
        _ => throw new ArgumentException($"{name} takes one value or two (height, width), got {value.Length}", name),
    };

    /// <summary>at::Reduction's number for PyTorch's reduction names.</summary>
    internal static long Reduction(string reduction) => reduction switch
    {
        "none" => 0,
        "mean" => 1,
        "sum" => 2,
        _ => throw new ArgumentException($"reduction '{reduction}': expected \"none\", \"mean\" or \"sum\"", nameof(reduction)),
    };

    static TensorHandle HandleOrNull(Tensor? t) => t?.Handle ?? TensorHandle.Null;
}
