using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// The pose of a pair's second camera relative to its first, in the conventions of
/// <see cref="CameraFrame"/>: the rotation as Euler changes (Δheading wrapped to (−180, 180],
/// Δpitch, Δroll, degrees) and as the unit quaternion of R_rel = R₁ᵀR₂ (which maps camera-2
/// coordinates to camera-1 coordinates), and the translation from camera 1 to camera 2 in metres,
/// expressed in camera 1's frame (x right, y down, z forward), from the equirectangular offset
/// with R = 6,371,008.8 m (FACTS.md, "The dataset").
/// </summary>
/// <remarks>
/// The original code (pulkitag/egomotion, <c>street_label_utils.py</c>) took its Euler labels from the
/// relative rotation matrix rather than as differences of the angles, and worked in radians. With
/// pitch near 0 and roll 0, as in this dataset, the two agree to first order; after z-scoring
/// (<see cref="LabelStats"/>) the unit does not matter.
/// </remarks>
public readonly record struct RelativePose(
    double DeltaHeading,
    double DeltaPitch,
    double DeltaRoll,
    UnitQuaternion Rotation,
    Vec3 Translation)
{
    /// <summary>Pose of <paramref name="second"/>'s camera relative to <paramref name="first"/>'s.</summary>
    public static RelativePose Between(StreetViewRecord first, StreetViewRecord second)
    {
        var r1 = CameraFrame.CameraToWorld(first.Heading, first.Pitch, first.Roll);
        var r2 = CameraFrame.CameraToWorld(second.Heading, second.Pitch, second.Roll);
        var offset = Geo.EquirectangularOffset(
            first.CameraLat, first.CameraLon, first.CameraHeight,
            second.CameraLat, second.CameraLon, second.CameraHeight);
        var (x, y, z) = r1.Transpose().Apply(offset.X, offset.Y, offset.Z);
        return new RelativePose(
            Angles.HeadingChange(first.Heading, second.Heading),
            second.Pitch - first.Pitch,
            second.Roll - first.Roll,
            (r1.Transpose() * r2).ToQuaternion(),
            new Vec3(x, y, z));
    }

    /// <summary>Distance between the two cameras in metres.</summary>
    public double Baseline => Math.Sqrt(Translation.X * Translation.X + Translation.Y * Translation.Y + Translation.Z * Translation.Z);
}
