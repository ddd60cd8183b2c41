using EssenceOfPose.Data;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// One tap's reconstructions of a batch (Mahendran &amp; Vedaldi): the inversion, the images as a
/// batch of the model, and how they compare with the originals — PSNR and SSIM, and, when each
/// original has a matching partner view, whether the network reads the pair the same way.
/// With other images as a baseline, <see cref="OtherErrors"/> is the normalised feature error of
/// each other image's code against its original's: a reconstruction that keeps what the code
/// keeps must beat it.
/// </summary>
public sealed record TapReconstruction(TapName Tap, InversionResult Inversion, ImageBatch Images, ReconstructionScores Scores, IReadOnlyList<double>? OtherErrors)
{
    public double MeanFeatureError => Inversion.MeanFeatureError;

    public double MeanStartFeatureError => Inversion.PerImage.Average(p => p.StartFeatureError);
}

/// <summary>
/// What <see cref="Reconstructions.Run"/> computed: the originals, their partners and the
/// other images of the baseline (if given), one reconstruction per tap, and the other images
/// scored as if they were reconstructions (<see cref="OtherScores"/>), with the figures of them.
/// </summary>
public sealed record ReconstructionResult(ImageBatch Originals, ImageBatch? Partners, ImageBatch? Others, IReadOnlyList<TapReconstruction> Taps, ReconstructionScores? OtherScores)
{
    /// <summary>The reconstruction at <paramref name="tap"/>.</summary>
    public TapReconstruction this[string tap] => Taps.Single(t => t.Tap.ToString() == tap);

    /// <summary>Rows of original | reconstruction at each tap, each captioned with its feature error.</summary>
    public ImageGrid Grid(int scale = 2) => ComparisonGrid.Of(
    [
        new GridColumn("original", Originals.Pictures()),
        .. Taps.Select(t => new GridColumn($"from {t.Tap}", t.Images.Pictures(),
            t.Inversion.PerImage.Select(p => FormattableString.Invariant($"error {p.FeatureError:F2}")).ToArray())),
    ], title: $"Original | reconstructed from {string.Join(" | from ", Taps.Select(t => t.Tap))}", scale: scale);

    /// <summary>The pairs (A, B) with A's reconstruction at <paramref name="tap"/> between them.</summary>
    public ImageGrid PairGrid(string tap, int scale = 2) => ComparisonGrid.Of(
    [
        new GridColumn("A", Originals.Pictures()),
        new GridColumn($"Â (A from {tap})", this[tap].Images.Pictures()),
        new GridColumn("B", (Partners ?? throw new InvalidOperationException("no partner views were given")).Pictures()),
    ], title: $"Matching pairs (A, B) and A's {tap} reconstruction", scale: scale);

    /// <summary>How the network's reading of (A, B) changes with Â (from <paramref name="tap"/>) in A's place.</summary>
    public MetricTable Agreement(string tap, IReadOnlyList<string>? pairLabels = null) =>
        EvaluationReport.Agreement(this[tap].Scores.Agreement ?? throw new InvalidOperationException("no partner views were given"),
            $"A replaced by its {tap} reconstruction Â", pairLabels);

    /// <summary>The baseline: how the reading of (A, B) changes with a view of another target in A's place.</summary>
    public MetricTable OtherAgreement(IReadOnlyList<string>? pairLabels = null) =>
        EvaluationReport.Agreement(OtherScores?.Agreement ?? throw new InvalidOperationException("no partner and other views were given"),
            "Control: A replaced by a view of another target", pairLabels);

    /// <summary>Each term of the objective per step, for image <paramref name="image"/> at <paramref name="tap"/>.</summary>
    public PlotlyChart LossChart(string tap, int image = 0) =>
        Display.LossChart.Of(this[tap].Inversion.PerImage[image].LossHistory, $"{tap} inversion of image {image}: loss per term");
}

/// <summary>
/// Inversion by optimisation of a batch at several taps, scored (Mahendran &amp; Vedaldi, CVPR 2015 /
/// IJCV 2016): the experiment notebook 02 shows and figure (a) writes. Pure: no files.
/// </summary>
public static class Reconstructions
{
    /// <summary>
    /// Inverts <paramref name="originals"/> at each tap with <paramref name="preset"/> and scores the
    /// reconstructions; <paramref name="partners"/> (a matching view of each) adds the pose
    /// agreement, <paramref name="others"/> (a view of another target for each) the baselines.
    /// </summary>
    public static ReconstructionResult Run(PoseModel model, ImageBatch originals, ImageBatch? partners, IReadOnlyList<TapName> taps, InversionPreset preset,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default, ImageBatch? others = null)
    {
        if (taps.Count == 0) throw new ArgumentException("no tap to invert", nameof(taps));
        if (partners is not null && partners.Count != originals.Count)
            throw new ArgumentException($"{originals.Count} images but {partners.Count} partners; give one partner per image, in the same order");
        foreach (var tap in taps) TapCheck.Require(model.Net, tap);
        var on = originals with { Pixels = originals.Pixels.to(model.Device) };
        var partnerPixels = partners?.Pixels.to(model.Device);
        var results = taps.Select(tap =>
        {
            var r = Inverter.Invert(model, on, tap, preset, progress: progress, cancellation: cancellation);
            double[]? otherErrors = null;
            if (others is not null)
                using (torch.no_grad())
                    otherErrors = Objectives.NormalisedError(model.Net.Tap(others.Pixels.to(model.Device), tap), model.Net.Tap(on.Pixels, tap)).to(ScalarType.Float64).ToArray<double>();
            return new TapReconstruction(tap, r, on.With(r.Images), ReconstructionScores.Measure(model, on, r.Images, partnerPixels), otherErrors);
        }).ToArray();
        var otherScores = others is null ? null : ReconstructionScores.Measure(model, on, others.Pixels.to(model.Device), partnerPixels);
        return new ReconstructionResult(on, partners, others, results, otherScores);
    }
}
