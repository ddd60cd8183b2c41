using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Metrics;

namespace EssenceOfPose.Tests.Data;

public class PoseLabelRotationTests
{
    [Fact]
    public void Euler_labels_become_the_rotation_they_describe()
    {
        // A pure heading change of 90° is a 90° rotation; heading 30 and pitch 40 together turn
        // the forward axis by acos(cos30·cos40) = 48.44° at least, and exactly the composed angle:
        // trace of Yaw(30)·Pitch(40) = cos30 + cos40 + cos30·cos40, angle = acos((trace−1)/2).
        Assert.Equal(90, PoseLabelRotation.Rotation([90, 0, 0, 1, 2, 3], PoseLabelKind.Dof6).AngleDegrees, 9);
        Assert.Equal(25, PoseLabelRotation.Rotation([0, -25], PoseLabelKind.Dof2).AngleDegrees, 9);
        double c30 = Math.Cos(Math.PI / 6), c40 = Math.Cos(40 * Math.PI / 180);
        var expected = Math.Acos((c30 + c40 + c30 * c40 - 1) / 2) * 180 / Math.PI;
        Assert.Equal(expected, PoseLabelRotation.Rotation([30, 40, 0, 0, 0], PoseLabelKind.Dof5).AngleDegrees, 9);
    }

    [Fact]
    public void Quaternion_labels_are_normalised_and_checked()
    {
        var q = PoseLabelRotation.Rotation([2, 0, 0, 2, 0, 0, 0], PoseLabelKind.QuaternionTranslation);
        Assert.Equal(90, q.AngleDegrees, 9);
        Assert.Throws<ArgumentException>(() => PoseLabelRotation.Rotation([0, 0, 0, 0, 1, 1, 1], PoseLabelKind.QuaternionTranslation));
        Assert.Throws<ArgumentException>(() => PoseLabelRotation.Rotation([1, 2], PoseLabelKind.Dof6));
    }
}
