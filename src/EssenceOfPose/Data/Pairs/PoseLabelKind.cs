namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// The pose label vectors of the original training code (pulkitag/egomotion,
/// <c>street_label_utils.py</c>, <c>get_pose_delta</c>; FACTS.md: "2-, 5-, 6-DOF or quaternion
/// variants"). Rotation parts in degrees, translations in metres in camera 1's frame.
/// </summary>
public enum PoseLabelKind
{
    /// <summary>(Δheading, Δpitch).</summary>
    Dof2,

    /// <summary>(Δheading, Δpitch, tx, ty, tz): the 6-DOF label without roll, which is always 0 in the data.</summary>
    Dof5,

    /// <summary>(Δheading, Δpitch, Δroll, tx, ty, tz); the default.</summary>
    Dof6,

    /// <summary>(qw, qx, qy, qz, tx, ty, tz). The original's quaternion label had the 4 rotation values only; translation is added so that this variant carries the whole pose.</summary>
    QuaternionTranslation,
}

/// <summary>Builds label vectors of each <see cref="PoseLabelKind"/> from a <see cref="RelativePose"/>.</summary>
public static class PoseLabels
{
    public static int Size(PoseLabelKind kind) => Names(kind).Count;

    /// <summary>Component names, in vector order, for charts, JSON and error messages.</summary>
    public static IReadOnlyList<string> Names(PoseLabelKind kind) => kind switch
    {
        PoseLabelKind.Dof2 => ["dHeading", "dPitch"],
        PoseLabelKind.Dof5 => ["dHeading", "dPitch", "tx", "ty", "tz"],
        PoseLabelKind.Dof6 => ["dHeading", "dPitch", "dRoll", "tx", "ty", "tz"],
        PoseLabelKind.QuaternionTranslation => ["qw", "qx", "qy", "qz", "tx", "ty", "tz"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pose label kind"),
    };

    /// <summary>
    /// What mirroring both images of a pair left-right does to its label, component by component
    /// (+1 kept, −1 negated). The mirror reflects camera x (right), so Δheading and Δroll change
    /// sign, Δpitch does not, and the translation's x does; the quaternion of S·R·S with
    /// S = diag(−1, 1, 1) is (w, x, −y, −z). Exact for these labels, which are differences of
    /// absolute angles and a translation in camera 1's frame.
    /// </summary>
    public static IReadOnlyList<int> MirrorSigns(PoseLabelKind kind) => kind switch
    {
        PoseLabelKind.Dof2 => [-1, 1],
        PoseLabelKind.Dof5 => [-1, 1, -1, 1, 1],
        PoseLabelKind.Dof6 => [-1, 1, -1, -1, 1, 1],
        PoseLabelKind.QuaternionTranslation => [1, 1, -1, -1, -1, 1, 1],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pose label kind"),
    };

    public static double[] Vector(RelativePose p, PoseLabelKind kind)
    {
        var t = p.Translation;
        var q = p.Rotation;
        return kind switch
        {
            PoseLabelKind.Dof2 => [p.DeltaHeading, p.DeltaPitch],
            PoseLabelKind.Dof5 => [p.DeltaHeading, p.DeltaPitch, t.X, t.Y, t.Z],
            PoseLabelKind.Dof6 => [p.DeltaHeading, p.DeltaPitch, p.DeltaRoll, t.X, t.Y, t.Z],
            PoseLabelKind.QuaternionTranslation => [q.W, q.X, q.Y, q.Z, t.X, t.Y, t.Z],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown pose label kind"),
        };
    }
}
