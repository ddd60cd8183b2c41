using EssenceOfPose.Display;
using EssenceOfPose.Experiments;
using EssenceOfPose.Generators;
using EssenceOfPose.Metrics;

namespace EssenceOfPose.Figures;

/// <summary>One image a generator reconstructed: where its files are and its numbers (the fields of <see cref="InvertedImageReport"/>, and the time).</summary>
public sealed record UgnImageReport(string Name, string Source, string? Partner, string Folder,
    double FeatureError, double Psnr, double Ssim, PairAgreement? Agreement, double Seconds);

/// <summary>What <see cref="UgnReconstructionFiles.Write"/> wrote: per image and in the mean, the same fields as <c>eop invert</c>'s result.json.</summary>
public sealed record UgnReconstructionReport(string Generator, string Tap, string PoseNet, IReadOnlyList<UgnImageReport> Images,
    double MeanFeatureError, double MeanPsnr, double MeanSsim, AgreementSummary? Agreement, double Seconds, double SecondsPerImage);

/// <summary>
/// A generator's reconstructions written out as <c>eop invert</c> writes its own: per image a folder
/// with <c>original.png</c>, <c>reconstruction.png</c> (101×101, the mean added back) and
/// <c>partner.png</c> when given; <c>reconstructions.png</c> (originals beside reconstructions) and
/// <c>result.json</c>.
/// </summary>
public static class UgnReconstructionFiles
{
    public static UgnReconstructionReport Write(UgnReconstructionResult result, InputImages targets, InputImages? partners, string generatorPath, string poseNet, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var originals = Enumerable.Range(0, targets.Count).Select(targets.Display).ToArray();
        var reconstructed = targets.Preprocess.Pictures(result.Reconstructions);
        var images = new UgnImageReport[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var folder = $"{i:D2}-{targets.Names[i]}";
            var dir = Path.Combine(outDir, folder);
            Directory.CreateDirectory(dir);
            originals[i].SavePng(Path.Combine(dir, "original.png"));
            reconstructed[i].SavePng(Path.Combine(dir, "reconstruction.png"));
            partners?.Display(i).SavePng(Path.Combine(dir, "partner.png"));
            images[i] = new UgnImageReport(targets.Names[i], targets.Paths[i], partners?.Paths[i], folder,
                result.FeatureErrors[i], result.Scores.Psnr[i], result.Scores.Ssim[i], result.Scores.Agreement?.Pairs[i], result.Seconds[i]);
        }
        var seconds = result.Seconds.Sum();
        var report = new UgnReconstructionReport(Path.GetFullPath(generatorPath), result.Tap, poseNet, images,
            images.Average(x => x.FeatureError), images.Average(x => x.Psnr), images.Average(x => x.Ssim),
            result.Scores.Agreement is { } a ? AgreementSummary.Of(a) : null, seconds, seconds / targets.Count);
        ComparisonGrid.Of(
        [
            new GridColumn("original", originals, images.Select(x => ImageInversion.Short(x.Name)).ToArray()),
            new GridColumn($"UGN {result.Tap}", reconstructed, images.Select(x => FormattableString.Invariant($"err {x.FeatureError:F3}\nPSNR {x.Psnr:F1} dB, SSIM {x.Ssim:F2}")).ToArray()),
        ], $"UGN at {result.Tap}: original | reconstruction", scale: 2).Save(Path.Combine(outDir, "reconstructions.png"));
        FigureJson.Write(Path.Combine(outDir, "result.json"), report);
        return report;
    }
}
