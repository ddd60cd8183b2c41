using EssenceOfPose.Metrics;
using EssenceOfPose.Training;

namespace EssenceOfPose.Display;

/// <summary>
/// A <see cref="PoseNetEvaluation"/> as figures: the table of pose and matching numbers beside
/// the two baselines (what <c>eop eval posenet</c> prints), and the ROC curves of the matching
/// score and of the raw-pixel cosine, with the chance diagonal.
/// </summary>
public static class EvaluationReport
{
    public static MetricTable Table(PoseNetEvaluation e)
    {
        var table = new MetricTable("", "median rotation (°)", "mean rotation (°)", "median translation (m)", "translation direction (°)", "match AUC", "FPR95", "match accuracy")
        {
            Title = $"{e.TestTargets} held-out targets, {e.TestPairs} pairs ({e.Pose.Pairs} matching)",
        }
            .WithFormat("median rotation (°)", "F1").WithFormat("mean rotation (°)", "F1").WithFormat("median translation (m)", "F2")
            .WithFormat("translation direction (°)", "F1").WithFormat("match AUC", "F3").WithFormat("FPR95", "F3").WithFormat("match accuracy", "F3");
        table.AddRow("PoseNet", e.Pose.MedianRotationDegrees, e.Pose.MeanRotationDegrees, e.Pose.MedianTranslationMetres, e.Pose.MedianDirectionDegrees,
            e.Match.Auc, e.Match.Fpr95, e.Match.Accuracy);
        if (e.MeanPoseBaseline is { } m)
            table.AddRow("training-mean pose", m.MedianRotationDegrees, m.MeanRotationDegrees, m.MedianTranslationMetres, m.MedianDirectionDegrees, null, null, null);
        if (e.PixelCosineBaseline is { } c)
            table.AddRow("raw-pixel cosine (best threshold)", null, null, null, null, c.Auc, c.Fpr95, c.Accuracy);
        return table;
    }

    /// <summary>True-positive against false-positive rate of PoseNet's matching probability and, when evaluated, of the raw-pixel cosine.</summary>
    public static PlotlyChart RocChart(PoseNetEvaluation e)
    {
        var curves = new List<PlotlyChart>
        {
            Chart.Line(e.Match.Roc.Select(p => p.FalsePositiveRate), e.Match.Roc.Select(p => p.TruePositiveRate), FormattableString.Invariant($"PoseNet (AUC {e.Match.Auc:F3})")),
        };
        if (e.PixelCosineBaseline is { } c)
            curves.Add(Chart.Line(c.Roc.Select(p => p.FalsePositiveRate), c.Roc.Select(p => p.TruePositiveRate), FormattableString.Invariant($"raw-pixel cosine (AUC {c.Auc:F3})")));
        curves.Add(Chart.Line([0.0, 1.0], [0.0, 1.0], "chance"));
        return Chart.Combine([.. curves]).WithTitle("Matching ROC on held-out pairs").WithAxisTitles("false-positive rate", "true-positive rate").WithSize(560, 480);
    }

    /// <summary>
    /// One row per set of pairs (the same-city held-out split, then each unseen city): PoseNet's
    /// figures beside both baselines' and the rotation error as a fraction of the mean-pose
    /// baseline's, so a reader sees at once how much of the same-city figure carries over.
    /// </summary>
    public static MetricTable Cities(IReadOnlyList<CityEvaluation> cities, string? title = null)
    {
        var table = new MetricTable("pairs from", "targets", "pairs", "median rotation (°)", "mean-pose rotation (°)", "rotation / mean-pose",
            "median translation (m)", "match AUC", "FPR95", "raw-pixel AUC")
        {
            Title = title ?? "PoseNet set by set: rotation against the mean-pose baseline, and matching",
        }
            .WithFormat("median rotation (°)", "F1").WithFormat("mean-pose rotation (°)", "F1").WithFormat("rotation / mean-pose", "F2")
            .WithFormat("median translation (m)", "F2").WithFormat("match AUC", "F3").WithFormat("FPR95", "F3").WithFormat("raw-pixel AUC", "F3");
        foreach (var (name, e) in cities)
        {
            var baseline = e.MeanPoseBaseline?.MedianRotationDegrees;
            table.AddRow(name, e.TestTargets, e.TestPairs, e.Pose.MedianRotationDegrees, baseline,
                baseline is { } b && b > 0 ? e.Pose.MedianRotationDegrees / b : null,
                e.Pose.MedianTranslationMetres, e.Match.Auc, e.Match.Fpr95, e.PixelCosineBaseline?.Auc);
        }
        return table;
    }

