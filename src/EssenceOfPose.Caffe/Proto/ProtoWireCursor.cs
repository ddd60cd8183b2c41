using Google.Protobuf;

namespace EssenceOfPose.Caffe;

/// <summary>
/// One protobuf message inside a byte buffer, read with its own <see cref="CodedInputStream"/>.
/// Nested messages and packed runs become new cursors over the same buffer, so a large blob is
/// never copied before it is decoded (this Google.Protobuf version keeps PushLimit internal).
/// </summary>
sealed class ProtoWireCursor
{
    private readonly byte[] _buffer;
    private readonly int _start;
    private readonly int _length;
    private readonly CodedInputStream _input;
    private readonly long _origin;

    public ProtoWireCursor(byte[] buffer, int start, int length)
    {
        _buffer = buffer;
        _start = start;
        _length = length;
        _input = new CodedInputStream(buffer, start, length);
        _origin = _input.Position;
    }

    public CodedInputStream Input => _input;

    /// <summary>Offset in the whole buffer, for error messages.</summary>
    public long Offset => _start + (_input.Position - _origin);

    public bool IsAtEnd => _input.IsAtEnd;

    /// <summary>The next tag, or 0 at the end of the message.</summary>
    public uint ReadTag() => _input.ReadTag();

    /// <summary>
    /// The content of the length-delimited field whose tag was just read, as a range of the buffer;
    /// the cursor moves past it. A length running past the message's end throws (truncated input).
    /// </summary>
    public (int Start, int Length) TakeLengthDelimited()
    {
        long afterTag = Offset;
        _input.SkipLastField();
        long end = Offset;
        var header = new CodedInputStream(_buffer, (int)afterTag, (int)(end - afterTag));
        long origin = header.Position;
        int length = header.ReadLength();
        int start = (int)(afterTag + (header.Position - origin));
        return (start, length);
    }

    /// <summary>A cursor over the length-delimited field whose tag was just read (a nested message or a packed run).</summary>
    public ProtoWireCursor Nested()
    {
        var (start, length) = TakeLengthDelimited();
        return new ProtoWireCursor(_buffer, start, length);
    }

    public ReadOnlySpan<byte> Bytes(int start, int length) => _buffer.AsSpan(start, length);

    public override string ToString() => $"message at bytes {_start}..{_start + _length}";
}
