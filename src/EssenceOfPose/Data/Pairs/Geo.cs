using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// Earth geometry on a sphere of the mean radius the original code used, R = 6,371,008.8 m
/// (FACTS.md, "The dataset"): the equirectangular offset between two camera positions, and
/// great-circle distances for the geographic split.
/// </summary>
internal static class Geo
{
    public const double EarthRadius = 6_371_008.8;

    public static double Radians(double degrees) => degrees * (Math.PI / 180.0);

    public static double Degrees(double radians) => radians * (180.0 / Math.PI);

    /// <summary>
    /// Offset from point 1 to point 2 in metres as (east, north, up), with the equirectangular
    /// approximation: east = R·Δλ·cos φ̄, north = R·Δφ, up = Δheight. Δλ is wrapped to (−π, π] so
    /// that points either side of the antimeridian stay close.
    /// </summary>
    public static Vec3 EquirectangularOffset(double lat1, double lon1, double height1, double lat2, double lon2, double height2)
    {
        var meanLat = Radians((lat1 + lat2) / 2);
        var dLon = Radians(Angles.WrapDegrees(lon2 - lon1));
        var dLat = Radians(lat2 - lat1);
        return new Vec3(EarthRadius * dLon * Math.Cos(meanLat), EarthRadius * dLat, height2 - height1);
    }

    /// <summary>Great-circle distance in metres (haversine).</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        var p1 = Radians(lat1);
        var p2 = Radians(lat2);
        var s = Math.Sin((p2 - p1) / 2);
        var t = Math.Sin(Radians(lon2 - lon1) / 2);
        var h = s * s + Math.Cos(p1) * Math.Cos(p2) * t * t;
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The point on the sphere in Earth-centred Cartesian metres; straight-line (chord) distances there order pairs as great-circle distances do.</summary>
    public static (double X, double Y, double Z) Cartesian(double lat, double lon)
    {
        var p = Radians(lat);
        var l = Radians(lon);
        return (EarthRadius * Math.Cos(p) * Math.Cos(l), EarthRadius * Math.Cos(p) * Math.Sin(l), EarthRadius * Math.Sin(p));
    }

    public static double ArcToChord(double arc) => 2 * EarthRadius * Math.Sin(Math.Min(arc, Math.PI * EarthRadius) / (2 * EarthRadius));

    public static double ChordToArc(double chord) => 2 * EarthRadius * Math.Asin(Math.Min(1, chord / (2 * EarthRadius)));
}
