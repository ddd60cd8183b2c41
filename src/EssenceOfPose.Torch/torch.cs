namespace EssenceOfPose.Torch;

/// <summary>
/// The torch namespace of PyTorch: tensor creation, global state (threads, seed, grad mode),
/// and scopes. Operation groups live in partial files torch.*.cs.
/// </summary>
public static partial class torch
{
    static torch()
    {
        // libtorch's default is all cores; an explicit EOP_NUM_THREADS wins (CI, benchmarks).
        var env = Environment.GetEnvironmentVariable("EOP_NUM_THREADS");
        if (int.TryParse(env, out var n) && n > 0) set_num_threads(n);
    }

    public const ScalarType uint8 = ScalarType.UInt8;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType @bool = ScalarType.Bool;

    public static string version => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Native.eop_torch_version()) ?? "?";

    /// <summary>libtorch's own report of its thread pools and BLAS/oneDNN configuration.</summary>
    public static string parallel_info() => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Native.eop_parallel_info()) ?? "";

    public static string config_info() => System.Runtime.InteropServices.Marshal.PtrToStringUTF8(Native.eop_config_info()) ?? "";

    // ---- tensors from data -----------------------------------------------

    /// <summary>A new tensor holding a copy of <paramref name="data"/>, in row-major order, with the given shape.</summary>
    public static unsafe Tensor tensor<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape) where T : unmanaged
    {
        long n = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] has a negative size");
            n *= s;
        }
        if (n != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] holds {n} values but {data.Length} were given");
        fixed (T* p = data)
        fixed (long* sp = shape)
            return Tensor.Wrap(Native.eop_tensor_from_data(p, (int)ScalarTypeExtensions.Of<T>(), sp, shape.Length));
    }

    public static Tensor tensor<T>(T[] data, params long[] shape) where T : unmanaged =>
        tensor<T>(data.AsSpan(), shape.Length == 0 ? [data.LongLength] : shape);

    /// <summary>A zero-dimensional tensor.</summary>
    public static Tensor scalar_tensor(double value, ScalarType dtype = ScalarType.Float32)
    {
        using var d = tensor<double>(new[] { value }, ReadOnlySpan<long>.Empty); // the params overload would read no shape as [1]
        return dtype == ScalarType.Float64 ? d.clone() : d.to(dtype);
    }

    // ---- global state -------------------------------------------------------

    public static void set_num_threads(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "at least one thread");
        Native.eop_set_num_threads(n);
    }

    public static int get_num_threads() => Native.eop_get_num_threads();

    public static void manual_seed(ulong seed) => Native.eop_manual_seed(seed);

    public static bool is_grad_enabled() => Native.eop_grad_enabled() != 0;

    public static void set_grad_enabled(bool enabled) => Native.eop_set_grad_enabled(enabled ? 1 : 0);

    /// <summary>
    /// Disables gradient recording until disposed, then restores the previous mode. Grad mode is
    /// libtorch's thread-local state: open and close it on one thread (no await inside).
    /// </summary>
    public static IDisposable no_grad() => new GradModeGuard(false);

    public static IDisposable enable_grad() => new GradModeGuard(true);

    sealed class GradModeGuard : IDisposable
    {
        readonly bool previous;
        bool done;

        public GradModeGuard(bool enabled)
        {
            previous = is_grad_enabled();
            set_grad_enabled(enabled);
        }

        public void Dispose()
        {
            if (done) return;
            done = true;
            set_grad_enabled(previous);
        }
    }

    /// <summary>Opens a scope that frees every tensor created in it when disposed (see <see cref="DisposeScope"/>).</summary>
    public static DisposeScope NewDisposeScope() => new();

    public static class cuda
    {
        public static bool is_available() => Native.eop_cuda_is_available() != 0;

        public static int device_count() => Native.eop_cuda_device_count();

        public static void synchronize(int index = 0) => Native.Check(Native.eop_synchronize((int)DeviceType.CUDA, index));
    }
}
