using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Tests.Data;

/// <summary>
/// Hand-worked poses on an east–west street at latitude 40°. One metre east there is
/// 1 / (R·cos 40°) rad = 1 / 4,880,475.9 rad, so 10 m east is 0.000117397936° of longitude;
/// 10 m north is 10 / R rad = 0.0000899320364°.
/// </summary>
public class RelativePoseTests
{
    private const double TenMetresEast = 0.000117397936;
    private const double TenMetresNorth = 0.0000899320364;
    private static readonly double Half = Math.Sqrt(0.5);

    internal static StreetViewRecord Camera(double lat, double lon, double height, double heading, double pitch = 0, double roll = 0) =>
        StreetViewTextTests.Sample(false) with
        {
            CameraLat = lat, CameraLon = lon, CameraHeight = height, Heading = heading, Pitch = pitch, Roll = roll,
        };

    private static void Near(Vec3 expected, Vec3 actual, double tol = 1e-5)
    {
        Assert.Equal(expected.X, actual.X, tol);
        Assert.Equal(expected.Y, actual.Y, tol);
        Assert.Equal(expected.Z, actual.Z, tol);
    }

    private static void Near(UnitQuaternion expected, UnitQuaternion actual, double tol = 1e-12)
    {
        Assert.Equal(expected.W, actual.W, tol);
        Assert.Equal(expected.X, actual.X, tol);
        Assert.Equal(expected.Y, actual.Y, tol);
        Assert.Equal(expected.Z, actual.Z, tol);
    }

    [Fact]
    public void SecondCameraTenMetresEastBothFacingNorth()
    {
        var p = RelativePose.Between(Camera(40, -80, 260, 0), Camera(40, -80 + TenMetresEast, 260, 0));
        Assert.Equal((0.0, 0.0, 0.0), (p.DeltaHeading, p.DeltaPitch, p.DeltaRoll));
        Near(UnitQuaternion.Identity, p.Rotation);
        Near(new Vec3(10, 0, 0), p.Translation); // to the right of a camera facing north
        Assert.Equal(10, p.Baseline, 1e-5);
    }

    [Fact]
    public void SecondCameraTurnedToTheEast()
    {
        var p = RelativePose.Between(Camera(40, -80, 260, 0), Camera(40, -80 + TenMetresEast, 260, 90));
        Assert.Equal(90, p.DeltaHeading);
        // A clockwise turn seen from above is +90° about the camera's down (y) axis: (cos 45°, 0, sin 45°, 0).
        Near(new UnitQuaternion(Half, 0, Half, 0), p.Rotation);
        Near(new Vec3(10, 0, 0), p.Translation); // translation is in camera 1's frame, unchanged by camera 2's turn
        Assert.Equal(90, p.Rotation.AngleDegrees, 1e-9);
    }

    [Fact]
    public void FirstCameraFacingEastSeesTheSecondStraightAhead()
    {
        var p = RelativePose.Between(Camera(40, -80, 260, 90), Camera(40, -80 + TenMetresEast, 260, 90));
        Near(new Vec3(0, 0, 10), p.Translation);
        Near(UnitQuaternion.Identity, p.Rotation);
    }

    [Fact]
    public void FirstCameraPitchedUpThirtyDegrees()
    {
        // Camera 2 is 10 m north; camera 1 looks north and 30° up, so camera 2 lies 10·cos 30° = 8.660254 m
        // along its forward axis and 10·sin 30° = 5 m along its down axis.
        var p = RelativePose.Between(Camera(40, -80, 260, 0, pitch: 30), Camera(40 + TenMetresNorth, -80, 260, 0, pitch: 30));
        Near(new Vec3(0, 5, 8.660254), p.Translation);
        Near(UnitQuaternion.Identity, p.Rotation);
    }

    [Fact]
    public void HeightDifferenceIsMinusYInALevelCamera()
    {
        var p = RelativePose.Between(Camera(40, -80, 260, 0), Camera(40, -80, 263, 0));
        Near(new Vec3(0, -3, 0), p.Translation, 1e-12);
    }

