using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// native/src/creation.cpp: factories take an explicit dtype code; *_like ones take -1 for "as the model".
internal static partial class Native
{
    [LibraryImport(Lib)] internal static partial IntPtr eop_zeros(long[] shape, int n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_ones(long[] shape, int n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_empty(long[] shape, int n, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_full(long[] shape, int n, double value, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_full_int64(long[] shape, int n, long value, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_arange_int64(long start, long end, long step, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_eye(long n, long m, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_zeros_like(TensorHandle t, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_ones_like(TensorHandle t, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_empty_like(TensorHandle t, int dtype, int deviceType, int deviceIndex, int requiresGrad);
    [LibraryImport(Lib)] internal static partial IntPtr eop_full_like(TensorHandle t, double value, int dtype, int deviceType, int deviceIndex, int requiresGrad);
}
