using EssenceOfPose.Data;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// How a batch of reconstructions Â compares with its originals A: PSNR, SSIM and sharpness (Â's
/// mean gradient magnitude over A's) per image (in 0–255 after adding the channel mean back,
/// unclipped, as <see cref="ImageQuality"/> measures),
/// and, when each A has a matching partner view B, whether the network still reads the pair the
/// same way with Â in A's place (<see cref="PoseAgreement"/>).
/// </summary>
public sealed record ReconstructionScores(IReadOnlyList<double> Psnr, IReadOnlyList<double> Ssim, IReadOnlyList<double> Sharpness, PoseAgreement? Agreement)
{
    public static ReconstructionScores Measure(PoseModel model, ImageBatch originals, Tensor reconstructions, Tensor? partners)
    {
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var a = model.Preprocess.ToRgb(originals.Pixels.to(ScalarType.Float32));
        var b = model.Preprocess.ToRgb(reconstructions.to(ScalarType.Float32));
        var agreement = partners is null ? null : PoseAgreement.Measure(model.Net, originals.Pixels, partners, reconstructions, model.LabelKind, model.LabelStats);
        return new ReconstructionScores(ImageQuality.Psnr(a, b), ImageQuality.Ssim(a, b), ImageQuality.Sharpness(a, b), agreement);
    }
}

/// <summary>The pose-agreement figures of a batch, as JSON and tables carry them (degrees; probability change).</summary>
public sealed record AgreementSummary(double MeanRotationDegrees, double MedianRotationDegrees, double MeanAbsMatchChange, double MedianAbsMatchChange,
    double MeanTranslation, double MedianTranslation)
{
    public static AgreementSummary Of(PoseAgreement a) =>
        new(a.MeanRotationDegrees, a.MedianRotationDegrees, a.MeanAbsMatchChange, a.MedianAbsMatchChange, a.MeanTranslation, a.MedianTranslation);
}