    [Fact]
    public void PitchChangeIsARotationAboutTheRightAxis()
    {
        var p = RelativePose.Between(Camera(40, -80, 260, 0), Camera(40, -80, 260, 0, pitch: 20));
        Assert.Equal(20, p.DeltaPitch);
        // Tilting up turns forward (z) toward up (−y): by the right-hand rule about x (right), that is +20°.
        Near(new UnitQuaternion(Math.Cos(Math.PI / 18), Math.Sin(Math.PI / 18), 0, 0), p.Rotation);
    }

    [Fact]
    public void HeadingChangeWrapsAcrossNorth()
    {
        var p = RelativePose.Between(Camera(40, -80, 260, 350), Camera(40, -80, 260, 10));
        Assert.Equal(20, p.DeltaHeading, 1e-12);
        Near(new UnitQuaternion(Math.Cos(Math.PI / 18), 0, Math.Sin(Math.PI / 18), 0), p.Rotation);
        Assert.Equal(-20, RelativePose.Between(Camera(40, -80, 260, 10), Camera(40, -80, 260, 350)).DeltaHeading, 1e-12);
    }

    [Fact]
    public void SwappingTheCamerasInvertsTheRotation()
    {
        var a = Camera(40.4417, -79.9961, 260.5, 24.94, 3.89);
        var b = Camera(40.4418, -79.9958, 261.0, 329.89, -2.5);
        var ab = RelativePose.Between(a, b);
        var ba = RelativePose.Between(b, a);
        Near(new UnitQuaternion(ab.Rotation.W, -ab.Rotation.X, -ab.Rotation.Y, -ab.Rotation.Z), ba.Rotation);
        Assert.Equal(-ab.DeltaHeading, ba.DeltaHeading, 1e-12);
        Assert.Equal(ab.Baseline, ba.Baseline, 1e-9);
    }

    [Fact]
    public void LabelVectorsOfEachKind()
    {
        var p = RelativePose.Between(Camera(40, -80, 260, 0), Camera(40, -80 + TenMetresEast, 260, 90));
        static double[] R(double[] v) => v.Select(x => Math.Round(x, 6) + 0.0).ToArray();
        Assert.Equal([90, 0], R(PoseLabels.Vector(p, PoseLabelKind.Dof2)));
        Assert.Equal([90, 0, 10, 0, 0], R(PoseLabels.Vector(p, PoseLabelKind.Dof5)));
        Assert.Equal([90, 0, 0, 10, 0, 0], R(PoseLabels.Vector(p, PoseLabelKind.Dof6)));
        Assert.Equal([0.707107, 0, 0.707107, 0, 10, 0, 0], R(PoseLabels.Vector(p, PoseLabelKind.QuaternionTranslation)));
        foreach (var kind in Enum.GetValues<PoseLabelKind>())
            Assert.Equal(PoseLabels.Size(kind), PoseLabels.Vector(p, kind).Length);
    }
}

public class AnglesTests
{
    [Theory]
    [InlineData(350, -10)]
    [InlineData(-180, 180)]
    [InlineData(180, 180)]
    [InlineData(540, 180)]
    [InlineData(-190, 170)]
    [InlineData(720, 0)]
    [InlineData(-0.5, -0.5)]
    public void WrapsIntoMinus180To180(double degrees, double expected) =>
        Assert.Equal(expected, Angles.WrapDegrees(degrees), 1e-12);

    [Theory]
    [InlineData(350, 10, 20)]
    [InlineData(10, 350, -20)]
    [InlineData(0, 180, 180)]
    [InlineData(180, 0, 180)]
    [InlineData(90, 270, 180)]
    [InlineData(359.5, 0.25, 0.75)]
    public void HeadingChange(double from, double to, double expected) =>
        Assert.Equal(expected, Angles.HeadingChange(from, to), 1e-12);
}
