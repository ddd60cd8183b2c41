using System.Text;
using SkiaSharp;

namespace EssenceOfPose.Display;

/// <summary>
/// Caption text through SkiaSharp: one font file (by default DejaVu Sans from Debian's
/// fonts-dejavu-core) loaded by path with <see cref="SKTypeface.FromFile"/>, never looked up
/// through fontconfig, and its outlines read by the FreeType built into SkiaSharp's native
/// library, so a figure comes out the same on every machine with the same font file.
/// </summary>
/// <remarks>
/// <para>
/// Each line is drawn as the filled outline path of its glyphs, unhinted, each glyph's origin on a
/// whole pixel, antialiased by Skia's path rasteriser: plain geometric coverage, as stb_truetype's
/// baked glyphs had. (Skia's own glyph masks would add a luminance-dependent contrast and gamma
/// adjustment that thins black text by about a fifth when it is blended in sRGB values, as here.)
/// No kerning or shaping: one glyph per character, as captions need.
/// </para>
/// <para>
/// <see cref="PixelHeight"/> keeps the meaning it had with stb_truetype: the font's ascent minus
/// its descent (hhea) in pixels, so a 12-pixel caption is as large as before (DejaVu Sans's em is
/// 0.86 of it). Characters the font has no glyph for, and control characters, draw as '?'.
/// </para>
/// </remarks>
internal sealed class TrueTypeText
{
    public const string DefaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    static readonly Dictionary<(string, float), TrueTypeText> cache = new();
    static readonly Dictionary<string, SKTypeface> faces = new();
    static readonly Lock cacheLock = new();

    readonly SKFont font;
    readonly int ascent; // line top to baseline, whole pixels

    /// <summary>Pixel height (ascent − descent) the font is drawn at; a line of text is about this tall.</summary>
    public float PixelHeight { get; }

    /// <summary>The font file.</summary>
    public string FontPath { get; }

