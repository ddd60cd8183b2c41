namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// The optional <c>a</c> line of a view's <c>.txt</c>: the patch alignment the dataset's authors
/// computed (3D Street View README; FACTS.md, "The dataset"). 40 values, in this order:
/// corrected patch centre (2), warp matrix (3×3), bounding box (4×2), registration matrix (3×3),
/// total SIFT-flow energy (integer), RANSAC inlier ratio, similarity, distortion, corrected
/// bounding box (4×2).
/// </summary>
/// <remarks>
/// The README does not say whether matrices are written by rows or by columns, nor whether a 4×2
/// box is four (x, y) points or four x then four y. The types here keep the file's order
/// (<see cref="Matrix3"/>: M11 M12 M13 M21 …; <see cref="Quad2"/>: x1 y1 x2 y2 …), so that the
/// writer reproduces every file exactly whatever the original meant.
/// </remarks>
public sealed record StreetViewAlignment
{
    /// <summary>Values after the <c>a</c> prefix: 2 + 9 + 8 + 9 + 1 + 1 + 1 + 1 + 8.</summary>
    public const int ValueCount = 40;

    public required Point2 CorrectedCentre { get; init; }
    public required Matrix3 Warp { get; init; }
    public required Quad2 BoundingBox { get; init; }
    public required Matrix3 Registration { get; init; }
    public required long SiftFlowEnergy { get; init; }
    public required double RansacInlierRatio { get; init; }
    public required double Similarity { get; init; }
    public required double Distortion { get; init; }
    public required Quad2 CorrectedBoundingBox { get; init; }
}

/// <summary>A 2-D point in patch pixels.</summary>
public readonly record struct Point2(double X, double Y);

/// <summary>Nine numbers in file order; <c>M{r}{c}</c> is the c-th number of the r-th triple.</summary>
public readonly record struct Matrix3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    public static Matrix3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    internal IEnumerable<double> Values()
    {
        yield return M11; yield return M12; yield return M13;
        yield return M21; yield return M22; yield return M23;
        yield return M31; yield return M32; yield return M33;
    }
}

/// <summary>Four points in file order (x1 y1 x2 y2 x3 y3 x4 y4).</summary>
public readonly record struct Quad2(Point2 P1, Point2 P2, Point2 P3, Point2 P4)
{
    internal IEnumerable<double> Values()
    {
        yield return P1.X; yield return P1.Y;
        yield return P2.X; yield return P2.Y;
        yield return P3.X; yield return P3.Y;
        yield return P4.X; yield return P4.Y;
    }
}
