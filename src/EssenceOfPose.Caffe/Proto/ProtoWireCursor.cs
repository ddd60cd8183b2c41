using Google.Protobuf;

namespace EssenceOfPose.Caffe;

/// <summary>
/// One protobuf message inside a byte buffer, read with its own <see cref="CodedInputStream"/>.
/// Nested messages and packed runs become new cursors over the same buffer, so a large blob is
/// never copied before it is decoded (this Google.Protobuf version keeps PushLimit internal).
/// </summary>
sealed class ProtoWireCursor
{
    readonly byte[] buffer;
    readonly int start;
    readonly int length;
    readonly long origin;

    public ProtoWireCursor(byte[] buffer, int start, int length)
    {
        this.buffer = buffer;
        this.start = start;
        this.length = length;
        Input = new CodedInputStream(buffer, start, length);
        origin = Input.Position;
    }

    public CodedInputStream Input { get; }

    /// <summary>Offset in the whole buffer, for error messages.</summary>
    public long Offset => start + (Input.Position - origin);

    public bool IsAtEnd => Input.IsAtEnd;

    /// <summary>The next tag, or 0 at the end of the message.</summary>
    public uint ReadTag() => Input.ReadTag();

    /// <summary>
    /// The content of the length-delimited field whose tag was just read, as a range of the buffer;
    /// the cursor moves past it. A length running past the message's end throws (truncated input).
    /// </summary>
    public (int Start, int Length) TakeLengthDelimited()
    {
        var afterTag = Offset;
        Input.SkipLastField();
        var end = Offset;
        var header = new CodedInputStream(buffer, (int)afterTag, (int)(end - afterTag));
        var headerOrigin = header.Position;
        var contentLength = header.ReadLength();
        return ((int)(afterTag + (header.Position - headerOrigin)), contentLength);
    }

    /// <summary>A cursor over the length-delimited field whose tag was just read (a nested message or a packed run).</summary>
    public ProtoWireCursor Nested()
    {
        var (contentStart, contentLength) = TakeLengthDelimited();
        return new ProtoWireCursor(buffer, contentStart, contentLength);
    }

    public ReadOnlySpan<byte> Bytes(int from, int count) => buffer.AsSpan(from, count);

    public override string ToString() => $"message at bytes {start}..{start + length}";
}
