namespace EssenceOfPose.Torch;

/// <summary>
/// A libtorch tensor. Operations keep PyTorch's names and semantics; see the partial files
/// Tensor.*.cs for each group. The native tensor is freed by <see cref="Dispose"/>, by the
/// <see cref="DisposeScope"/> it was created in, or at the latest by the finalizer.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    readonly TensorHandle handle;

    internal Tensor(IntPtr handle)
    {
        this.handle = new TensorHandle(handle);
        DisposeScope.Register(this);
    }

    /// <summary>Wraps a handle returned by the shim, throwing libtorch's error if it is null.</summary>
    internal static Tensor Wrap(IntPtr handle) => new(Native.Check(handle));

    internal DisposeScope? Owner { get; set; }

    /// <summary>The native at::Tensor*, kept alive by the interop layer during each call; throws once disposed.</summary>
    internal TensorHandle Handle =>
        !handle.IsClosed ? handle : throw new ObjectDisposedException(nameof(Tensor), "this tensor was disposed (by Dispose() or by the DisposeScope it was created in)");

    public bool IsDisposed => handle.IsClosed;

    /// <summary>
    /// Frees the native tensor now (a call in flight on another thread finishes first). Without
    /// Dispose or a scope, the handle's finalizer frees it once the tensor is unreachable.
    /// </summary>
    public void Dispose()
    {
        Owner?.Forget(this);
        Owner = null;
        handle.Dispose();
    }

    // ---- metadata ---------------------------------------------------------

    public long dim() => Native.eop_tensor_ndim(Handle);

    public long numel() => Native.eop_tensor_numel(Handle);

    public unsafe long[] shape
    {
        get
        {
            var h = Handle;
            var s = new long[Native.eop_tensor_ndim(h)];
            fixed (long* p = s) Native.eop_tensor_shape(h, p);
            return s;
        }
    }

    /// <summary>Size of one dimension; negative counts from the end.</summary>
    public long size(int dim)
    {
        var s = shape;
        var d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length) throw new ArgumentOutOfRangeException(nameof(dim), dim, $"tensor has {s.Length} dimensions");
        return s[d];
    }

    public unsafe long[] stride()
    {
        var h = Handle;
        var s = new long[Native.eop_tensor_ndim(h)];
        fixed (long* p = s) Native.eop_tensor_strides(h, p);
        return s;
    }

    public ScalarType dtype => (ScalarType)Native.eop_tensor_dtype(Handle);

    public Device device
    {
        get
        {
            Native.eop_tensor_device(Handle, out var type, out var index);
            return new Device((DeviceType)type, index);
        }
    }

    public bool is_contiguous() => Native.eop_tensor_is_contiguous(Handle) != 0;

    public override string ToString() =>
        IsDisposed ? "Tensor(disposed)" : $"Tensor(shape=[{string.Join(", ", shape)}], dtype={dtype}, device={device}{(requires_grad ? ", requires_grad" : "")})";

    // ---- data out ---------------------------------------------------------

    /// <summary>Copies the values, in row-major order, into <paramref name="destination"/>.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var want = ScalarTypeExtensions.Of<T>();
        if (dtype != want) throw new ArgumentException($"tensor has dtype {dtype}; CopyTo<{typeof(T).Name}> needs {want} (convert with to())");
        fixed (T* p = destination)
            Native.Check(Native.eop_tensor_copy_to(Handle, p, (long)destination.Length * sizeof(T)));
    }

    /// <summary>The values in row-major order, as a flat array of the tensor's own element type.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var a = new T[numel()];
        CopyTo<T>(a);
        return a;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public double item()
    {
        Native.Check(Native.eop_tensor_item_double(Handle, out var v));
        return v;
    }

    public long item_long()
    {
        Native.Check(Native.eop_tensor_item_int64(Handle, out var v));
        return v;
    }

    // ---- conversion and copies -------------------------------------------

    public Tensor to(ScalarType type, bool copy = false)
    {
        var d = device;
        return Wrap(Native.eop_tensor_to(Handle, (int)type, (int)d.Type, d.Index, copy ? 1 : 0));
    }

    public Tensor to(Device device, bool copy = false) =>
        Wrap(Native.eop_tensor_to(Handle, (int)dtype, (int)device.Type, device.Index, copy ? 1 : 0));

    public Tensor to(Device device, ScalarType type, bool copy = false) =>
        Wrap(Native.eop_tensor_to(Handle, (int)type, (int)device.Type, device.Index, copy ? 1 : 0));

    public Tensor cpu() => to(Device.CPU);

    public Tensor cuda(int index = 0) => to(Device.CUDA(index));

    public Tensor @float() => to(ScalarType.Float32);

    public Tensor @double() => to(ScalarType.Float64);

    public Tensor @long() => to(ScalarType.Int64);

    public Tensor clone() => Wrap(Native.eop_tensor_clone(Handle));

    public Tensor contiguous() => Wrap(Native.eop_tensor_contiguous(Handle));

    /// <summary>A second handle to the same tensor (same storage, same autograd identity).</summary>
    public Tensor alias() => Wrap(Native.eop_tensor_alias(Handle));

    // ---- autograd ---------------------------------------------------------

    public bool requires_grad
    {
        get => Native.eop_tensor_requires_grad(Handle) != 0;
        set => Native.Check(Native.eop_tensor_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Sets requires_grad and returns this tensor, as PyTorch's requires_grad_().</summary>
    public Tensor requires_grad_(bool value = true)
    {
        requires_grad = value;
        return this;
    }

    public bool is_leaf => Native.eop_tensor_is_leaf(Handle) != 0;

    /// <summary>
    /// The accumulated gradient (a new handle each read), or null; assigning null removes it,
    /// as zero_grad(set_to_none=True) does.
    /// </summary>
    public Tensor? grad
    {
        get
        {
            Native.Check(Native.eop_tensor_grad(Handle, out var g));
            return g == IntPtr.Zero ? null : new Tensor(g);
        }
        set => Native.Check(Native.eop_tensor_set_grad(Handle, value?.Handle ?? TensorHandle.Null));
    }

    /// <summary>Accumulates gradients of this tensor into the leaves; <paramref name="gradient"/> may be omitted for a scalar.</summary>
    public void backward(Tensor? gradient = null, bool retain_graph = false, bool create_graph = false) =>
        Native.Check(Native.eop_tensor_backward(Handle, gradient?.Handle ?? TensorHandle.Null, retain_graph ? 1 : 0, create_graph ? 1 : 0));

    public Tensor detach() => Wrap(Native.eop_tensor_detach(Handle));
}
