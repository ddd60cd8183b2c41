namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// The city's local east-north-up frame (metres; x east, y north, z up from street level) tied to
/// a geo origin, converted with the equirectangular approximation the original code used for
/// translations (FACTS.md, "The dataset"): R = 6,371,008.8 m, longitude scaled by cos(origin latitude).
/// Directions in this frame are also the dataset's "WebMercator" normals: Web Mercator is
/// conformal, so its local x/y axes point east and north.
/// </summary>
internal readonly record struct GeoFrame(double OriginLatitude, double OriginLongitude, double OriginHeight)
{
    public const double EarthRadius = 6371008.8;

    private double MetresPerDegreeLat => EarthRadius * Math.PI / 180;

    private double MetresPerDegreeLon => MetresPerDegreeLat * Math.Cos(OriginLatitude * Math.PI / 180);

    public (double Latitude, double Longitude, double Height) ToGeo(double east, double north, double up) =>
        (OriginLatitude + north / MetresPerDegreeLat, OriginLongitude + east / MetresPerDegreeLon, OriginHeight + up);

    public (double East, double North, double Up) FromGeo(double latitude, double longitude, double height) =>
        ((longitude - OriginLongitude) * MetresPerDegreeLon, (latitude - OriginLatitude) * MetresPerDegreeLat, height - OriginHeight);

    /// <summary>Street View heading of a direction: degrees clockwise from north, in [0, 360).</summary>
    public static double Heading(double east, double north)
    {
        var h = Math.Atan2(east, north) * 180 / Math.PI;
        return h < 0 ? h + 360 : h;
    }

    /// <summary>Street View pitch of a direction: 0 level, −90 straight down, +90 straight up.</summary>
    public static double Pitch(double east, double north, double up) =>
        Math.Atan2(up, Math.Sqrt(east * east + north * north)) * 180 / Math.PI;
}
