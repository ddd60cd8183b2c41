using System.Runtime.InteropServices;

namespace EssenceOfPose.Display;

/// <summary>
/// Draws captions (ASCII and Latin-1) into RGB pixel buffers with stb_truetype (Debian's libstb0): the font
/// is baked once into a coverage atlas, then each glyph is alpha-blended at its baked offset.
/// The default face is DejaVu Sans (package fonts-dejavu-core).
/// </summary>
internal sealed partial class TrueTypeText
{
    public const string DefaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    const int FirstChar = 32, CharCount = 224, Atlas = 512; // printable ASCII and Latin-1 (°, ×, ², µ)

    static readonly Dictionary<(string, float), TrueTypeText> cache = new();
    static readonly Lock cacheLock = new();

    readonly byte[] atlas = new byte[Atlas * Atlas];
    readonly BakedChar[] chars = new BakedChar[CharCount];

    /// <summary>Pixel height the font was baked at; a line of text is about this tall.</summary>
    public float PixelHeight { get; }

    TrueTypeText(string fontPath, float pixelHeight)
    {
        if (!File.Exists(fontPath))
            throw new FileNotFoundException($"font '{fontPath}' not found (install the Debian package fonts-dejavu-core, or pass another .ttf)", fontPath);
        var ttf = File.ReadAllBytes(fontPath);
        PixelHeight = pixelHeight;
        int rows;
        unsafe
        {
            fixed (byte* data = ttf)
            fixed (byte* pixels = atlas)
            fixed (BakedChar* cd = chars)
                rows = stbtt_BakeFontBitmap(data, 0, pixelHeight, pixels, Atlas, Atlas, FirstChar, CharCount, cd);
        }
        if (rows <= 0)
            throw new InvalidOperationException($"font '{fontPath}' at {pixelHeight}px: stb_truetype baked only {-rows} of {CharCount} glyphs (not a TrueType font, or too large)");
    }

    /// <summary>The font baked at a pixel height, cached per (file, height).</summary>
    public static TrueTypeText Get(float pixelHeight = 12, string fontPath = DefaultFont)
    {
        lock (cacheLock)
        {
            if (!cache.TryGetValue((fontPath, pixelHeight), out var t))
                cache[(fontPath, pixelHeight)] = t = new TrueTypeText(fontPath, pixelHeight);
            return t;
        }
    }

    /// <summary>Width in pixels of a line of text (characters outside Latin-1 draw as '?').</summary>
    public int Measure(string text)
    {
        float x = 0;
        foreach (var c in text) x += chars[Index(c)].XAdvance;
        return (int)MathF.Ceiling(x);
    }

    /// <summary>
    /// Blends <paramref name="text"/> into an interleaved RGB buffer of the given size, with the
    /// top of the line at <paramref name="top"/>; glyph parts outside the buffer are clipped.
    /// </summary>
    public void Draw(Span<byte> rgb, int width, int height, int left, int top, string text, (byte R, byte G, byte B) color)
    {
        if (rgb.Length != width * height * 3) throw new ArgumentException($"buffer holds {rgb.Length} bytes, {width}×{height} RGB needs {width * height * 3}");
        float pen = left;
        var baseline = top + PixelHeight * 0.8f;
        foreach (var c in text)
        {
            ref readonly var g = ref chars[Index(c)];
            var gx = (int)MathF.Round(pen + g.XOff);
            var gy = (int)MathF.Round(baseline + g.YOff);
            for (var ay = g.Y0; ay < g.Y1; ay++)
            {
                var y = gy + ay - g.Y0;
                if ((uint)y >= (uint)height) continue;
                for (var ax = g.X0; ax < g.X1; ax++)
                {
                    var x = gx + ax - g.X0;
                    if ((uint)x >= (uint)width) continue;
                    int a = atlas[ay * Atlas + ax];
                    if (a == 0) continue;
                    var o = (y * width + x) * 3;
                    rgb[o] = (byte)((rgb[o] * (255 - a) + color.R * a + 127) / 255);
                    rgb[o + 1] = (byte)((rgb[o + 1] * (255 - a) + color.G * a + 127) / 255);
                    rgb[o + 2] = (byte)((rgb[o + 2] * (255 - a) + color.B * a + 127) / 255);
                }
            }
            pen += g.XAdvance;
        }
    }

    static int Index(char c) => c is >= (char)FirstChar and < (char)(FirstChar + CharCount) ? c - FirstChar : '?' - FirstChar;

    [StructLayout(LayoutKind.Sequential)]
    struct BakedChar
    {
        public ushort X0, Y0, X1, Y1;
        public float XOff, YOff, XAdvance;
    }

    [LibraryImport("libstb.so.0")]
    private static unsafe partial int stbtt_BakeFontBitmap(byte* data, int offset, float pixelHeight, byte* pixels, int pw, int ph, int firstChar, int numChars, BakedChar* chardata);
}
