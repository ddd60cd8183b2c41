namespace EssenceOfPose.Data.Images;

/// <summary>
/// An image that could not be read or decoded: missing, empty, not an image, or truncated.
/// The message names the file and the reason (stb_image's own reason where it gave one).
/// </summary>
public sealed class ImageDecodeException : IOException
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
