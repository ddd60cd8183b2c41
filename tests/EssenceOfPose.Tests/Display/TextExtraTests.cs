using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;
using SkiaSharp;

namespace EssenceOfPose.Tests.Display;

public class TextExtraTests
{
    static int InkRows(byte[] rgb, int w, int h, out int top, out int bottom)
    {
        top = h; bottom = -1;
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
            if (rgb[(y * w + x) * 3] < 128) { top = Math.Min(top, y); bottom = Math.Max(bottom, y); }
        return bottom - top + 1;
    }

    [Fact]
    public void PixelHeightMeansWhatItMeantWithStbTruetype()
    {
        // stb_truetype scaled DejaVu Sans so that ascent − descent (2384 of 2048 units) = PixelHeight:
        // a capital H (1493 units) is then 0.626·PixelHeight tall, and the baseline 0.797·PixelHeight below the top.
        const int w = 200, h = 60;
        var rgb = Enumerable.Repeat((byte)255, w * h * 3).ToArray();
        TrueTypeText.Get(40).Draw(rgb, w, h, 2, 5, "HHH", (0, 0, 0));
        var capHeight = InkRows(rgb, w, h, out var top, out var bottom);
        Assert.InRange(capHeight, 24, 27);          // 0.626 × 40 = 25.0
        Assert.InRange(bottom + 1, 5 + 31, 5 + 33); // baseline 5 + 0.797 × 40 = 36.9
    }

    [Fact]
    public void GlyphsBeyondLatin1DrawAndMissingOnesBecomeQuestionMarks()
    {
        var font = TrueTypeText.Get(12);
        Assert.True(font.Measure("→") > 0);
        Assert.NotEqual(font.Measure("?"), font.Measure("→")); // DejaVu has an arrow: not drawn as '?'
        Assert.Equal(font.Measure("a?b"), font.Measure("a\u0001b"));
        Assert.Equal(font.Measure("a?b"), font.Measure("a\U0010FFFDb")); // a private-use code point (a surrogate pair): one '?'
        Assert.Equal(font.Measure("a?b"), font.Measure("a\u4E00b"));      // no CJK in DejaVu Sans
        var rgb = new byte[60 * 16 * 3];
        font.Draw(rgb, 60, 16, 0, 0, "a\U0001F600b\u4E00", (255, 255, 255)); // a glyph outside the BMP and a missing one
        Assert.Contains(rgb, b => b > 0);
    }

    [Fact]
    public void CanvasAndBufferDrawingInkTheSamePlace()
    {
        const int w = 90, h = 20;
        var font = TrueTypeText.Get(12);
        var rgb = Enumerable.Repeat((byte)255, w * h * 3).ToArray();
        font.Draw(rgb, w, h, 3, 2, "Caption 12°", (0, 0, 0));
        using var bitmap = new SKBitmap(SkiaPixels.OpaqueRgba(w, h));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            font.Draw(canvas, 3, 2, "Caption 12°", SKColors.Black);
        }
        var viaCanvas = SkiaPixels.ToRgbImage(bitmap).Pixels.ToArray();
        InkRows(rgb, w, h, out var t1, out var b1);
        InkRows(viaCanvas, w, h, out var t2, out var b2);
        Assert.Equal((t1, b1), (t2, b2));
        var diff = rgb.Zip(viaCanvas, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(diff <= 2, $"canvas and buffer text differ by up to {diff}");
    }

    [Fact]
    public void NotAFontIsAClearError()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a font");
            var e = Assert.Throws<InvalidOperationException>(() => TrueTypeText.Get(12, path));
            Assert.Contains(path, e.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void GridWithTitleAndCaptionsRendersAndEncodes()
    {
        var cells = Enumerable.Range(0, 5).Select(i => Data.RgbImageTests.Pattern(20 + i, 16)).ToList();
        var grid = new ImageGrid(cells, cells.Select((_, i) => $"cell {i}\nΔ {i * 1.5:0.0}°").ToList(), columns: 3) { Title = "A title", Scale = 2 };
        var image = grid.Render();
        var back = RgbImage.Decode(image.EncodePng(), "grid.png");
        Assert.True(image.Pixels.SequenceEqual(back.Pixels));
        // Cell 0 is copied exactly, pixel for pixel, at scale 2 (nearest neighbour).
        var titleH = (int)Math.Ceiling(12 * 1.25) + 6;
        var cellW = Math.Max(24 * 2, new[] { "cell 0", "Δ 0.0°" }.Max(TrueTypeText.Get(12).Measure));
        var x0 = 6 + (cellW - 20 * 2) / 2;
        for (var y = 0; y < 32; y++)
        for (var x = 0; x < 40; x++)
            Assert.Equal(cells[0][x / 2, y / 2], image[x0 + x, titleH + 6 + y]);
    }
}
