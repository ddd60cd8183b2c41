using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;

namespace EssenceOfPose.Tests.Display;

public sealed class ComparisonGridTests
{
    static RgbImage Solid(byte v) => new(2, 2, Enumerable.Repeat(v, 12).ToArray());

    [Fact]
    public void Rows_are_examples_and_columns_the_ways_of_seeing_them()
    {
        var grid = ComparisonGrid.Of(
        [
            new GridColumn("original", [Solid(1), Solid(2)]),
            new GridColumn("from fc5", [Solid(3), Solid(4)], ["error 0.31", "error 0.42"]),
        ], title: "t", scale: 2);
        Assert.Equal(2, grid.Columns);
        Assert.Equal([1, 3, 2, 4], grid.Images.Select(i => (int)i[0, 0].R));
        Assert.Equal(["original", "from fc5\nerror 0.31", "original", "from fc5\nerror 0.42"], grid.Captions);
        Assert.Equal(("t", 2), (grid.Title, grid.Scale));
    }

    [Fact]
    public void Columns_of_different_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ComparisonGrid.Of([new GridColumn("a", [Solid(1)]), new GridColumn("b", [Solid(1), Solid(2)])]));
        Assert.Throws<ArgumentException>(() => ComparisonGrid.Of([new GridColumn("a", [Solid(1)], ["x", "y"])]));
        Assert.Throws<ArgumentException>(() => ComparisonGrid.Of([]));
    }
}
