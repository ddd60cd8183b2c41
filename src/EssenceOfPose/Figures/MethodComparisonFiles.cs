using EssenceOfPose.Experiments;

namespace EssenceOfPose.Figures;

/// <summary>One method at one tap in <c>comparison.json</c>: means over the images (pose figures as medians) and the per-image values.</summary>
public sealed record ComparedRowReport(string Method, string Tap, double Psnr, double Ssim, double Sharpness, double GradientW1, double ColourW1, double FeatureError,
    double? RotationMedianDegrees, double? MatchChangeMedian, double SecondsPerImage,
    IReadOnlyList<double> PsnrPerImage, IReadOnlyList<double> SsimPerImage, IReadOnlyList<double> SharpnessPerImage, IReadOnlyList<double> FeatureErrorPerImage);

/// <summary>What <see cref="MethodComparisonFiles.Write"/> wrote: the images compared (A, B and the other image of each) and one row per method and tap.</summary>
public sealed record MethodComparisonReport(string PoseNet, string City, IReadOnlyList<HeldOutPair> Pairs, IReadOnlyList<ComparedRowReport> Rows);

/// <summary>A <see cref="MethodComparisonResult"/> on disk: <c>comparison.png</c> (the images side by side), <c>comparison.txt</c> (the table) and <c>comparison.json</c>.</summary>
public static class MethodComparisonFiles
{
    /// <param name="columns">The grid's columns ("METHOD TAP"), in order; null: every method but the baseline.</param>
    public static MethodComparisonReport Write(MethodComparisonResult result, HeldOutSet set, string poseNet, string outDir, int gridImages = 8, IReadOnlyList<string>? columns = null)
    {
        Directory.CreateDirectory(outDir);
        result.Grid(gridImages, columns: columns).Save(Path.Combine(outDir, "comparison.png"));
        File.WriteAllText(Path.Combine(outDir, "comparison.txt"), result.Table().ToString() + Environment.NewLine);
        var report = new MethodComparisonReport(poseNet, set.Root, set.Pairs, [.. result.Rows.Select(r => new ComparedRowReport(r.Method, r.Tap,
            r.MeanPsnr, r.MeanSsim, r.MeanSharpness, r.Statistics.Gradient, r.Statistics.Colour, r.MeanFeatureError, r.Scores.Agreement?.MedianRotationDegrees, r.Scores.Agreement?.MedianAbsMatchChange,
            r.SecondsPerImage, r.Scores.Psnr, r.Scores.Ssim, r.Scores.Sharpness, r.FeatureErrors))]);
        FigureJson.Write(Path.Combine(outDir, "comparison.json"), report);
        return report;
    }
}
