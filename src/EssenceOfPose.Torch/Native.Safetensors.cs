using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

// safetensors.cpp: raw tensor memory for streaming safetensors files in and out.
internal static partial class Native
{
    [LibraryImport(Lib)] internal static unsafe partial IntPtr eop_st_empty(int dtype, long* shape, int ndim);
    [LibraryImport(Lib)] internal static partial IntPtr eop_st_cpu_contiguous(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int eop_st_data_ptr(TensorHandle t, out IntPtr data);
}
