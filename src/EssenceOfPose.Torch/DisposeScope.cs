namespace EssenceOfPose.Torch;

/// <summary>
/// Frees, when disposed, every tensor created while it was the current scope, except those
/// moved out (<see cref="MoveToOuter(Tensor)"/>) or detached (<see cref="Detach(Tensor)"/>).
/// The current scope is an <see cref="AsyncLocal{T}"/>, so it follows async/await: a notebook
/// cell that resumes on another thread still allocates into the scope it opened.
/// Scopes nest; disposing one makes its outer scope current again.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    static readonly AsyncLocal<DisposeScope?> current = new();

    readonly DisposeScope? outer;
    readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    bool disposed;

    internal DisposeScope()
    {
        outer = current.Value;
        current.Value = this;
    }

    /// <summary>The scope new tensors join, or null when none is open.</summary>
    public static DisposeScope? Current => current.Value;

    /// <summary>How many tensors this scope would free now.</summary>
    public int Count => owned.Count;

    internal static void Register(Tensor t)
    {
        var s = current.Value;
        if (s is null) return;
        s.owned.Add(t);
        t.Owner = s;
    }

    internal void Forget(Tensor t) => owned.Remove(t);

    /// <summary>Hands a tensor to the outer scope (or to nobody, if this is the outermost); returns it.</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        if (tensor.Owner != this) return tensor;
        owned.Remove(tensor);
        tensor.Owner = null;
        if (outer is { disposed: false })
        {
            outer.owned.Add(tensor);
            tensor.Owner = outer;
        }
        return tensor;
    }

    /// <summary>Takes a tensor out of every scope: its owner frees it (Dispose) or the GC does.</summary>
    public static Tensor Detach(Tensor tensor)
    {
        tensor.Owner?.owned.Remove(tensor);
        tensor.Owner = null;
        return tensor;
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var t in owned)
        {
            t.Owner = null;
            t.Dispose();
        }
        owned.Clear();
        // Restore the outer scope even if inner scopes were left undisposed.
        if (current.Value == this || IsInnerOfThis(current.Value)) current.Value = outer;
    }

    bool IsInnerOfThis(DisposeScope? s)
    {
        for (; s is not null; s = s.outer)
            if (s == this) return true;
        return false;
    }
}
