using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EssenceOfPose.Experiments;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>One reconstructed image of an <see cref="ImageInversion"/>: where its files are and its numbers.</summary>
public sealed record InvertedImageReport(string Name, string Source, string? Partner, string Folder,
    double StartFeatureError, double FeatureError, double Psnr, double Ssim, PairAgreement? Agreement);

/// <summary>
/// What <see cref="ImageInversion.Run"/> did: the tap, the preset and its data-term weight, the
/// numbers per image and their means, the time, and the resolved options. The images themselves
/// (for figures that compose them) are kept but not serialised; <see cref="Reconstructions"/>
/// belongs to the dispose scope current at the call.
/// </summary>
public sealed record ImageInversionReport(string Tap, string Preset, double? ObjectiveWeight, string Weight, int Steps,
    IReadOnlyList<InvertedImageReport> Images, double MeanStartFeatureError, double MeanFeatureError, double MeanPsnr, double MeanSsim,
    AgreementSummary? Agreement, double Seconds, double SecondsPerImage, JsonNode Options)
{
    [JsonIgnore] public IReadOnlyList<RgbImage> Originals { get; init; } = [];

    [JsonIgnore] public IReadOnlyList<RgbImage> ReconstructedImages { get; init; } = [];

    /// <summary>The reconstructions [N,3,101,101] in the model's input space.</summary>
    [JsonIgnore] public Tensor? Reconstructions { get; init; }
}

/// <summary>
/// Inversion of image files by optimisation, with everything written out: per image a folder with
/// <c>original.png</c>, <c>reconstruction.png</c>, <c>partner.png</c> (when given) and
/// <c>snapshots.png</c> (the image through the main phase); <c>reconstructions.png</c> (all
/// originals beside their reconstructions, captioned with their errors), <c>loss.plotly.json</c>
/// (the total loss per step, one line per image), <c>options.json</c> (the resolved options) and
/// <c>result.json</c> (the numbers). The lower level is <see cref="Inverter.Invert"/>.
/// </summary>
public static class ImageInversion
{
    public static ImageInversionReport Run(PoseModel model, InputImages targets, InputImages? partners, TapName tap,
        InversionPreset preset, string outDir, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        TapCheck.Require(model.Net, tap);
        using var scope = torch.NewDisposeScope();
        var reconstruction = Reconstructions.Run(model, targets.Images, partners?.Images, [tap], WithSnapshots(preset), progress, cancellation).Taps[0];
        var report = Write(reconstruction, targets, partners, outDir);
        scope.MoveToOuter(reconstruction.Inversion.Images);
        return report;
    }

    /// <summary>The preset with snapshots at 0, ¼, ½, ¾ and all of its main phase, unless it names its own.</summary>
    public static InversionPreset WithSnapshots(InversionPreset preset) =>
        preset.SnapshotSteps.Count == 0 ? preset with { SnapshotSteps = Quarters(preset.Steps) } : preset;

