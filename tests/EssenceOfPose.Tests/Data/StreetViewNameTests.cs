using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Tests.Data;

public class StreetViewNameTests
{
    [Theory]
    [InlineData("0011_1001_1_45.jpg")]
    [InlineData("some/dir/0011_1001_1_45.txt")]
    [InlineData("0011_1001_1_45")]
    public void ParsesIdsKeepingTheirText(string file)
    {
        var n = StreetViewName.Parse(file);
        Assert.Equal(("0011", "1001", "1", "45"), (n.DatasetId, n.ImageId, n.ViewId, n.TargetId));
        Assert.Equal("0011_1001_1_45", n.Stem);
        Assert.Equal("0011_1001_1_45.jpg", n.ImageFileName);
        Assert.Equal("0011_1001_1_45.txt", n.TextFileName);
        Assert.Equal(new TargetKey(11, 45), n.Target);
    }

    [Fact]
    public void ZeroPaddedAndPlainIdsNameTheSameTarget()
    {
        Assert.Equal(StreetViewName.Parse("0011_1_1_0045").Target, StreetViewName.Parse("11_2_3_45").Target);
        Assert.NotEqual(StreetViewName.Parse("0011_1_1_0045"), StreetViewName.Parse("11_1_1_45"));
    }

    [Theory]
    [InlineData("0011_1001_1.jpg", "3 '_'-separated parts")]
    [InlineData("0011_1001_1_45_9.jpg", "5 '_'-separated parts")]
    [InlineData("0011_10a1_1_45.jpg", "'10a1'")]
    [InlineData("0011__1_45.jpg", "''")]
    [InlineData("0011_1234567890123456789_1_45.jpg", "'1234567890123456789'")]
    public void RejectsMalformedNames(string file, string got)
    {
        var e = Assert.Throws<StreetViewFormatException>(() => StreetViewName.Parse(file));
        Assert.Equal("name", e.Field);
        Assert.Equal(file, e.File);
        Assert.Contains(got, e.Message);
        Assert.False(StreetViewName.TryParse(file, out _));
    }
}
