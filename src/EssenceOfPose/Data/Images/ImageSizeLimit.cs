namespace EssenceOfPose.Data.Images;

/// <summary>
/// The largest image <see cref="RgbImage.Decode(string)"/> agrees to decode, checked against the
/// width and height the file's header declares before a single pixel is decoded. A crafted file
/// can declare any size in a few bytes (an 8×8 JPEG whose frame header says 20000×20000, a 250 kB
/// PNG of 16000×16000), and a decoder that believes it allocates gigabytes.
/// </summary>
/// <remarks>
/// <para>
/// The default, <see cref="Default"/>, is 16384 pixels per side and 2<sup>26</sup> = 67,108,864
/// pixels in all (64 megapixels, 8192×8192). Decoding goes through a 4-byte RGBA buffer and ends in
/// the 3-byte RGB image, so an image at the limit holds about 7 bytes a pixel, 448 MiB, at its
/// peak; the suite's own images (256×256 Street View crops, the synthetic city's 256×256 views,
/// figure inputs) are far below it. The side limit keeps one absurd dimension out even when the
/// product is small (1×60,000,000).
/// </para>
/// <para>Pass a larger limit to the <c>Decode</c> overloads that take one to read bigger images on purpose.</para>
/// </remarks>
public readonly record struct ImageSizeLimit
{
    /// <summary>16384 per side, 64 megapixels (2<sup>26</sup> pixels).</summary>
    public static ImageSizeLimit Default { get; } = new(16384, 1L << 26);

    public ImageSizeLimit(int maxSide, long maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPixels, 1);
        MaxSide = maxSide;
        MaxPixels = maxPixels;
    }

    /// <summary>The largest width, and the largest height, in pixels.</summary>
    public int MaxSide { get; }

    /// <summary>The largest width × height.</summary>
    public long MaxPixels { get; }

    /// <summary>Null when <paramref name="width"/> × <paramref name="height"/> fits; otherwise what is wrong, in words.</summary>
    public string? Check(int width, int height)
    {
        if (width < 1 || height < 1)
            return $"the header declares {width}×{height} pixels, an empty image";
        var pixels = (long)width * height;
        if (width <= MaxSide && height <= MaxSide && pixels <= MaxPixels) return null;
        return $"the header declares {width}×{height} pixels ({pixels:N0}), over the limit of {MaxSide} per side and {MaxPixels:N0} pixels; refused before decoding";
    }

    public override string ToString() => $"{MaxSide} per side, {MaxPixels:N0} pixels";
}
