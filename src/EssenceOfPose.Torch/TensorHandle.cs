using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

/// <summary>
/// The native at::Tensor* of a <see cref="Tensor"/>. A SafeHandle because the interop layer
/// then holds a reference for the length of every native call: a temporary tensor that the
/// JIT considers dead (say the inner result in <c>F.relu(F.conv2d(x, w))</c>) cannot be
/// finalised and freed while libtorch is still reading it.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    /// <summary>Passed where an optional tensor argument is absent; the shim reads it as nullptr.</summary>
    public static readonly TensorHandle Null = new(IntPtr.Zero, ownsHandle: false);

    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    public TensorHandle(IntPtr handle, bool ownsHandle = true) : base(IntPtr.Zero, ownsHandle) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Native.eop_tensor_free(handle);
        return true;
    }
}
