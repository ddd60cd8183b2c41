using System.Globalization;
using System.Text.Json.Serialization;
using EssenceOfPose.Attribution;
using EssenceOfPose.Display;
using EssenceOfPose.Experiments;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>One pair's saliency for one score: the score, p(match) of the pair, the overlay files and each map's peak and mean gradient magnitude.</summary>
public sealed record PairSaliencyItem(int Pair, string First, string Second, string Target, string Score, double Value, double MatchProbability,
    string FirstOverlay, string SecondOverlay, double FirstPeak, double SecondPeak, double FirstMean, double SecondMean);

/// <summary>What <see cref="PairSaliency.Run"/> wrote: one item per pair and score, the grid's file, the time.</summary>
public sealed record PairSaliencyReport(IReadOnlyList<PairSaliencyItem> Items, string Image, double Seconds)
{
    [JsonIgnore] public ImageGrid? Grid { get; init; }
}

/// <summary>
/// Figure (d), written: <see cref="SaliencyMaps"/> of each score on both images of each pair — the
/// same experiment and four-column grid notebook 04 shows — as overlay PNGs per pair and score,
/// one grid with the scores' rows one after another, and <c>result.json</c>.
/// </summary>
public static class PairSaliency
{
    public static PairSaliencyReport Run(PoseModel model, InputImages first, InputImages second, IReadOnlyList<SaliencyTarget> targets,
        string outDir, string fileName = "saliency.png")
    {
        if (targets.Count == 0) throw new ArgumentException("no saliency target given");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = torch.NewDisposeScope();
        Directory.CreateDirectory(outDir);
        var items = new List<PairSaliencyItem>();
        var columns = new List<IReadOnlyList<GridColumn>>();
        foreach (var target in targets)
        {
            using var inner = torch.NewDisposeScope();
            var s = SaliencyMaps.Run(model, first.Images, second.Images, target);
            var (overlayA, overlayB) = s.Overlays();
            var slug = target.ToString().Replace(':', '-');
            for (var i = 0; i < first.Count; i++)
            {
                var fa = $"pair{i:D2}-{slug}-first.png";
                var fb = $"pair{i:D2}-{slug}-second.png";
                overlayA[i].SavePng(Path.Combine(outDir, fa));
                overlayB[i].SavePng(Path.Combine(outDir, fb));
                var (peakA, meanA) = Stats(s.Maps.First.select(0, i));
                var (peakB, meanB) = Stats(s.Maps.Second.select(0, i));
                items.Add(new PairSaliencyItem(i, first.Names[i], second.Names[i], target.ToString(), target.Name, s.Maps.Scores[i], s.MatchProbability[i], fa, fb, peakA, peakB, meanA, meanB));
            }
            columns.Add(s.Columns(Enumerable.Range(0, first.Count)
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"{s.Label}: S = {s.Maps.Scores[i]:G3}, p(match) {s.MatchProbability[i]:F2}")).ToArray()));
        }
        // The scores' rows one after another: each column is that column of every score.
        var stacked = Enumerable.Range(0, columns[0].Count).Select(c => new GridColumn(columns[0][c].Header,
            columns.SelectMany(k => k[c].Images).ToArray(), columns[0][c].Notes is null ? null : columns.SelectMany(k => k[c].Notes!).ToArray())).ToArray();
        var grid = ComparisonGrid.Of(stacked, "saliency max_c |dS/dI|: A | on A | B | on B", scale: 2);
        grid.Save(Path.Combine(outDir, fileName));
        var report = new PairSaliencyReport(items, fileName, clock.Elapsed.TotalSeconds) { Grid = grid };
        FigureJson.Write(Path.Combine(outDir, "result.json"), report);
        return report;
    }

    static (double Peak, double Mean) Stats(Tensor map)
    {
        using var scope = torch.NewDisposeScope();
        var m = map.to(ScalarType.Float64);
        return (m.max().ToDouble(), m.mean().ToDouble());
    }
}
