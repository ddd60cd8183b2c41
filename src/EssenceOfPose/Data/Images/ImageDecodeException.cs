namespace EssenceOfPose.Data.Images;

/// <summary>
/// An image that could not be read or decoded: missing, empty, not an image, truncated, or larger
/// than the <see cref="ImageSizeLimit"/> its header declares. The message is one line naming the
/// file and the reason (SkiaSharp's codec result where it gave one, the declared size and the limit
/// for an oversized image).
/// </summary>
internal sealed class ImageDecodeException : IOException
{
    public ImageDecodeException(string source, string reason, Exception? inner = null)
        : base($"cannot decode image '{source}': {reason}", inner)
    {
        SourceName = source;
        Reason = reason;
    }

    /// <summary>The file path, or the name the caller gave the bytes.</summary>
    public string SourceName { get; }

    public string Reason { get; }
}
