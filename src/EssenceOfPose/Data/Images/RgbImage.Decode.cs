using System.Runtime.InteropServices;
using SkiaSharp;

namespace EssenceOfPose.Data.Images;

public sealed partial class RgbImage
{
    /// <summary>Starts every <see cref="ImageDecodeException.Reason"/> that reports what SkiaSharp's codec said.</summary>
    internal const string CodecReasonPrefix = "SkiaSharp: ";

    /// <summary>The encoded formats <see cref="Decode(ReadOnlySpan{byte}, string, ImageSizeLimit)"/> accepts; Skia's other codecs (ICO, WBMP) are refused.</summary>
    private static readonly SKEncodedImageFormat[] Accepted =
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Bmp, SKEncodedImageFormat.Gif, SKEncodedImageFormat.Webp];

    /// <summary>Reads and decodes a JPEG, PNG, BMP, GIF (first frame) or WebP file, converted to RGB, within <see cref="ImageSizeLimit.Default"/>.</summary>
    /// <exception cref="ImageDecodeException">Missing, unreadable, empty, not an image, truncated, or declaring a size over the limit.</exception>
    public static RgbImage Decode(string path) => Decode(path, ImageSizeLimit.Default);

    /// <summary>Reads and decodes an image file whose declared size is within <paramref name="limit"/>.</summary>
    /// <exception cref="ImageDecodeException">Missing, unreadable, empty, not an image, truncated, or declaring a size over the limit.</exception>
    public static RgbImage Decode(string path, ImageSizeLimit limit)
    {
        byte[] data;
        try
        {
            // A regular file of a sane size: a FIFO or a device is refused before it is opened.
            data = InputFile.ReadAllBytes(path, "an image file", InputFile.ImageLimit);
        }
        catch (InputFileException e)
        {
            throw new ImageDecodeException(path, e.Problem, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, $"cannot read the file ({e.Message})", e);
        }
        return Decode(data, path, limit);
    }

    /// <summary>Decodes the bytes of a JPEG, PNG, BMP, GIF or WebP within <see cref="ImageSizeLimit.Default"/>; <paramref name="sourceName"/> names them in errors.</summary>
    /// <exception cref="ImageDecodeException">Empty, not an image, truncated, or declaring a size over the limit.</exception>
    public static RgbImage Decode(ReadOnlySpan<byte> data, string sourceName) => Decode(data, sourceName, ImageSizeLimit.Default);

    /// <summary>
    /// Decodes the bytes of a JPEG, PNG, BMP, GIF (its first frame) or WebP to 8-bit RGB. The header
    /// is read first (<see cref="SKCodec"/>) and the declared width and height checked against
    /// <paramref name="limit"/>, and a JPEG's marker walk must reach its end-of-image marker, before
    /// any pixel is decoded. Pixels are decoded as unpremultiplied RGBA without colour management
    /// (an embedded ICC profile is not applied; stb_image did not apply it either) and the alpha
    /// channel is dropped, as stb_image's 3-channel load did: a transparent pixel keeps its stored
    /// colour. Grey images come out with R = G = B; palette, 16-bit and CMYK images as RGB. EXIF
    /// orientation is not applied (the pixels come as stored).
    /// </summary>
    /// <exception cref="ImageDecodeException">Empty, not an image, truncated, or declaring a size over the limit.</exception>
    public static unsafe RgbImage Decode(ReadOnlySpan<byte> data, string sourceName, ImageSizeLimit limit)
    {
        using var codec = Open(data, sourceName);
        var info = codec.Info;
        if (limit.Check(info.Width, info.Height) is { } tooLarge)
            throw new ImageDecodeException(sourceName, tooLarge);
        // libjpeg-turbo pads a JPEG cut short with grey and only reports "incomplete input"; the walk names the problem and costs no decoding.
        if (codec.EncodedFormat == SKEncodedImageFormat.Jpeg && !JpegMarkers.ReachesEndOfImage(data))
            throw new ImageDecodeException(sourceName, $"truncated JPEG ({data.Length} bytes): no end-of-image marker FF D9");

        int width = info.Width, height = info.Height;
        // No colour space on the destination: Skia then converts nothing (no ICC transform), as stb_image did.
        var rgbaInfo = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul, null);
        var rgbaBytes = (long)width * height * 4;
        if (rgbaBytes > Array.MaxLength)
            throw new ImageDecodeException(sourceName, $"{width}×{height} pixels do not fit one decoding buffer");
        var rgba = (byte*)NativeMemory.Alloc((nuint)rgbaBytes);
        try
        {
            var result = codec.GetPixels(rgbaInfo, (nint)rgba, width * 4, SKCodecOptions.Default);
            if (result != SKCodecResult.Success)
                throw new ImageDecodeException(sourceName, CodecReason("decoding the pixels", result, codec.EncodedFormat));
            var rgb = GC.AllocateUninitializedArray<byte>(width * height * 3);
            SkiaPixels.DropAlpha(new ReadOnlySpan<byte>(rgba, (int)rgbaBytes), rgb);
            return new RgbImage(width, height, rgb);
        }
        finally
        {
            NativeMemory.Free(rgba);
        }
    }

    /// <summary>
    /// Width, height and channel count from the header alone, without decoding the pixels and without
    /// a size limit (this is how to look at a file's size before deciding to decode it). Channels: 1
    /// for grey, 3 for opaque colour, 4 when the format can carry alpha (grey with alpha counts 4).
    /// </summary>
    /// <exception cref="ImageDecodeException">Empty, or not a format the decoder reads.</exception>
    public static (int Width, int Height, int Channels) ReadHeader(ReadOnlySpan<byte> data, string sourceName)
    {
        using var codec = Open(data, sourceName);
        var info = codec.Info;
        var channels = info.ColorType is SKColorType.Gray8 ? 1 : info.AlphaType == SKAlphaType.Opaque ? 3 : 4;
        return (info.Width, info.Height, channels);
    }

    /// <summary>A codec over a copy of <paramref name="data"/>, its header parsed; refuses empty data and formats outside <see cref="Accepted"/>.</summary>
    private static SKCodec Open(ReadOnlySpan<byte> data, string sourceName)
    {
        if (data.IsEmpty) throw new ImageDecodeException(sourceName, "empty file (0 bytes)");
        SKCodec? codec;
        SKCodecResult result;
        // The codec owns the stream, and the stream its copy of the bytes (a few hundred kB for the suite's images).
        using (var bytes = SKData.CreateCopy(data))
            codec = SKCodec.Create(new SKMemoryStream(bytes), out result);
        if (codec is null)
        {
            var reason = CodecReason("reading the header", result, null);
            if (JpegMarkers.LooksLikeJpeg(data) && !JpegMarkers.ReachesEndOfImage(data))
                reason += result == SKCodecResult.IncompleteInput ? "; no end-of-image marker FF D9" : "; the JPEG is truncated (no end-of-image marker FF D9)";
            throw new ImageDecodeException(sourceName, reason);
        }
        if (Array.IndexOf(Accepted, codec.EncodedFormat) < 0)
        {
            var format = codec.EncodedFormat;
            codec.Dispose();
            throw new ImageDecodeException(sourceName, $"{CodecReasonPrefix}the data is {format.ToString().ToUpperInvariant()}, not one of the accepted formats (JPEG, PNG, BMP, GIF, WebP)");
        }
        return codec;
    }

    private static string CodecReason(string stage, SKCodecResult result, SKEncodedImageFormat? format)
    {
        var what = result switch
        {
            SKCodecResult.IncompleteInput => "the data ends before the image does (truncated)",
            SKCodecResult.ErrorInInput => "the data is corrupt",
            SKCodecResult.InvalidInput => "not a valid image",
            SKCodecResult.Unimplemented when stage == "reading the header" => "not a JPEG, PNG, BMP, GIF or WebP image",
            SKCodecResult.Unimplemented => "a feature of this image it does not decode",
            SKCodecResult.InvalidConversion => "cannot convert the pixels to RGB",
            SKCodecResult.InvalidParameters or SKCodecResult.InvalidScale => "refused the decoding parameters",
            SKCodecResult.CouldNotRewind => "could not rewind the data",
            _ => "internal error",
        };
        var of = format is { } f ? $" of the {f.ToString().ToUpperInvariant()}" : "";
        return $"{CodecReasonPrefix}{what} ({stage}{of}: SKCodecResult.{result})";
    }
}
