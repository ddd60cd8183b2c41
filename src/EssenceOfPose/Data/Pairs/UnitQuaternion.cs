namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// A rotation as a unit quaternion (w, x, y, z), sign fixed so that w ≥ 0 (q and −q are the same
/// rotation; one sign keeps labels continuous for regression). Hamilton convention: a vector v
/// rotates to q v q*.
/// </summary>
public readonly record struct UnitQuaternion(double W, double X, double Y, double Z)
{
    public static UnitQuaternion Identity => new(1, 0, 0, 0);

    /// <summary>Rotation by <paramref name="degrees"/> about the unit axis (x, y, z), right-handed.</summary>
    public static UnitQuaternion FromAxisAngle(double x, double y, double z, double degrees)
    {
        var half = degrees * Math.PI / 360.0;
        var s = Math.Sin(half);
        return Canonical(Math.Cos(half), x * s, y * s, z * s);
    }

    /// <summary>Angle of the rotation in degrees, in [0, 180].</summary>
    public double AngleDegrees => 2 * Math.Acos(Math.Clamp(Math.Abs(W), 0, 1)) * 180.0 / Math.PI;

    internal static UnitQuaternion Canonical(double w, double x, double y, double z)
    {
        var n = Math.Sqrt(w * w + x * x + y * y + z * z);
        var sign = w < 0 ? -1.0 : 1.0;
        return new UnitQuaternion(sign * w / n, sign * x / n, sign * y / n, sign * z / n);
    }
}
