using EssenceOfPose.Display;

namespace EssenceOfPose.Tests.Display;

public class TrueTypeTextTests
{
    [Fact]
    public void Draws_inside_the_measured_box_only()
    {
        const int w = 80, h = 24;
        var rgb = Enumerable.Repeat((byte)255, w * h * 3).ToArray();
        var font = TrueTypeText.Get(14);
        var width = font.Measure("Hi 42");
        font.Draw(rgb, w, h, 4, 2, "Hi 42", (0, 0, 0));

        int inked = 0, outside = 0;
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                if (rgb[(y * w + x) * 3] == 255) continue;
                inked++;
                if (x < 4 || x > 4 + width || y < 2 || y > 2 + 14) outside++;
            }
        Assert.True(inked > 30, $"only {inked} pixels inked");
        Assert.Equal(0, outside);
    }

    [Fact]
    public void Wide_glyphs_measure_wider_and_clipping_is_safe()
    {
        var font = TrueTypeText.Get(12);
        Assert.True(font.Measure("WWW") > font.Measure("iii"));
        var rgb = new byte[10 * 10 * 3];
        font.Draw(rgb, 10, 10, -5, -5, "clipped text", (255, 255, 255));
        Assert.Contains(rgb, b => b > 0);
    }

    [Fact]
    public void Missing_font_names_the_file_and_package()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => TrueTypeText.Get(12, "/nonexistent/font.ttf"));
        Assert.Contains("/nonexistent/font.ttf", ex.Message);
        Assert.Contains("fonts-dejavu-core", ex.Message);
    }
}
