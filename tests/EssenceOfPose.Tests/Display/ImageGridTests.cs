using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Display;
using EssenceOfPose.Tests.Data;

namespace EssenceOfPose.Tests.Display;

public class ImageGridTests
{
    static RgbImage Solid(int w, int h, byte v) => new(w, h, Enumerable.Repeat(v, w * h * 3).ToArray());

    [Fact]
    public void Cells_are_scaled_and_placed_with_captions_below()
    {
        var grid = new ImageGrid([Solid(4, 3, 0), Solid(4, 3, 100), Solid(4, 3, 200)], ["a", "b", "c°"], columns: 2) { Scale = 3 };
        var img = grid.Render();
        // Second cell (row 0, column 1): its top-left pixel and the one 11 px right/8 px down are 100.
        var cellW = Math.Max(12, new[] { "a", "b", "c°" }.Max(TrueTypeText.Get(12).Measure));
        Assert.Equal((100, 100, 100), ToInts(img[6 + cellW + 6, 6]));
        Assert.Equal((100, 100, 100), ToInts(img[6 + cellW + 6 + 11, 6 + 8]));
        // Two rows of cells plus caption lines make the picture taller than two scaled cells.
        Assert.True(img.Height > 2 * 9 + 2 * 15);
        Assert.Throws<ArgumentException>(() => new ImageGrid([Solid(1, 1, 0)], ["x", "y"]));
    }

    static (int, int, int) ToInts((byte R, byte G, byte B) p) => (p.R, p.G, p.B);

    [Fact]
    public void Tour_captions_every_view_of_a_target()
    {
        var dataset = StreetViewDataset.Load(TestFiles.StreetViewFixture);
        var target = DatasetTour.Find(dataset, "45");
        var grid = DatasetTour.Target(target);
        Assert.Equal(target.Views.Count, grid.Images.Count);
        Assert.All(grid.Captions!, c => Assert.Matches(@"heading -?\d+\.\d°  pitch -?\d+\.\d°\ndistance \d+\.\d m", c));
        Assert.Contains("target", grid.Title);
        var ex = Assert.Throws<ArgumentException>(() => DatasetTour.Find(dataset, "999"));
        Assert.Contains("no target '999'", ex.Message);
    }
}
