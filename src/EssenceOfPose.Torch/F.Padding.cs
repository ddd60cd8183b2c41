namespace EssenceOfPose.Torch;

// Padding (native/src/nn_sample.cpp).
public static partial class F
{
    /// <summary>
    /// Pads the last dimensions: pad lists (before, after) pairs starting from the last dimension,
    /// e.g. [left, right, top, bottom]. mode is "constant" (with value), "reflect" (mirrors without
    /// repeating the edge), "replicate" (repeats the edge) or "circular" (wraps around).
    /// </summary>
    public static Tensor pad(Tensor input, long[] pad, string mode = "constant", double value = 0)
    {
        if (mode is not ("constant" or "reflect" or "replicate" or "circular"))
            throw new ArgumentException($"padding mode '{mode}': expected constant, reflect, replicate or circular", nameof(mode));
        if (pad.Length % 2 != 0) throw new ArgumentException($"Padding length must be divisible by 2, got {pad.Length}", nameof(pad));
        if (mode != "constant" && value != 0)
            throw new ArgumentException($"padding mode '{mode}' does not take a value (got {value})", nameof(value));
        return Tensor.Wrap(Native.eop_nn_pad(input.Handle, pad, pad.Length, mode, value));
    }
}
