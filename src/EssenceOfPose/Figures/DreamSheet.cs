using System.Diagnostics;
using System.Text.Json.Serialization;
using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>One tap's dream of a batch: the files (one per image), ½‖a‖² at the tap before the first and the last step (summed over the batch), the octaves, the time.</summary>
public sealed record DreamItem(string Tap, IReadOnlyList<string> Files, double ObjectiveStart, double ObjectiveFinal, IReadOnlyList<OctaveSize> Octaves, double Seconds);

/// <summary>What <see cref="DreamSheet.Run"/> wrote: one item per tap, the options, the grid's file.</summary>
public sealed record DreamSheetReport(IReadOnlyList<string> Images, IReadOnlyList<DreamItem> Items, DeepDreamOptions Options, string Image)
{
    [JsonIgnore] public ImageGrid? Grid { get; init; }
}

/// <summary>
/// DeepDream (google/deepdream, via <see cref="DeepDream.Run"/>) of a batch at several taps: per
/// tap and image a PNG, and one grid with a row per image — the original, then its dream at each
/// tap — plus <c>options.json</c> and <c>result.json</c>.
/// </summary>
public static class DreamSheet
{
    public static DreamSheetReport Run(PoseModel model, InputImages images, IReadOnlyList<TapName> taps, DeepDreamOptions options, string outDir, string fileName = "dream.png")
    {
        if (taps.Count == 0) throw new ArgumentException("no tap to dream at");
        foreach (var t in taps) TapCheck.Require(model.Net, t);
        Directory.CreateDirectory(outDir);
        var dreams = new RgbImage[taps.Count][];
        var items = new List<DreamItem>();
        for (var k = 0; k < taps.Count; k++)
        {
            using var scope = torch.NewDisposeScope();
            var clock = Stopwatch.StartNew();
            var result = DeepDream.Run(model.Net, images.Images, taps[k], options);
            dreams[k] = Enumerable.Range(0, images.Count).Select(i => images.Preprocess.Invert(result.Image.select(0, i))).ToArray();
            var files = Enumerable.Range(0, images.Count).Select(i => $"dream-{taps[k].ToString().Replace(':', '-')}-{i:D2}.png").ToArray();
            for (var i = 0; i < images.Count; i++) dreams[k][i].SavePng(Path.Combine(outDir, files[i]));
            var objective = result.Objective;
            items.Add(new DreamItem(taps[k].ToString(), files, objective.Count > 0 ? objective[0] : double.NaN,
                objective.Count > 0 ? objective[^1] : double.NaN, result.Octaves, clock.Elapsed.TotalSeconds));
        }
        var cells = new List<RgbImage>();
        var captions = new List<string>();
        for (var i = 0; i < images.Count; i++)
        {
            cells.Add(images.Display(i));
            captions.Add(ImageInversion.Short(images.Names[i]));
            for (var k = 0; k < taps.Count; k++)
            {
                cells.Add(dreams[k][i]);
                captions.Add($"DeepDream at {taps[k]}");
            }
        }
        var grid = new ImageGrid(cells, captions, columns: taps.Count + 1)
        {
            Scale = 2,
            Title = $"DeepDream: {options.Octaves} octaves × {options.IterationsPerOctave} steps, step {options.StepSize}",
        };
        grid.Save(Path.Combine(outDir, fileName));
        var report = new DreamSheetReport(images.Names, items, options, fileName) { Grid = grid };
        FigureJson.Write(Path.Combine(outDir, "options.json"), options);
        FigureJson.Write(Path.Combine(outDir, "result.json"), report);
        return report;
    }
}
