using System.Text.Json.Serialization;
using EssenceOfPose.Experiments;
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
/// Figure (e), written: <see cref="Dreams"/> of a batch at several taps — the experiment notebook
/// 05 shows — per tap and image a PNG, the grid with a row per image (the original, then its
/// dream at each tap), <c>options.json</c> and <c>result.json</c>.
/// </summary>
public static class DreamSheet
{
    public static DreamSheetReport Run(PoseModel model, InputImages images, IReadOnlyList<TapName> taps, DeepDreamOptions options, string outDir, string fileName = "dream.png")
    {
        if (taps.Count == 0) throw new ArgumentException("no tap to dream at");
        foreach (var t in taps) TapCheck.Require(model.Net, t);
        Directory.CreateDirectory(outDir);
        var items = new List<DreamItem>();
        using var scope = torch.NewDisposeScope();
        var dreams = Dreams.Run(model, images.Images, taps, options);
        for (var k = 0; k < taps.Count; k++)
        {
            var dream = dreams.Dreams[k];
            var pictures = dreams.Images(dream).Pictures();
            var files = Enumerable.Range(0, images.Count).Select(i => $"dream-{dream.Tap.ToString().Replace(':', '-')}-{i:D2}.png").ToArray();
            for (var i = 0; i < images.Count; i++) pictures[i].SavePng(Path.Combine(outDir, files[i]));
            var objective = dream.Objective;
            items.Add(new DreamItem(dream.Tap.ToString(), files, objective.Count > 0 ? objective[0] : double.NaN,
                objective.Count > 0 ? objective[^1] : double.NaN, dream.Octaves, dreams.Seconds[k]));
        }
        var grid = dreams.Grid(names: images.Names.Select(ImageInversion.Short).ToArray());
        grid.Save(Path.Combine(outDir, fileName));
        var report = new DreamSheetReport(images.Names, items, options, fileName) { Grid = grid };
        FigureJson.Write(Path.Combine(outDir, "options.json"), options);
        FigureJson.Write(Path.Combine(outDir, "result.json"), report);
        return report;
    }
}
