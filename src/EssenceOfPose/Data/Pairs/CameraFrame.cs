namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// The camera frame convention every pose label here uses.
/// <list type="bullet">
/// <item>World: local east–north–up (x east, y north, z up), metres.</item>
/// <item>Camera: x right, y down, z forward (the image convention of OpenCV; right-handed).</item>
/// <item>Heading h: degrees clockwise from north seen from above (0 north, 90 east), a turn about
/// the world up axis. Pitch p: degrees, positive tilts the forward axis up (−90 looks straight
/// down, as the dataset's README defines it). Roll r: degrees about the forward axis, positive
/// turning the right axis toward down; always 0 in the dataset.</item>
/// </list>
/// The camera-to-world rotation is R = Yaw(h) · R₀ · Rx(p) · Rz(r), where R₀ is the camera level
/// and facing north (right = east, down = −up, forward = north), Yaw(h) turns by −h about up
/// (clockwise from above), and Rx, Rz turn about the camera's own right and forward axes.
/// A vector in camera coordinates v_c lies in the world at R·v_c.
/// </summary>
internal static class CameraFrame
{
    /// <summary>Columns are the camera's right, down and forward axes in east–north–up coordinates.</summary>
    private static readonly Rotation3 LevelFacingNorth = new(
        1, 0, 0,
        0, 0, 1,
        0, -1, 0);

    public static Rotation3 CameraToWorld(double headingDegrees, double pitchDegrees, double rollDegrees) =>
        Rotation3.AboutZ(-Geo.Radians(headingDegrees))
        * LevelFacingNorth
        * Rotation3.AboutX(Geo.Radians(pitchDegrees))
        * Rotation3.AboutZ(Geo.Radians(rollDegrees));
}
