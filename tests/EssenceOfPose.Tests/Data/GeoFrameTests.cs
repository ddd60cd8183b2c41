using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Tests.Data;

public class GeoFrameTests
{
    private static readonly GeoFrame Frame = new(47.3769, 8.5417, 408);

    [Fact]
    public void EquirectangularWithTheDatasetsEarthRadius()
    {
        var degree = GeoFrame.EarthRadius * Math.PI / 180; // metres per degree of latitude
        var (lat, lon, h) = Frame.ToGeo(0, degree, 2.5);
        Assert.Equal(48.3769, lat, 1e-12);
        Assert.Equal(8.5417, lon, 1e-12);
        Assert.Equal(410.5, h, 1e-12);
        (_, lon, _) = Frame.ToGeo(degree * Math.Cos(47.3769 * Math.PI / 180), 0, 0);
        Assert.Equal(9.5417, lon, 1e-12);
    }

    [Fact]
    public void FromGeoInvertsToGeo()
    {
        var (lat, lon, h) = Frame.ToGeo(-321.25, 123.5, 17);
        var (e, n, u) = Frame.FromGeo(lat, lon, h);
        Assert.Equal(-321.25, e, 1e-8);
        Assert.Equal(123.5, n, 1e-8);
        Assert.Equal(17, u, 1e-9);
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(1, 0, 90)]
    [InlineData(0, -1, 180)]
    [InlineData(-1, 0, 270)]
    [InlineData(-1, 1, 315)]
    public void HeadingIsClockwiseFromNorth(double east, double north, double heading) =>
        Assert.Equal(heading, GeoFrame.Heading(east, north), 1e-9);

    [Fact]
    public void PitchIsZeroLevelAndMinusNinetyDown()
    {
        Assert.Equal(0, GeoFrame.Pitch(3, 4, 0), 1e-9);
        Assert.Equal(-90, GeoFrame.Pitch(0, 0, -1), 1e-9);
        Assert.Equal(45, GeoFrame.Pitch(0, 2, 2), 1e-9);
    }
}
