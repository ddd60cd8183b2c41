using SkiaSharp;

namespace EssenceOfPose.Data.Images;

/// <summary>
/// Between <see cref="RgbImage"/>'s 3-byte RGB and Skia's 4-byte RGBA (Skia has no 3-byte pixel
/// format). No colour space is attached to anything made here, so Skia converts no colours when it
/// decodes, draws or encodes them: byte values pass through unchanged.
/// </summary>
internal static class SkiaPixels
{
    /// <summary>Opaque RGBA, no colour space: what the suite's canvases and encoders use.</summary>
    public static SKImageInfo OpaqueRgba(int width, int height) => new(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque, null);

    /// <summary>RGB → RGBA with alpha 255.</summary>
    public static void Widen(ReadOnlySpan<byte> rgb, Span<byte> rgba)
    {
        var pixels = rgb.Length / 3;
        if (rgba.Length < pixels * 4) throw new ArgumentException($"{rgba.Length} bytes cannot hold {pixels} RGBA pixels", nameof(rgba));
        for (int i = 0, s = 0, d = 0; i < pixels; i++, s += 3, d += 4)
        {
            rgba[d] = rgb[s];
            rgba[d + 1] = rgb[s + 1];
            rgba[d + 2] = rgb[s + 2];
            rgba[d + 3] = 255;
        }
    }

    /// <summary>RGBA → RGB, alpha dropped (not composited), as stb_image's 4-to-3 channel conversion did.</summary>
    public static void DropAlpha(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        var pixels = rgb.Length / 3;
        if (rgba.Length < pixels * 4) throw new ArgumentException($"{rgba.Length} bytes hold fewer than {pixels} RGBA pixels", nameof(rgba));
        for (int i = 0, s = 0, d = 0; i < pixels; i++, s += 4, d += 3)
        {
            rgb[d] = rgba[s];
            rgb[d + 1] = rgba[s + 1];
            rgb[d + 2] = rgba[s + 2];
        }
    }

    /// <summary>The image as an opaque RGBA <see cref="SKImage"/> (a copy).</summary>
    public static SKImage ToSkImage(RgbImage image)
    {
        var rgba = GC.AllocateUninitializedArray<byte>(image.Width * image.Height * 4);
        Widen(image.Pixels, rgba);
        return SKImage.FromPixelCopy(OpaqueRgba(image.Width, image.Height), rgba, image.Width * 4)
            ?? throw new InvalidOperationException($"Skia could not make a {image.Width}×{image.Height} image");
    }

    /// <summary>An RGBA 8888 bitmap's pixels as an <see cref="RgbImage"/> (a copy, alpha dropped).</summary>
    public static RgbImage ToRgbImage(SKBitmap bitmap)
    {
        if (bitmap.ColorType != SKColorType.Rgba8888) throw new ArgumentException($"expected an RGBA 8888 bitmap, got {bitmap.ColorType}", nameof(bitmap));
        var rgb = GC.AllocateUninitializedArray<byte>(bitmap.Width * bitmap.Height * 3);
        var src = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var y = 0; y < bitmap.Height; y++)
            DropAlpha(src.Slice(y * rowBytes, bitmap.Width * 4), rgb.AsSpan(y * bitmap.Width * 3, bitmap.Width * 3));
        return RgbImage.Wrap(bitmap.Width, bitmap.Height, rgb);
    }
}
