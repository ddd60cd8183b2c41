namespace EssenceOfPose.Data.Images;

/// <summary>
/// An 8-bit RGB image: width, height and interleaved R G B bytes, row by row from the top. It
/// never changes after construction; operations return new images. Decoding and encoding go
/// through SkiaSharp (<see cref="SkiaSharp.SKCodec"/>, Skia's PNG and JPEG encoders), with the
/// declared size checked before decoding (<see cref="ImageSizeLimit"/>). Resizing is deliberately
/// absent: the suite resizes with libtorch's antialiased interpolation, on tensors.
/// </summary>
[EssenceOfPose.Display.TypeFormatterSource(typeof(RgbImageFormatters), PreferredMimeTypes = [EssenceOfPose.Display.MimeTypes.Png])]
public sealed partial class RgbImage
{
    private readonly byte[] _pixels;

    /// <summary>Copies <paramref name="pixels"/> (width × height × 3 bytes, RGB interleaved).</summary>
    public RgbImage(int width, int height, ReadOnlySpan<byte> pixels)
        : this(width, height, pixels.ToArray())
    {
    }

    private RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != checked(width * height * 3))
            throw new ArgumentException($"expected {width}×{height}×3 = {width * height * 3} bytes, got {pixels.Length}", nameof(pixels));
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    /// <summary>Takes ownership of <paramref name="pixels"/> without copying; the caller must not write to it again.</summary>
    internal static RgbImage Wrap(int width, int height, byte[] pixels) => new(width, height, pixels);

    public int Width { get; }

    public int Height { get; }

    /// <summary>Interleaved RGB, <c>(y * Width + x) * 3</c> is the red byte of pixel (x, y).</summary>
    public ReadOnlySpan<byte> Pixels => _pixels;

    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside {Width}×{Height}");
            var i = (y * Width + x) * 3;
            return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
        }
    }

    /// <summary>The <paramref name="width"/> × <paramref name="height"/> window whose top-left pixel is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > Width || y + height > Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"crop ({x}, {y}, {width}×{height}) is not inside {Width}×{Height}");
        var dst = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
            _pixels.AsSpan(((y + row) * Width + x) * 3, width * 3).CopyTo(dst.AsSpan(row * width * 3));
        return new RgbImage(width, height, dst);
    }

    /// <summary>The centred window (the original crops the centre 192 of 256); odd margins leave the extra pixel on the right and bottom.</summary>
    public RgbImage CropCentre(int width, int height) => Crop((Width - width) / 2, (Height - height) / 2, width, height);

    /// <summary>A lossless 8-bit RGB PNG (Skia's encoder, zlib level 6, all filters tried).</summary>
    public byte[] EncodePng() => ImageEncoder.Png(_pixels, Width, Height);

    /// <param name="quality">1–100; Skia's (libjpeg-turbo's) baseline JPEG, chroma 4:2:0 up to 90 and 4:4:4 above.</param>
    public byte[] EncodeJpeg(int quality = 90) => ImageEncoder.Jpeg(_pixels, Width, Height, quality);

    /// <summary>Writes a PNG atomically: a temporary file beside <paramref name="path"/>, then a rename.</summary>
    public void SavePng(string path) => AtomicFile.WriteAllBytes(path, EncodePng());

    /// <summary>Writes a JPEG atomically: a temporary file beside <paramref name="path"/>, then a rename.</summary>
    public void SaveJpeg(string path, int quality = 90) => AtomicFile.WriteAllBytes(path, EncodeJpeg(quality));

    /// <summary>
    /// Lays <paramref name="images"/> out left to right, top to bottom, <paramref name="columns"/>
    /// per row, in cells as large as the largest image, separated by <paramref name="gap"/> pixels
    /// of <paramref name="background"/> grey: a contact sheet.
    /// </summary>
    public static RgbImage Tile(IReadOnlyList<RgbImage> images, int columns, int gap = 4, byte background = 255)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(gap);
        int cellW = 0, cellH = 0;
        foreach (var im in images)
        {
            cellW = Math.Max(cellW, im.Width);
            cellH = Math.Max(cellH, im.Height);
        }
        columns = Math.Min(columns, images.Count);
        var rows = (images.Count + columns - 1) / columns;
        var width = columns * cellW + (columns + 1) * gap;
        var height = rows * cellH + (rows + 1) * gap;
        var dst = new byte[width * height * 3];
        dst.AsSpan().Fill(background);
        for (var k = 0; k < images.Count; k++)
        {
            var im = images[k];
            var x0 = gap + (k % columns) * (cellW + gap);
            var y0 = gap + (k / columns) * (cellH + gap);
            for (var row = 0; row < im.Height; row++)
                im._pixels.AsSpan(row * im.Width * 3, im.Width * 3).CopyTo(dst.AsSpan(((y0 + row) * width + x0) * 3));
        }
        return new RgbImage(width, height, dst);
    }
}
