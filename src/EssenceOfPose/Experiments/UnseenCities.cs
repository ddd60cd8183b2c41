using EssenceOfPose.Display;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Experiments;

/// <summary>
/// PoseNet on whole cities it never saw: each city's pose and matching figures beside both
/// baselines, and its symmetry probe. <c>eop eval posenet --unseen</c> and <c>eop eval symmetry
/// --unseen</c> print the same records.
/// </summary>
public sealed record UnseenCitiesResult(IReadOnlyList<CityEvaluation> Evaluations, IReadOnlyList<SymmetryProbeResult> Probes)
{
    /// <summary>One row per city: rotation against the mean-pose baseline, matching against raw pixels.</summary>
    public MetricTable Table() => EvaluationReport.Cities(Evaluations, "PoseNet on cities it never saw");

    /// <summary>Every figure of one city, with the baselines' rows.</summary>
    public MetricTable Details(int city = 0) => EvaluationReport.Table(Evaluations[city].Evaluation);

    /// <summary>Every city's matching ROC on one chart.</summary>
    public PlotlyChart RocChart() => EvaluationReport.CitiesRocChart(Evaluations);

    /// <summary>The symmetry probe, a row per city.</summary>
    public MetricTable SymmetryTable() => EvaluationReport.Symmetry(Probes);
}

public static class UnseenCities
{
    /// <summary>
    /// Evaluates <paramref name="model"/> on every target of each city (all matching pairs and as
    /// many non-matching ones, <see cref="PoseNetData.Unseen"/>) and probes its symmetry there.
    /// One city's views are in memory at a time.
    /// </summary>
    public static UnseenCitiesResult Run(PoseModel model, IReadOnlyList<(string Name, string Folder)> cities, IProgress<string>? progress = null)
    {
        if (cities.Count == 0) throw new ArgumentException("no cities to evaluate", nameof(cities));
        var evaluations = new List<CityEvaluation>();
        var probes = new List<SymmetryProbeResult>();
        foreach (var (name, folder) in cities)
        {
            using var data = PoseNetData.Unseen(folder);
            progress?.Report($"{name}: {data.TestTargets.Count} targets, {data.TestPairs.Positives.Count} matching and {data.TestPairs.Negatives.Count} non-matching pairs");
            evaluations.Add(new CityEvaluation(name, PoseNetEvaluator.Evaluate(model.Net, model.Info, data, baselines: true)));
            probes.Add(SymmetryProbe.Run(model, data, name));
        }
        return new UnseenCitiesResult(evaluations, probes);
    }
}
