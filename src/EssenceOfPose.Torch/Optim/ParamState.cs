namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// What an optimiser remembers about one parameter (PyTorch's <c>optimizer.state[p]</c>): the
/// number of updates it received and its buffers ("momentum_buffer", "exp_avg", "exp_avg_sq",
/// "max_exp_avg_sq"). The optimiser owns the buffers; read them, do not dispose them.
/// </summary>
public sealed class ParamState
{
    readonly Dictionary<string, Tensor> buffers = new(StringComparer.Ordinal);

    /// <summary>Updates applied to the parameter so far.</summary>
    public long step { get; internal set; }

    public IReadOnlyDictionary<string, Tensor> tensors => buffers;

    /// <summary>The native handle of a buffer, or zero when the optimiser has not created it yet.</summary>
    internal IntPtr HandleOf(string name) => buffers.TryGetValue(name, out var t) ? t.Handle.DangerousGetHandle() : IntPtr.Zero;

    /// <summary>Takes ownership of a handle the shim created for a buffer that was missing.</summary>
    internal void Adopt(string name, IntPtr before, IntPtr after)
    {
        if (after == before || after == IntPtr.Zero) return;
        Set(name, Tensor.Wrap(after));
    }

    /// <summary>Stores a buffer, freeing any previous one; the tensor leaves every dispose scope.</summary>
    internal void Set(string name, Tensor tensor)
    {
        DisposeScope.Detach(tensor);
        if (buffers.Remove(name, out var old)) old.Dispose();
        buffers[name] = tensor;
    }

    internal void Free()
    {
        foreach (var t in buffers.Values) t.Dispose();
        buffers.Clear();
    }
}
