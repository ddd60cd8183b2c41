namespace EssenceOfPose.Data.Pairs;

/// <summary>A 3×3 rotation matrix, row-major (M{row}{column}); just what relative poses need.</summary>
internal readonly record struct Rotation3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    public static Rotation3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Right-handed rotation about the x axis by <paramref name="radians"/>.</summary>
    public static Rotation3 AboutX(double radians)
    {
        var (s, c) = Math.SinCos(radians);
        return new(1, 0, 0, 0, c, -s, 0, s, c);
    }

    /// <summary>Right-handed rotation about the z axis by <paramref name="radians"/>.</summary>
    public static Rotation3 AboutZ(double radians)
    {
        var (s, c) = Math.SinCos(radians);
        return new(c, -s, 0, s, c, 0, 0, 0, 1);
    }

    public Rotation3 Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    public static Rotation3 operator *(Rotation3 a, Rotation3 b) => new(
        a.M11 * b.M11 + a.M12 * b.M21 + a.M13 * b.M31, a.M11 * b.M12 + a.M12 * b.M22 + a.M13 * b.M32, a.M11 * b.M13 + a.M12 * b.M23 + a.M13 * b.M33,
        a.M21 * b.M11 + a.M22 * b.M21 + a.M23 * b.M31, a.M21 * b.M12 + a.M22 * b.M22 + a.M23 * b.M32, a.M21 * b.M13 + a.M22 * b.M23 + a.M23 * b.M33,
        a.M31 * b.M11 + a.M32 * b.M21 + a.M33 * b.M31, a.M31 * b.M12 + a.M32 * b.M22 + a.M33 * b.M32, a.M31 * b.M13 + a.M32 * b.M23 + a.M33 * b.M33);

    public (double X, double Y, double Z) Apply(double x, double y, double z) =>
        (M11 * x + M12 * y + M13 * z, M21 * x + M22 * y + M23 * z, M31 * x + M32 * y + M33 * z);

    /// <summary>The quaternion of this rotation (Shepperd's method: divide by the largest of the four candidates).</summary>
    public UnitQuaternion ToQuaternion()
    {
        var trace = M11 + M22 + M33;
        if (trace > 0)
        {
            var s = Math.Sqrt(trace + 1) * 2;
            return UnitQuaternion.Canonical(s / 4, (M32 - M23) / s, (M13 - M31) / s, (M21 - M12) / s);
        }
        if (M11 > M22 && M11 > M33)
        {
            var s = Math.Sqrt(1 + M11 - M22 - M33) * 2;
            return UnitQuaternion.Canonical((M32 - M23) / s, s / 4, (M12 + M21) / s, (M13 + M31) / s);
        }
        if (M22 > M33)
        {
            var s = Math.Sqrt(1 + M22 - M11 - M33) * 2;
            return UnitQuaternion.Canonical((M13 - M31) / s, (M12 + M21) / s, s / 4, (M23 + M32) / s);
        }
        var t = Math.Sqrt(1 + M33 - M11 - M22) * 2;
        return UnitQuaternion.Canonical((M21 - M12) / t, (M13 + M31) / t, (M23 + M32) / t, t / 4);
    }
}
