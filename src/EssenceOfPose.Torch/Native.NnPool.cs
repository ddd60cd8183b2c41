using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/nn_pool.cpp: pair arguments are arrays of exactly two values.
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_max_pool2d(TensorHandle input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, int ceilMode);
    [LibraryImport(Lib)] internal static partial int eop_nn_max_pool2d_with_indices(TensorHandle input, long[] kernelSize, long[] stride, long[] padding, long[] dilation, int ceilMode, out IntPtr output, out IntPtr indices);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_avg_pool2d(TensorHandle input, long[] kernelSize, long[] stride, long[] padding, int ceilMode, int countIncludePad, long divisorOverride);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_adaptive_avg_pool2d(TensorHandle input, long[] outputSize);
}
