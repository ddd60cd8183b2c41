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
    [LibraryImport(Lib)] internal static partial long eop_tensor_ndim(TensorHandle t);
    [LibraryImport(Lib)] internal static partial long eop_tensor_numel(TensorHandle t);
    [LibraryImport(Lib)] internal static unsafe partial void eop_tensor_shape(TensorHandle t, long* shape);
    [LibraryImport(Lib)] internal static unsafe partial void eop_tensor_strides(TensorHandle t, long* strides);
    [LibraryImport(Lib)] internal static partial int eop_tensor_dtype(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void eop_tensor_device(TensorHandle t, out int type, out int index);
    [LibraryImport(Lib)] internal static unsafe partial IntPtr eop_tensor_from_data(void* data, int dtype, long* shape, int ndim);
    [LibraryImport(Lib)] internal static unsafe partial int eop_tensor_copy_to(TensorHandle t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial int eop_tensor_item_double(TensorHandle t, out double value);
    [LibraryImport(Lib)] internal static partial int eop_tensor_item_int64(TensorHandle t, out long value);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, int copy);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_clone(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_contiguous(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_detach(TensorHandle t);
    [LibraryImport(Lib)] internal static partial IntPtr eop_tensor_alias(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int eop_tensor_is_contiguous(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int eop_tensor_requires_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int eop_tensor_set_requires_grad(TensorHandle t, int value);
    [LibraryImport(Lib)] internal static partial int eop_tensor_is_leaf(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int eop_tensor_grad(TensorHandle t, out IntPtr grad);
    [LibraryImport(Lib)] internal static partial int eop_tensor_set_grad(TensorHandle t, TensorHandle grad);
    [LibraryImport(Lib)] internal static partial int eop_tensor_backward(TensorHandle t, TensorHandle gradient, int retainGraph, int createGraph);
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
    [LibraryImport(Lib)] internal static partial IntPtr eop_add(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr eop_add_scalar(TensorHandle a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_sub(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial IntPtr eop_rsub_scalar(TensorHandle a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_mul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_mul_scalar(TensorHandle a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_div(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_div_scalar(TensorHandle a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_rdiv_scalar(TensorHandle a, double b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_neg(TensorHandle a);
    [LibraryImport(Lib)] internal static partial IntPtr eop_matmul(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial IntPtr eop_mm(TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial int eop_add_(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial int eop_mul_scalar_(TensorHandle a, double b);
    [LibraryImport(Lib)] internal static partial int eop_zero_(TensorHandle a);
    [LibraryImport(Lib)] internal static partial int eop_copy_(TensorHandle dst, TensorHandle src);
    [LibraryImport(Lib)] internal static partial int eop_fill_(TensorHandle a, double value);
}
