namespace EssenceOfPose.Torch;

// Python-style indexing (native/src/shape.cpp): x[0], x[.., 1], x[TensorIndex.Ellipsis, 0],
// x[mask], and assignment through the same indices.
public sealed partial class Tensor
{
    /// <summary>x[i]: the slice at i along the first dim (a view); assigning copies into it (broadcast).</summary>
    public Tensor this[long index]
    {
        get => select(0, index);
        set => index_put_([index], value);
    }

    /// <summary>x[a, b, ...] as in Python: integers and slices give views, tensors gather copies.</summary>
    public Tensor this[params TensorIndex[] indices]
    {
        get => index(indices);
        set => index_put_(indices, value);
    }

    /// <summary>x[indices], as the indexer.</summary>
    public Tensor index(params TensorIndex[] indices)
    {
        var e = Entries(indices);
        var r = Wrap(Native.eop_index(Handle, e, e.Length));
        GC.KeepAlive(indices);
        return r;
    }

    /// <summary>x[indices] = values (broadcast to the indexed part); returns this tensor.</summary>
    public Tensor index_put_(TensorIndex[] indices, Tensor values)
    {
        var e = Entries(indices);
        Native.Check(Native.eop_index_put_(Handle, e, e.Length, values.Handle));
        GC.KeepAlive(indices);
        GC.KeepAlive(values);
        return this;
    }

    /// <summary>x[indices] = value; returns this tensor.</summary>
    public Tensor index_put_(TensorIndex[] indices, double value)
    {
        var e = Entries(indices);
        Native.Check(Native.eop_index_put_scalar_(Handle, e, e.Length, value));
        GC.KeepAlive(indices);
        return this;
    }

    static TensorIndex.Entry[] Entries(TensorIndex[] indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var e = new TensorIndex.Entry[indices.Length];
        for (var i = 0; i < e.Length; i++) e[i] = indices[i].ToEntry();
        return e;
    }
}