    /// <summary>Writes one tap's reconstruction of <paramref name="targets"/> (see the type's summary) and returns its report.</summary>
    public static ImageInversionReport Write(TapReconstruction reconstruction, InputImages targets, InputImages? partners, string outDir)
    {
        var (result, scores, tap, preset) = (reconstruction.Inversion, reconstruction.Scores, reconstruction.Tap, reconstruction.Inversion.Options.Preset);
        var originals = Enumerable.Range(0, targets.Count).Select(targets.Display).ToArray();
        var reconstructed = result.PerImage.Select(p => targets.Preprocess.Invert(p.Image)).ToArray();
        Directory.CreateDirectory(outDir);

        var images = new InvertedImageReport[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var p = result.PerImage[i];
            var folder = $"{i:D2}-{targets.Names[i]}";
            var dir = Path.Combine(outDir, folder);
            Directory.CreateDirectory(dir);
            originals[i].SavePng(Path.Combine(dir, "original.png"));
            reconstructed[i].SavePng(Path.Combine(dir, "reconstruction.png"));
            if (partners is not null) partners.Display(i).SavePng(Path.Combine(dir, "partner.png"));
            Snapshots(p, targets, reconstructed[i]).Save(Path.Combine(dir, "snapshots.png"));
            images[i] = new InvertedImageReport(targets.Names[i], targets.Paths[i], partners?.Paths[i], folder,
                p.StartFeatureError, p.FeatureError, scores.Psnr[i], scores.Ssim[i], scores.Agreement?.Pairs[i]);
        }

        var seconds = result.Elapsed.TotalSeconds;
        var report = new ImageInversionReport(tap.ToString(), preset.Name, preset.DataWeight, preset.Describe(), result.Render.Steps,
            images, images.Average(x => x.StartFeatureError), images.Average(x => x.FeatureError), images.Average(x => x.Psnr), images.Average(x => x.Ssim),
            scores.Agreement is { } a ? AgreementSummary.Of(a) : null, seconds, seconds / targets.Count, FigureJson.Node(result.Options.ToJson()))
        {
            Originals = originals,
            ReconstructedImages = reconstructed,
            Reconstructions = result.Images,
        };
        Grid(report).Save(Path.Combine(outDir, "reconstructions.png"));
        FigureJson.WriteText(Path.Combine(outDir, "loss.plotly.json"), LossChart(result, targets.Names, tap).ToJson() + "\n");
        FigureJson.WriteText(Path.Combine(outDir, "options.json"), result.Options.ToJson() + "\n");
        FigureJson.Write(Path.Combine(outDir, "result.json"), report);
        return report;
    }

    /// <summary>Originals beside reconstructions (a row per image), captioned with the feature error, PSNR and SSIM.</summary>
    public static ImageGrid Grid(ImageInversionReport r) => ComparisonGrid.Of(
    [
        new GridColumn("original", r.Originals, r.Images.Select(x => Short(x.Name)).ToArray()),
        new GridColumn(r.Tap, r.ReconstructedImages, r.Images.Select(Caption).ToArray()),
    ], $"{r.Preset} ({r.Weight}) at {r.Tap}: original | reconstruction", scale: 2);

    /// <summary>"err 0.12 (from 0.98)\nPSNR 14.1 dB, SSIM 0.31".</summary>
    public static string Caption(InvertedImageReport x) => string.Create(CultureInfo.InvariantCulture,
        $"err {x.FeatureError:F3} (from {x.StartFeatureError:F2})\nPSNR {x.Psnr:F1} dB, SSIM {x.Ssim:F2}");

    /// <summary>A file stem short enough for a caption.</summary>
    public static string Short(string name) => name.Length <= 24 ? name : name[..10] + "…" + name[^12..];

    static ImageGrid Snapshots(InvertedImage p, InputImages targets, RgbImage final)
    {
        var cells = p.Snapshots.Select(s => targets.Preprocess.Invert(s.Images)).Append(final).ToArray();
        var captions = p.Snapshots.Select(s => $"step {s.Step}").Append("final").ToArray();
        return new ImageGrid(cells, captions) { Scale = 2 };
    }

    static PlotlyChart LossChart(InversionResult result, IReadOnlyList<string> names, TapName tap)
    {
        var lines = result.PerImage.Select(p => Chart.Line(p.LossHistory["total"], Short(names[p.Index]))).ToArray();
        return Chart.Combine(lines).WithTitle($"{result.Options.Method} at {tap}: total loss per step").WithAxisTitles("step", "loss")
            .WithLayout("yaxis", new JsonObject { ["type"] = "log", ["title"] = new JsonObject { ["text"] = "loss (log)" } });
    }

    /// <summary>Snapshot steps 0, ¼, ½, ¾ and all of the main phase.</summary>
    internal static int[] Quarters(int steps) => new[] { 0, steps / 4, steps / 2, 3 * steps / 4, steps }.Distinct().ToArray();
}
