using System.Text.Json.Serialization;
using EssenceOfPose.Experiments;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>
/// One tap's reconstructions of the held-out images beside the baselines of Mahendran &amp;
/// Vedaldi's error: the start noise's error, and the error of a different random held-out image
/// (its code's distance to Φ₀) — a reconstruction that keeps what the code keeps must beat that.
/// Image quality of the reconstruction and of the other image against A; pose agreement of
/// (Â, B) and of (other, B) with (A, B).
/// </summary>
public sealed record LayerReconstruction(string Layer, double ReconstructionError, double StartNoiseError, double OtherImageError,
    double MeanPsnr, double MeanSsim, double OtherImagePsnr, double OtherImageSsim,
    AgreementSummary? Agreement, AgreementSummary OtherImageAgreement, double Seconds, double SecondsPerImage, ImageInversionReport Inversion)
{
    /// <summary>Whether the reconstructions are nearer Φ₀ than a different image's code is, on average.</summary>
    public bool CloserThanOtherImage => ReconstructionError < OtherImageError;

    /// <summary>The reconstructions [N,3,S,S] in the network's input space, in the held-out images' order (in the caller's dispose scope; not serialised).</summary>
    [JsonIgnore] public Tensor? Images { get; init; }
}

/// <summary>Figure (a) and the numbers of table (f): every tap inverted for every held-out image, one batch per tap.</summary>
public static class ReconstructionFigure
{
    public static IReadOnlyList<LayerReconstruction> Run(PoseModel model, HeldOutSet set, IReadOnlyList<TapName> taps,
        InversionPreset preset, string outDir, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        using var scope = torch.NewDisposeScope();
        var all = Reconstructions.Run(model, set.Targets.Images, set.Partners.Images, taps, ImageInversion.WithSnapshots(preset), progress, cancellation, set.Others.Images);
        var other = all.OtherScores!;
        return all.Taps.Select(t =>
        {
            var r = ImageInversion.Write(t, set.Targets, set.Partners, Path.Combine(outDir, t.Tap.ToString().Replace(':', '-')));
            return new LayerReconstruction(t.Tap.ToString(), r.MeanFeatureError, r.MeanStartFeatureError, t.OtherErrors!.Average(), r.MeanPsnr, r.MeanSsim,
                other.Psnr.Average(), other.Ssim.Average(), r.Agreement, AgreementSummary.Of(other.Agreement!), r.Seconds, r.SecondsPerImage,
                r with { Reconstructions = null })
            { Images = r.Reconstructions is { } images ? scope.MoveToOuter(images) : null };
        }).ToArray();
    }

    /// <summary>Rows of original | reconstruction at each tap, captioned with error, PSNR and SSIM.</summary>
    public static ImageGrid Grid(IReadOnlyList<LayerReconstruction> layers, string title)
    {
        var first = layers[0].Inversion;
        return ComparisonGrid.Of(
        [
            new GridColumn("original", first.Originals, first.Images.Select(x => ImageInversion.Short(x.Name)).ToArray()),
            .. layers.Select(l => new GridColumn(l.Layer, l.Inversion.ReconstructedImages, l.Inversion.Images.Select(ImageInversion.Caption).ToArray())),
        ], title, scale: 2);
    }

    /// <summary>Table (f), first half: feature error beside its baselines, and image quality.</summary>
    public static MetricTable ErrorTable(IReadOnlyList<LayerReconstruction> layers)
    {
        var t = new MetricTable("layer", "reconstruction error", "start-noise error", "other-image error", "closer than other image",
            "PSNR (dB)", "SSIM", "other-image PSNR (dB)", "other-image SSIM", "seconds per image")
        { Title = "Normalised feature error ‖Φ(x) − Φ₀‖/‖Φ₀‖ (mean over images) and image quality against A", NumberFormat = "F3" };
        foreach (var l in layers)
            t.AddRow(l.Layer, l.ReconstructionError, l.StartNoiseError, l.OtherImageError, l.CloserThanOtherImage ? "yes" : "no",
                l.MeanPsnr, l.MeanSsim, l.OtherImagePsnr, l.OtherImageSsim, l.SecondsPerImage);
        return t.WithFormat("PSNR (dB)", "F2").WithFormat("other-image PSNR (dB)", "F2").WithFormat("seconds per image", "F2");
    }

    /// <summary>Table (f), second half: how the network's reading of (A, B) changes with Â or another image in A's place.</summary>
    public static MetricTable AgreementTable(IReadOnlyList<LayerReconstruction> layers)
    {
        var t = new MetricTable("layer", "A replaced by", "rotation diff. mean (°)", "rotation diff. median (°)", "|Δ p(match)| mean", "|Δ p(match)| median")
        { Title = "Pose agreement: (Â, B) against (A, B), B a matching view of A's target", NumberFormat = "F3" };
        foreach (var l in layers)
        {
            if (l.Agreement is { } a) t.AddRow(l.Layer, "reconstruction Â", a.MeanRotationDegrees, a.MedianRotationDegrees, a.MeanAbsMatchChange, a.MedianAbsMatchChange);
            var o = l.OtherImageAgreement;
            t.AddRow(l.Layer, "other image (baseline)", o.MeanRotationDegrees, o.MedianRotationDegrees, o.MeanAbsMatchChange, o.MedianAbsMatchChange);
        }
        return t.WithFormat("rotation diff. mean (°)", "F2").WithFormat("rotation diff. median (°)", "F2");
    }
}
