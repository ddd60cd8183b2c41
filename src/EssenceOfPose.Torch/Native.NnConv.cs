using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/nn_conv.cpp: pair arguments are arrays of exactly two values.
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_conv2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long[] stride, long[] padding, long[] dilation, long groups);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_conv_transpose2d(TensorHandle input, TensorHandle weight, TensorHandle bias, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation);
    [LibraryImport(Lib)] internal static partial IntPtr eop_nn_linear(TensorHandle input, TensorHandle weight, TensorHandle bias);
}
