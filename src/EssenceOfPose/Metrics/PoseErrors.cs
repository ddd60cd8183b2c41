namespace EssenceOfPose.Metrics;

/// <summary>Errors between a predicted and a true relative pose, as pose-regression papers report them.</summary>
public static class PoseErrors
{
    /// <summary>
    /// Angle in degrees of the rotation that takes one unit quaternion (w, x, y, z) to the other:
    /// 2·acos(|⟨q̂, q⟩|). Inputs are normalised first; q and −q are the same rotation.
    /// </summary>
    public static double RotationAngleDegrees(ReadOnlySpan<double> predicted, ReadOnlySpan<double> truth)
    {
        if (predicted.Length != 4 || truth.Length != 4) throw new ArgumentException("quaternions have 4 components (w, x, y, z)");
        double np = 0, nt = 0, dot = 0;
        for (var i = 0; i < 4; i++)
        {
            np += predicted[i] * predicted[i];
            nt += truth[i] * truth[i];
            dot += predicted[i] * truth[i];
        }
        if (np == 0 || nt == 0) throw new ArgumentException("a zero quaternion is no rotation");
        var c = Math.Min(1.0, Math.Abs(dot) / Math.Sqrt(np * nt));
        return 2 * Math.Acos(c) * 180 / Math.PI;
    }

    /// <summary>Euclidean distance between two translations (metres).</summary>
    public static double TranslationError(ReadOnlySpan<double> predicted, ReadOnlySpan<double> truth)
    {
        if (predicted.Length != truth.Length) throw new ArgumentException("translations differ in length");
        double s = 0;
        for (var i = 0; i < truth.Length; i++) s += (predicted[i] - truth[i]) * (predicted[i] - truth[i]);
        return Math.Sqrt(s);
    }

    /// <summary>Angle in degrees between the directions of two translations (NaN if either is zero).</summary>
    public static double DirectionAngleDegrees(ReadOnlySpan<double> predicted, ReadOnlySpan<double> truth)
    {
        double np = 0, nt = 0, dot = 0;
        for (var i = 0; i < truth.Length; i++)
        {
            np += predicted[i] * predicted[i];
            nt += truth[i] * truth[i];
            dot += predicted[i] * truth[i];
        }
        if (np == 0 || nt == 0) return double.NaN;
        return Math.Acos(Math.Clamp(dot / Math.Sqrt(np * nt), -1, 1)) * 180 / Math.PI;
    }

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).OrderBy(x => x).ToArray();
        if (v.Length == 0) return double.NaN;
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
