using System.Runtime.InteropServices;

namespace EssenceOfPose.Torch;

/// <summary>
/// One entry of a Python-style index x[a, b, ...]: an integer (drops the dim), a slice
/// (<see cref="Slice"/> or a C# range such as 1..^1), a bool or int64 tensor (advanced
/// indexing), <see cref="None"/> (a new dim of size 1) or <see cref="Ellipsis"/>.
/// The default value is the full slice ":".
/// </summary>
public readonly struct TensorIndex
{
    enum Kind { Slice, None, Ellipsis, Integer, Boolean, Tensor }

    readonly Kind kind;
    readonly long? start, stop, step;
    readonly bool boolean;
    readonly Tensor? tensor;

    TensorIndex(Kind kind, long? start = null, long? stop = null, long? step = null, bool boolean = false, Tensor? tensor = null)
    {
        this.kind = kind;
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.boolean = boolean;
        this.tensor = tensor;
    }

    /// <summary>Python's None: inserts a dim of size 1.</summary>
    public static TensorIndex None => new(Kind.None);

    /// <summary>Python's ...: as many full slices as the other entries leave dims.</summary>
    public static TensorIndex Ellipsis => new(Kind.Ellipsis);

    /// <summary>Python's ":" (every element of a dim).</summary>
    public static TensorIndex Colon => new(Kind.Slice);

    /// <summary>Python's start:stop:step; null parts are the ends (step 1); negative bounds count from the end.</summary>
    public static TensorIndex Slice(long? start = null, long? stop = null, long? step = null)
    {
        if (step == 0) throw new ArgumentException("slice step cannot be zero", nameof(step));
        return new(Kind.Slice, start, stop, step);
    }

    public static implicit operator TensorIndex(long index) => new(Kind.Integer, start: index);

    public static implicit operator TensorIndex(bool value) => new(Kind.Boolean, boolean: value);

    /// <summary>A bool mask or an int64 index tensor.</summary>
    public static implicit operator TensorIndex(Tensor index) => new(Kind.Tensor, tensor: index ?? throw new ArgumentNullException(nameof(index)));

    /// <summary>A C# range as a slice: ^k is -k; an end of ^0 is the end of the dim.</summary>
    public static implicit operator TensorIndex(Range range)
    {
        long? start = range.Start.IsFromEnd
            ? (range.Start.Value == 0 ? long.MaxValue : -(long)range.Start.Value)
            : range.Start.Value;
        long? stop = range.End.IsFromEnd
            ? (range.End.Value == 0 ? null : -(long)range.End.Value)
            : range.End.Value;
        return new(Kind.Slice, start, stop);
    }

    /// <summary>The shim's eop_index_entry (native/src/shape.cpp).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Entry
    {
        public int Kind;
        public int Present;
        public long Start;
        public long Stop;
        public long Step;
        public IntPtr Tensor;
    }

    internal Entry ToEntry() => kind switch
    {
        Kind.None => new Entry { Kind = 0 },
        Kind.Ellipsis => new Entry { Kind = 1 },
        Kind.Integer => new Entry { Kind = 2, Start = start!.Value },
        Kind.Boolean => new Entry { Kind = 3, Start = boolean ? 1 : 0 },
        Kind.Slice => new Entry
        {
            Kind = 4,
            Present = (start.HasValue ? 1 : 0) | (stop.HasValue ? 2 : 0) | (step.HasValue ? 4 : 0),
            Start = start ?? 0,
            Stop = stop ?? 0,
            Step = step ?? 1,
        },
        _ => new Entry { Kind = 5, Tensor = tensor!.Handle.DangerousGetHandle() },
    };

    public override string ToString() => kind switch
    {
        Kind.None => "None",
        Kind.Ellipsis => "...",
        Kind.Integer => start!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Kind.Boolean => boolean ? "True" : "False",
        Kind.Slice => $"{start}:{stop}" + (step.HasValue ? $":{step}" : ""),
        _ => tensor!.ToString(),
    };
}
