namespace EssenceOfPose.Torch;

/// <summary>
/// Encodes optional managed arguments as the shim's tensor-API entry points take them
/// (see native/src/api_util.h): -1 for a dtype, device or dim list not given, 0/1 for flags,
/// and decodes results of several tensors.
/// </summary>
internal static class Args
{
    internal static int Flag(bool value) => value ? 1 : 0;

    internal static int Code(ScalarType? dtype) => dtype is { } t ? (int)t : -1;

    internal static int DeviceType(Device? device) => device is { } d ? (int)d.Type : -1;

    internal static int DeviceIndex(Device? device) => device is { } d ? d.Index : -1;

    /// <summary>The number of dims, or -1 for dim=None.</summary>
    internal static int Count(long[]? dims) => dims?.Length ?? -1;

    internal static IntPtr[] Handles(Tensor[] tensors)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var h = new IntPtr[tensors.Length];
        // Raw pointers: the caller keeps `tensors` alive (GC.KeepAlive) until the native call returns.
        for (var i = 0; i < h.Length; i++) h[i] = tensors[i].Handle.DangerousGetHandle();
        return h;
    }

    internal static TensorHandle HandleOrZero(Tensor? tensor) => tensor?.Handle ?? TensorHandle.Null;

    internal static IntPtr HandleOrZero(Generator? generator) => generator?.Handle ?? IntPtr.Zero;

    /// <summary>Wraps the two handles an entry point wrote after it returned <paramref name="status"/>.</summary>
    internal static (Tensor, Tensor) Pair(int status, IntPtr[] handles)
    {
        Native.Check(status);
        return (new Tensor(handles[0]), new Tensor(handles[1]));
    }

    /// <summary>Empties a native tensor list (chunk, split, unbind) into tensors, freeing the list.</summary>
    internal static unsafe Tensor[] List(IntPtr list)
    {
        Native.Check(list);
        var handles = new IntPtr[Native.eop_tensor_list_size(list)];
        fixed (IntPtr* p = handles) Native.Check(Native.eop_tensor_list_take(list, p));
        var tensors = new Tensor[handles.Length];
        for (var i = 0; i < tensors.Length; i++) tensors[i] = new Tensor(handles[i]);
        return tensors;
    }
}
