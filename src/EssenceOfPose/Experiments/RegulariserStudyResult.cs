using EssenceOfPose.Display;
using EssenceOfPose.Data;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>A study's images, tap and arms, with the figures a notebook shows and <c>eop figures</c> writes of them.</summary>
public sealed record RegulariserStudyResult(ImageBatch Originals, TapName Tap, IReadOnlyList<RegulariserArm> Arms)
{
    /// <summary>SSIM and PSNR of each arm's reconstructions against the originals (0–255, unclipped), per image.</summary>
    public IReadOnlyList<(double[] Ssim, double[] Psnr)> Quality()
    {
        using var scope = torch.NewDisposeScope();
        var reference = Originals.Rgb();
        return Arms.Select(a =>
        {
            var test = Originals.Preprocess.ToRgb(a.Result.Images);
            return (ImageQuality.Ssim(reference, test), ImageQuality.Psnr(reference, test));
        }).ToArray();
    }

    /// <summary>
    /// One row per arm: its objective and step regularisers, the mean normalised feature error
    /// ‖Φ(x) − Φ₀‖/‖Φ₀‖ at the tap, and the mean SSIM and PSNR of the reconstruction against the
    /// original (how photograph-like it is, which the code itself does not ask for).
    /// </summary>
    public MetricTable Table()
    {
        var table = new MetricTable("arm", "objective", "step regularisers", "feature error", "SSIM", "PSNR (dB)", "seconds")
        {
            Title = $"Inverting {Tap} of {Originals.Count} images, one arm per regulariser",
        }.WithFormat("feature error", "F3").WithFormat("SSIM", "F3").WithFormat("PSNR (dB)", "F1").WithFormat("seconds", "F1");
        var quality = Quality();
        for (var k = 0; k < Arms.Count; k++)
        {
            var r = Arms[k].Result;
            var steps = r.Options.Phases.SelectMany(p => p.StepRegularisers).Select(s => s.Name).Distinct();
            table.AddRow(Arms[k].Variant.Label, r.Options.Objective, string.Join(", ", steps), r.MeanFeatureError,
                quality[k].Ssim.Average(), quality[k].Psnr.Average(), r.Elapsed.TotalSeconds);
        }
        return table;
    }

    /// <summary>The originals in the first column, then one column per arm; each cell captioned with the arm and its feature error.</summary>
    public ImageGrid Grid(int scale = 1) => ComparisonGrid.Of(
    [
        new GridColumn("original", Originals.Pictures()),
        .. Arms.Select(a => new GridColumn(a.Variant.Label, Originals.Preprocess.Pictures(a.Result.Images),
            a.Result.PerImage.Select(p => FormattableString.Invariant($"error {p.FeatureError:F2}")).ToArray())),
    ], title: $"{Tap} inverted under each regulariser", scale: scale);

    /// <summary>Feature error and SSIM against the TV weight, for the arms of a λ_V sweep (a logarithmic axis; λ_V = 0 is drawn at the left end).</summary>
    public PlotlyChart SweepChart()
    {
        var swept = Enumerable.Range(0, Arms.Count).Where(k => Arms[k].Variant.TvWeight is not null).ToArray();
        if (swept.Length == 0) throw new InvalidOperationException("no arm of this study is a TV-weight sweep arm");
        double Weight(int k) => Arms[k].Variant.TvWeight!.Value;
        var positive = swept.Where(k => Weight(k) > 0).Select(Weight).DefaultIfEmpty(1).Min();
        var x = swept.Select(k => Weight(k) > 0 ? Weight(k) : positive / 10).ToArray();
        var quality = Quality();
        var error = Chart.Line(x, swept.Select(k => Arms[k].Result.MeanFeatureError), $"feature error at {Tap}");
        var similarity = Chart.Line(x, swept.Select(k => quality[k].Ssim.Average()), "SSIM to the original");
        return Chart.Combine(error, similarity)
            .WithTitle($"Sweeping the TV weight λ_V when inverting {Tap}")
            .WithAxisTitles(null, "feature error ‖Φ(x)−Φ₀‖/‖Φ₀‖  ·  SSIM")
            .WithLayout("xaxis", new System.Text.Json.Nodes.JsonObject { ["type"] = "log", ["title"] = new System.Text.Json.Nodes.JsonObject { ["text"] = "λ_V (log scale; the leftmost point is λ_V = 0)" } });
    }
}