    TrueTypeText(SKTypeface typeface, string fontPath, float pixelHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pixelHeight);
        FontPath = fontPath;
        PixelHeight = pixelHeight;
        using var probe = new SKFont(typeface, 1000f) { Hinting = SKFontHinting.None, LinearMetrics = true };
        var probeMetrics = probe.Metrics;
        var lineUnits = probeMetrics.Descent - probeMetrics.Ascent;
        if (!(lineUnits > 0))
            throw new InvalidOperationException($"font '{fontPath}' declares no ascent or descent; cannot size it to {pixelHeight}px");
        font = new SKFont(typeface, pixelHeight * 1000f / lineUnits)
        {
            Edging = SKFontEdging.Antialias,
            Hinting = SKFontHinting.None,
            LinearMetrics = true,
            Subpixel = true,
            EmbeddedBitmaps = false,
        };
        ascent = (int)MathF.Round(-font.Metrics.Ascent);
    }

    /// <summary>The font at a pixel height, cached per (file, height).</summary>
    /// <exception cref="FileNotFoundException">The font file is missing (the message names it and the Debian package).</exception>
    /// <exception cref="InvalidOperationException">The file is not a font Skia reads.</exception>
    public static TrueTypeText Get(float pixelHeight = 12, string fontPath = DefaultFont)
    {
        lock (cacheLock)
        {
            if (cache.TryGetValue((fontPath, pixelHeight), out var t)) return t;
            if (!faces.TryGetValue(fontPath, out var face))
            {
                if (!File.Exists(fontPath))
                    throw new FileNotFoundException($"font '{fontPath}' not found (install the Debian package fonts-dejavu-core, or pass another .ttf)", fontPath);
                face = SKTypeface.FromFile(fontPath, 0)
                    ?? throw new InvalidOperationException($"font '{fontPath}': SkiaSharp cannot read it as a TrueType or OpenType font");
                faces[fontPath] = face;
            }
            cache[(fontPath, pixelHeight)] = t = new TrueTypeText(face, fontPath, pixelHeight);
            return t;
        }
    }

    /// <summary>Width in pixels of a line of text: the sum of the glyphs' advances, rounded up.</summary>
    public int Measure(string text) => (int)MathF.Ceiling(font.MeasureText(Printable(text)));

    /// <summary>
    /// Blends <paramref name="text"/> into an interleaved RGB buffer of the given size, with the
    /// top of the line at <paramref name="top"/>; glyph parts outside the buffer are clipped. The
    /// glyphs' coverage a (0–255) mixes the colour in: out = (in·(255 − a) + colour·a) / 255.
    /// </summary>
    public unsafe void Draw(Span<byte> rgb, int width, int height, int left, int top, string text, (byte R, byte G, byte B) color)
    {
        if (rgb.Length != width * height * 3) throw new ArgumentException($"buffer holds {rgb.Length} bytes, {width}×{height} RGB needs {width * height * 3}");
        var line = Printable(text);
        if (line.Length == 0) return;
        using var path = LinePath(line, left, top + ascent);
        var ink = path.Bounds;
        // The glyphs' ink box in the buffer, a pixel of margin for antialiasing, clipped to the buffer.
        var x0 = Math.Max(0, (int)MathF.Floor(ink.Left) - 1);
        var y0 = Math.Max(0, (int)MathF.Floor(ink.Top) - 1);
        var x1 = Math.Min(width, (int)MathF.Ceiling(ink.Right) + 1);
        var y1 = Math.Min(height, (int)MathF.Ceiling(ink.Bottom) + 1);
        if (x1 <= x0 || y1 <= y0) return;
        int mw = x1 - x0, mh = y1 - y0;
        var mask = new byte[mw * mh];
        fixed (byte* m = mask)
        {
            var info = new SKImageInfo(mw, mh, SKColorType.Alpha8, SKAlphaType.Premul);
            using var surface = SKSurface.Create(info, (nint)m, mw)
                ?? throw new InvalidOperationException($"Skia could not make a {mw}×{mh} coverage mask");
            surface.Canvas.Translate(-x0, -y0);
            Fill(surface.Canvas, path, SKColors.Black);
            surface.Flush();
        }
        for (var y = 0; y < mh; y++)
        {
            var row = ((y0 + y) * width + x0) * 3;
            for (var x = 0; x < mw; x++)
            {
                int a = mask[y * mw + x];
                if (a == 0) continue;
                var o = row + x * 3;
                rgb[o] = (byte)((rgb[o] * (255 - a) + color.R * a + 127) / 255);
                rgb[o + 1] = (byte)((rgb[o + 1] * (255 - a) + color.G * a + 127) / 255);
                rgb[o + 2] = (byte)((rgb[o + 2] * (255 - a) + color.B * a + 127) / 255);
            }
        }
    }

    /// <summary>Draws <paramref name="text"/> onto a Skia canvas with the top of the line at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public void Draw(SKCanvas canvas, int left, int top, string text, SKColor color)
    {
        var line = Printable(text);
        if (line.Length == 0) return;
        using var path = LinePath(line, left, top + ascent);
        Fill(canvas, path, color);
    }

    /// <summary>The outlines of <paramref name="line"/> with the pen starting at (<paramref name="x"/>, <paramref name="baseline"/>), each glyph's origin rounded to a whole pixel.</summary>
    SKPath LinePath(string line, int x, int baseline)
    {
        var positions = font.GetGlyphPositions(line, new SKPoint(x, baseline));
        for (var i = 0; i < positions.Length; i++) positions[i] = new SKPoint(MathF.Round(positions[i].X), baseline);
        return font.GetTextPath(line, positions);
    }

    static void Fill(SKCanvas canvas, SKPath path, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.DrawPath(path, paint);
    }

    /// <summary>The text with every character the font cannot draw (control characters, missing glyphs) replaced by '?'.</summary>
    string Printable(string text)
    {
        StringBuilder? sb = null;
        var i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var ok = !Rune.IsControl(rune) && font.ContainsGlyph(rune.Value);
            if (!ok)
            {
                sb ??= new StringBuilder(text.Length).Append(text, 0, i);
                sb.Append('?');
            }
            else sb?.Append(rune.ToString());
            i += rune.Utf16SequenceLength;
        }
        return sb?.ToString() ?? text;
    }
}
