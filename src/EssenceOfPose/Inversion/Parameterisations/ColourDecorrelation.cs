namespace EssenceOfPose.Inversion;

/// <summary>
/// Lucid's colour decorrelation (<c>optvis/param/color.py</c>): the square root of ImageNet's RGB
/// colour covariance by SVD, scaled so its largest column has norm 1. The Fourier image is built
/// in the decorrelated space and mapped to RGB with this matrix, so its channels are optimised
/// as roughly independent, as natural colours are not.
/// </summary>
internal static class ColourDecorrelation
{
    static readonly double[,] SvdSqrt =
    {
        { 0.26, 0.09, 0.02 },
        { 0.27, 0.00, -0.05 },
        { 0.27, -0.09, 0.03 },
    };

    /// <summary>RGB = M · decorrelated, per pixel; row-major 3×3.</summary>
    public static double[] Matrix()
    {
        var maxNorm = Enumerable.Range(0, 3).Max(c => Math.Sqrt(Enumerable.Range(0, 3).Sum(r => SvdSqrt[r, c] * SvdSqrt[r, c])));
        var m = new double[9];
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++) m[r * 3 + c] = SvdSqrt[r, c] / maxNorm;
        return m;
    }

    /// <summary>The inverse of <see cref="Matrix"/>, by cofactors.</summary>
    public static double[] Inverse()
    {
        var m = Matrix();
        double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
        var det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
        return
        [
            (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
            (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
            (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det,
        ];
    }
}
