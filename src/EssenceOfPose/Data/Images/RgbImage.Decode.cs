namespace EssenceOfPose.Data.Images;

public sealed partial class RgbImage
{
    /// <summary>Reads and decodes a JPEG, PNG or BMP file (any channel count, converted to RGB).</summary>
    /// <exception cref="ImageDecodeException">Missing, unreadable, empty, not an image, or truncated.</exception>
    public static RgbImage Decode(string path)
    {
        byte[] data;
        try
        {
            data = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "file not found" : $"cannot read the file ({e.Message})";
            throw new ImageDecodeException(path, reason, e);
        }
        return Decode(data, path);
    }

    /// <summary>Decodes the bytes of a JPEG, PNG or BMP; <paramref name="sourceName"/> names them in errors.</summary>
    /// <exception cref="ImageDecodeException">Empty, not an image, or truncated.</exception>
    public static unsafe RgbImage Decode(ReadOnlySpan<byte> data, string sourceName)
    {
        if (data.IsEmpty) throw new ImageDecodeException(sourceName, "empty file (0 bytes)");
        var isJpeg = JpegMarkers.LooksLikeJpeg(data);
        byte* decoded;
        int width, height;
        fixed (byte* p = data)
            decoded = StbNative.LoadFromMemory(p, data.Length, out width, out height, out _, 3);
        if (decoded == null)
        {
            var reason = $"stb_image: {StbNative.FailureReason()}";
            if (isJpeg && !JpegMarkers.ReachesEndOfImage(data)) reason += "; the JPEG is truncated (no end-of-image marker FF D9)";
            throw new ImageDecodeException(sourceName, reason);
        }
        try
        {
            // Older stb versions pad a JPEG cut short with grey and report success; the missing EOI gives it away.
            if (isJpeg && !JpegMarkers.ReachesEndOfImage(data))
                throw new ImageDecodeException(sourceName, $"truncated JPEG ({data.Length} bytes): no end-of-image marker FF D9; stb_image decoded it only by padding the missing data");
            return new RgbImage(width, height, new ReadOnlySpan<byte>(decoded, checked(width * height * 3)).ToArray());
        }
        finally
        {
            StbNative.ImageFree(decoded);
        }
    }

    /// <summary>Width, height and channel count from the header alone, without decoding the pixels.</summary>
    /// <exception cref="ImageDecodeException">Empty or not a format stb_image reads.</exception>
    public static unsafe (int Width, int Height, int Channels) ReadHeader(ReadOnlySpan<byte> data, string sourceName)
    {
        if (data.IsEmpty) throw new ImageDecodeException(sourceName, "empty file (0 bytes)");
        int ok, width, height, channels;
        fixed (byte* p = data)
            ok = StbNative.InfoFromMemory(p, data.Length, out width, out height, out channels);
        if (ok == 0) throw new ImageDecodeException(sourceName, $"stb_image: {StbNative.FailureReason()}");
        return (width, height, channels);
    }
}
