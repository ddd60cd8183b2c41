using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

/// <summary>Entry points of the C ABI shim (native/src/*.cpp). One partial file per group of ops.</summary>
internal static partial class Native
{
    internal const string Lib = "eop_torch";

    /// <summary>Wraps a returned handle, or throws libtorch's message when the shim reported a failure.</summary>
    internal static IntPtr Check(IntPtr handle) => handle != IntPtr.Zero ? handle : throw TorchException.FromNative();

    internal static void Check(int status)
    {
        if (status != 0) throw TorchException.FromNative();
    }

    internal static string LastError() => Marshal.PtrToStringUTF8(eop_last_error()) ?? "(no message)";

    [LibraryImport(Lib)] internal static partial IntPtr eop_last_error();
    [LibraryImport(Lib)] internal static partial void eop_tensor_free(IntPtr t);
    [LibraryImport(Lib)] internal static partial long eop_tensor_ndim(IntPtr t);
    [LibraryImport(Lib)] internal static partial long eop_tensor_numel(IntPtr t);
    [LibraryImport(Lib)] internal static unsafe partial void eop_tensor_shape(IntPtr t, long* shape);
    [LibraryImport(Lib)] internal static unsafe partial void eop_tensor_strides(IntPtr t, long* strides);
    [LibraryImport(Lib)] internal static partial int eop_tensor_dtype(IntPtr t);
    [LibraryImport(Lib)] internal static partial void eop_tensor_device(IntPtr t, out int type, out int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr eop_tensor_from_data(void* data, int dtype, long* shape, int ndim);
    [LibraryImport(Lib)] internal static unsafe partial int eop_tensor_copy_to(IntPtr t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial int eop_tensor_item_double(IntPtr t, out double value);
    [LibraryImport(Lib)] internal static partial int eop_tensor_item_int64(IntPtr t, out long value);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_to(IntPtr t, int dtype, int deviceType, int deviceIndex, int copy);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_clone(IntPtr t);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_contiguous(IntPtr t);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_detach(IntPtr t);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_alias(IntPtr t);
    [LibraryImport(Lib)] internal static partial int eop_tensor_is_contiguous(IntPtr t);
    [LibraryImport(Lib)] internal static partial int eop_tensor_requires_grad(IntPtr t);
    [LibraryImport(Lib)] internal static partial int eop_tensor_set_requires_grad(IntPtr t, int value);
    [LibraryImport(Lib)] internal static partial int eop_tensor_is_leaf(IntPtr t);
    [LibraryImport(Lib)] internal static partial int eop_tensor_grad(IntPtr t, out IntPtr grad);
    [LibraryImport(Lib)] internal static partial int eop_tensor_set_grad(IntPtr t, IntPtr grad);
    [LibraryImport(Lib)] internal static partial int eop_tensor_backward(IntPtr t, IntPtr gradient, int retainGraph, int createGraph);
    [LibraryImport(Lib)] internal static partial int eop_grad_enabled();
    [LibraryImport(Lib)] internal static partial void eop_set_grad_enabled(int enabled);
    [LibraryImport(Lib)] internal static partial void eop_set_num_threads(int n);
    [LibraryImport(Lib)] internal static partial int eop_get_num_threads();
    [LibraryImport(Lib)] internal static partial void eop_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial int eop_cuda_is_available();
    [LibraryImport(Lib)] internal static partial int eop_cuda_device_count();
    [LibraryImport(Lib)] internal static partial IntPtr eop_torch_version();
    [LibraryImport(Lib)] internal static partial IntPtr eop_parallel_info();
    [LibraryImport(Lib)] internal static partial IntPtr eop_config_info();
    [LibraryImport(Lib)] internal static partial int eop_synchronize(int deviceType, int deviceIndex);

    // arith.cpp
    [LibraryImport(Lib)] internal static partial IntPtr eop_add(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr eop_add_scalar(IntPtr a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_sub(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr eop_rsub_scalar(IntPtr a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_mul(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_mul_scalar(IntPtr a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_div(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_div_scalar(IntPtr a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_rdiv_scalar(IntPtr a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_neg(IntPtr a);
    [LibraryImport(Lib)] internal static partial IntPtr eop_matmul(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_mm(IntPtr a, IntPtr b);
    [LibraryImport(Lib)] internal static partial int eop_add_(IntPtr a, IntPtr b, double alpha);
    [LibraryImport(Lib)] internal static partial int eop_mul_scalar_(IntPtr a, double b);
    [LibraryImport(Lib)] internal static partial int eop_zero_(IntPtr a);
    [LibraryImport(Lib)] internal static partial int eop_copy_(IntPtr dst, IntPtr src);
    [LibraryImport(Lib)] internal static partial int eop_fill_(IntPtr a, double value);
}
