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
/// <para>
/// To read bigger images on purpose, pass a larger limit to the <c>Decode</c> overloads that take
/// one, or raise the default for a whole run: <c>eop --max-image-side N --max-image-pixels N</c>
/// (or the variables <c>EOP_MAX_IMAGE_SIDE</c> and <c>EOP_MAX_IMAGE_PIXELS</c>, which a notebook's
/// process also reads).
/// </para>
/// </remarks>
public readonly record struct ImageSizeLimit
{
    /// <summary>16384 per side, 64 megapixels (2<sup>26</sup> pixels).</summary>
    public static ImageSizeLimit Builtin { get; } = new(16384, 1L << 26);

    /// <summary>Names the environment variable that raises (or lowers) the largest width and height: <c>eop --max-image-side</c> sets it.</summary>
    public const string SideVariable = "EOP_MAX_IMAGE_SIDE";

    /// <summary>Names the environment variable that raises (or lowers) the largest pixel count: <c>eop --max-image-pixels</c> sets it.</summary>
    public const string PixelsVariable = "EOP_MAX_IMAGE_PIXELS";

    /// <summary>
    /// <see cref="Builtin"/>, with either bound replaced by <see cref="SideVariable"/> or
    /// <see cref="PixelsVariable"/> when set (what the CLI's <c>--max-image-side</c> and
    /// <c>--max-image-pixels</c> do), so that a user can read a larger image on purpose.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is set to something that is not a whole number ≥ 1.</exception>
    public static ImageSizeLimit Default => new(
        (int)Math.Min(Variable(SideVariable) ?? Builtin.MaxSide, int.MaxValue),
        Variable(PixelsVariable) ?? Builtin.MaxPixels);

    static long? Variable(string name)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text)) return null;
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) && v >= 1
            ? v
            : throw new ArgumentException($"{name}={text}: expected a whole number of pixels >= 1");
    }

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
