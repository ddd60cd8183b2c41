namespace EssenceOfPose.Data.Pairs;

/// <summary>Angle helpers in degrees, the unit of the dataset's <c>.txt</c> files.</summary>
internal static class Angles
{
    /// <summary>The angle equal to <paramref name="degrees"/> modulo 360, in (−180, 180]: 350 → −10, −180 → 180.</summary>
    public static double WrapDegrees(double degrees)
    {
        var d = Math.IEEERemainder(degrees, 360.0); // in [−180, 180]
        return d <= -180.0 ? d + 360.0 : d;
    }

    /// <summary>Signed change of heading from <paramref name="from"/> to <paramref name="to"/>, in (−180, 180]: 350 → 10 is +20.</summary>
    public static double HeadingChange(double from, double to) => WrapDegrees(to - from);
}
