using System.Globalization;
using System.Text.Json.Serialization;
using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;
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
/// Saliency of pair scores (Simonyan et al., 2014, via <see cref="Saliency.ForPair"/>) laid over
/// both images of each pair (<see cref="HeatOverlay"/>): per pair and score the overlays of the
/// first and the second image as PNGs, and one grid with rows A | B | saliency on A | saliency on B.
/// </summary>
public static class PairSaliency
{
    public static PairSaliencyReport Run(PoseModel model, InputImages first, InputImages second, IReadOnlyList<SaliencyTarget> targets,
        string outDir, string fileName = "saliency.png")
    {
        if (first.Count != second.Count) throw new ArgumentException($"{first.Count} first images but {second.Count} second images");
        if (targets.Count == 0) throw new ArgumentException("no saliency target given");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var scope = torch.NewDisposeScope();
        Directory.CreateDirectory(outDir);
        double[] match;
        using (torch.no_grad())
        {
            var (_, logits) = model.Net.forward(first.Batch, second.Batch);
            match = F.softmax(logits.to(ScalarType.Float64), 1).select(1, 1).contiguous().ToArray<double>();
        }
        var items = new List<PairSaliencyItem>();
        var cells = new List<RgbImage>();
        var captions = new List<string>();
        foreach (var target in targets)
        {
            using var inner = torch.NewDisposeScope();
            using var result = Saliency.ForPair(model.Net, first.Batch, second.Batch, target);
            var overlayA = HeatOverlay.Render(first.Images, result.First);
            var overlayB = HeatOverlay.Render(second.Images, result.Second);
            var slug = target.ToString().Replace(':', '-');
            for (var i = 0; i < first.Count; i++)
            {
                var a = Preprocess.TensorToImage(overlayA.select(0, i));
                var b = Preprocess.TensorToImage(overlayB.select(0, i));
                var fa = $"pair{i:D2}-{slug}-first.png";
                var fb = $"pair{i:D2}-{slug}-second.png";
                a.SavePng(Path.Combine(outDir, fa));
                b.SavePng(Path.Combine(outDir, fb));
                var (peakA, meanA) = Stats(result.First.select(0, i));
                var (peakB, meanB) = Stats(result.Second.select(0, i));
                items.Add(new PairSaliencyItem(i, first.Names[i], second.Names[i], target.ToString(), target.Name, result.Scores[i], match[i], fa, fb, peakA, peakB, meanA, meanB));
                cells.AddRange([first.Display(i), second.Display(i), a, b]);
                var label = Label(target);
                captions.AddRange([ImageInversion.Short(first.Names[i]), ImageInversion.Short(second.Names[i]),
                    string.Create(CultureInfo.InvariantCulture, $"{label} on A\nS = {result.Scores[i]:G3}, p(match) {match[i]:F2}"), $"{label} on B"]);
            }
        }
        var grid = new ImageGrid(cells, captions, columns: 4) { Scale = 2, Title = "saliency max_c |dS/dI|: A | B | on A | on B" };
        grid.Save(Path.Combine(outDir, fileName));
        var report = new PairSaliencyReport(items, fileName, clock.Elapsed.TotalSeconds) { Grid = grid };
        FigureJson.Write(Path.Combine(outDir, "result.json"), report);
        return report;
    }

    /// <summary>The score in the captions' Latin-1 font (the target's own name uses U+2212).</summary>
    static string Label(SaliencyTarget target) => target.PoseIndex is { } k ? $"pose_fc[{k}]" : "ptch_fc[1]-ptch_fc[0]";

    static (double Peak, double Mean) Stats(Tensor map)
    {
        using var scope = torch.NewDisposeScope();
        var m = map.to(ScalarType.Float64);
        return (m.max().ToDouble(), m.mean().ToDouble());
    }
}
