using EssenceOfPose.Data.Pairs;

namespace EssenceOfPose.Metrics;

/// <summary>
/// Reads a pose label vector (<see cref="PoseLabelKind"/>, in label units: degrees and metres)
/// back into a rotation and a translation, in the conventions of <see cref="RelativePose"/>.
/// Euler labels (Δheading, Δpitch[, Δroll]) are read as the pose of camera 2 relative to a camera 1
/// that is level and faces north: R_rel = R(0, 0, 0)ᵀ · R(Δh, Δp, Δr) with R the camera-to-world
/// rotation of <c>CameraFrame</c>. That is exactly <see cref="RelativePose.Rotation"/> when camera 1
/// is level, and agrees with it to first order for the small pitches of the dataset (the same
/// approximation <see cref="RelativePose"/>'s remarks describe for the labels themselves).
/// Quaternion labels are normalised and used as they are.
/// </summary>
public static class PoseLabelRotation
{
    /// <summary>The relative rotation a label stands for.</summary>
    public static UnitQuaternion Rotation(IReadOnlyList<double> label, PoseLabelKind kind)
    {
        CheckSize(label, kind);
        return kind switch
        {
            PoseLabelKind.Dof2 or PoseLabelKind.Dof5 => FromEuler(label[0], label[1], 0),
            PoseLabelKind.Dof6 => FromEuler(label[0], label[1], label[2]),
            PoseLabelKind.QuaternionTranslation => FromComponents(label[0], label[1], label[2], label[3]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pose label kind"),
        };
    }

    /// <summary>The translation (x, y, z) of a label, or null for <see cref="PoseLabelKind.Dof2"/>, which has none.</summary>
    public static double[]? Translation(IReadOnlyList<double> label, PoseLabelKind kind)
    {
        CheckSize(label, kind);
        var start = kind switch
        {
            PoseLabelKind.Dof2 => -1,
            PoseLabelKind.Dof5 => 2,
            PoseLabelKind.Dof6 => 3,
            PoseLabelKind.QuaternionTranslation => 4,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pose label kind"),
        };
        return start < 0 ? null : [label[start], label[start + 1], label[start + 2]];
    }

    static UnitQuaternion FromEuler(double heading, double pitch, double roll) =>
        (CameraFrame.CameraToWorld(0, 0, 0).Transpose() * CameraFrame.CameraToWorld(heading, pitch, roll)).ToQuaternion();

    static UnitQuaternion FromComponents(double w, double x, double y, double z)
    {
        if (w * w + x * x + y * y + z * z == 0) throw new ArgumentException("a zero quaternion is no rotation");
        if (!double.IsFinite(w + x + y + z)) throw new ArgumentException("a quaternion component is not finite");
        return UnitQuaternion.Canonical(w, x, y, z);
    }

    static void CheckSize(IReadOnlyList<double> label, PoseLabelKind kind)
    {
        var size = PoseLabels.Size(kind);
        if (label.Count != size) throw new ArgumentException($"a {kind} label has {size} components, got {label.Count}");
    }
}
