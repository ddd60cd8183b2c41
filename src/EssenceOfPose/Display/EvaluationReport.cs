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
