using System.Runtime.InteropServices;
using SkiaSharp;

namespace EssenceOfPose.Data.Images;

/// <summary>
/// Encodes interleaved RGB bytes to PNG or baseline JPEG with Skia's encoders (libpng and
/// libjpeg-turbo, built into SkiaSharp's native library). Skia has no 3-byte pixel format, so the
/// pixels are widened to opaque RGBA in a native buffer first. No colour space is attached: the
/// files carry no ICC profile or sRGB chunk, as stb_image_write's did not. Same input, same bytes;
/// any number of threads can encode at once.
/// </summary>
internal static unsafe class ImageEncoder
{
    /// <summary>8-bit RGB PNG (colour type 2), zlib level 6, every row filter tried.</summary>
    public static byte[] Png(ReadOnlySpan<byte> rgb, int width, int height)
    {
        Check(rgb, width, height);
        return Encode(rgb, width, height, "PNG", pixmap => pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 6)));
    }

    /// <param name="quality">
    /// 1 (smallest) to 100 (best), libjpeg's quality scale. Chroma is subsampled 4:2:0 up to 90 and kept
    /// at 4:4:4 above, the same switch stb_image_write made, so a quality means the same trade as before.
    /// </param>
    public static byte[] Jpeg(ReadOnlySpan<byte> rgb, int width, int height, int quality)
    {
        Check(rgb, width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        var downsample = quality <= 90 ? SKJpegEncoderDownsample.Downsample420 : SKJpegEncoderDownsample.Downsample444;
        var options = new SKJpegEncoderOptions(quality, downsample, SKJpegEncoderAlphaOption.Ignore);
        return Encode(rgb, width, height, "JPEG", pixmap => pixmap.Encode(options));
    }

    private static byte[] Encode(ReadOnlySpan<byte> rgb, int width, int height, string format, Func<SKPixmap, SKData?> encode)
    {
        var pixels = width * height;
        var rgba = (byte*)NativeMemory.Alloc((nuint)pixels * 4);
        try
        {
            SkiaPixels.Widen(rgb, new Span<byte>(rgba, pixels * 4));
            using var pixmap = new SKPixmap(SkiaPixels.OpaqueRgba(width, height), (nint)rgba, width * 4);
            using var data = encode(pixmap) ?? throw new InvalidOperationException($"Skia could not encode a {width}×{height} {format}");
            return data.ToArray();
        }
        finally
        {
            NativeMemory.Free(rgba);
        }
    }

    private static void Check(ReadOnlySpan<byte> rgb, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb.Length != checked(width * height * 3))
            throw new ArgumentException($"expected {width}×{height}×3 = {width * height * 3} bytes, got {rgb.Length}", nameof(rgb));
    }
}