    /// <summary>PoseNet's matching ROC on every set in one chart (dashed: the raw-pixel cosine of the first set), with the chance diagonal.</summary>
    public static PlotlyChart CitiesRocChart(IReadOnlyList<CityEvaluation> cities)
    {
        if (cities.Count == 0) throw new ArgumentException("no evaluations to draw", nameof(cities));
        var curves = cities.Select(c => Chart.Line(c.Evaluation.Match.Roc.Select(p => p.FalsePositiveRate), c.Evaluation.Match.Roc.Select(p => p.TruePositiveRate),
            FormattableString.Invariant($"{c.City} (AUC {c.Evaluation.Match.Auc:F3})"))).ToList();
        if (cities[0].Evaluation.PixelCosineBaseline is { } pixel)
            curves.Add(Chart.Line(pixel.Roc.Select(p => p.FalsePositiveRate), pixel.Roc.Select(p => p.TruePositiveRate),
                FormattableString.Invariant($"raw-pixel cosine, {cities[0].City} (AUC {pixel.Auc:F3})")));
        curves.Add(Chart.Line([0.0, 1.0], [0.0, 1.0], "chance"));
        return Chart.Combine([.. curves]).WithTitle("Matching ROC, city by city").WithAxisTitles("false-positive rate", "true-positive rate").WithSize(620, 520)
            // Inside the plot's empty lower right, so long city names do not squeeze the axes.
            .WithLayout("legend", new System.Text.Json.Nodes.JsonObject { ["x"] = 0.98, ["y"] = 0.02, ["xanchor"] = "right", ["yanchor"] = "bottom" });
    }

    /// <summary>The symmetry probe (<see cref="Experiments.SymmetryProbe"/>), a row per set of pairs.</summary>
    public static MetricTable Symmetry(IReadOnlyList<Experiments.SymmetryProbeResult> results)
    {
        var table = new MetricTable("pairs from", "pairs", "median disagreement (°)", "mean disagreement (°)", "median translation disagreement (m)",
            "median |Δp(match)|", "mean |Δp(match)|", "median pose error (°)")
        {
            Title = "Mirrored pairs, read and mirrored back, against the pairs' own reading (0 = exactly equivariant)",
        }
            .WithFormat("median disagreement (°)", "F2").WithFormat("mean disagreement (°)", "F2").WithFormat("median translation disagreement (m)", "F2")
            .WithFormat("median |Δp(match)|", "F3").WithFormat("mean |Δp(match)|", "F3").WithFormat("median pose error (°)", "F1");
        foreach (var r in results)
            table.AddRow(r.Set, r.Pairs, r.MedianRotationDegrees, r.MeanRotationDegrees, double.IsNaN(r.MedianTranslationMetres) ? null : r.MedianTranslationMetres,
                r.MedianMatchDisagreement, r.MeanMatchDisagreement, r.MedianPoseErrorDegrees);
        return table;
    }

    /// <summary>
    /// A <see cref="PoseAgreement"/> per pair: how far the network's reading of (A, B) moves when A
    /// is replaced, in rotation, translation and matching probability, with the mean over pairs.
    /// </summary>
    public static MetricTable Agreement(PoseAgreement agreement, string? title = null, IReadOnlyList<string>? pairLabels = null)
    {
        var pairs = agreement.Pairs;
        if (pairLabels is not null && pairLabels.Count != pairs.Count) throw new ArgumentException($"{pairLabels.Count} labels for {pairs.Count} pairs", nameof(pairLabels));
        var table = new MetricTable("pair", "rotation change (°)", "translation change", "p(match) with A", "p(match) with the replacement") { Title = title }
            .WithFormat("rotation change (°)", "F1").WithFormat("translation change", "F2")
            .WithFormat("p(match) with A", "F3").WithFormat("p(match) with the replacement", "F3");
        for (var i = 0; i < pairs.Count; i++)
            table.AddRow(pairLabels?[i] ?? (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                pairs[i].RotationDegrees, double.IsNaN(pairs[i].Translation) ? null : pairs[i].Translation, pairs[i].MatchProbability, pairs[i].ReconstructionMatchProbability);
        table.AddRow("mean", agreement.MeanRotationDegrees, double.IsNaN(agreement.MeanTranslation) ? null : agreement.MeanTranslation,
            pairs.Average(p => p.MatchProbability), pairs.Average(p => p.ReconstructionMatchProbability));
        return table;
    }
}
