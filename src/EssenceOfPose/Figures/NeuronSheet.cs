using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EssenceOfPose.Data;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>What <see cref="NeuronSheet.Run"/> rendered: unit names, the activation each image reached, the preset and time, the resolved options.</summary>
public sealed record NeuronSheetReport(string Preset, int Steps, IReadOnlyList<string> Units, IReadOnlyList<double> Activations,
    double Seconds, string Image, JsonNode Options)
{
    [JsonIgnore] public ImageGrid? Grid { get; init; }
}

/// <summary>
/// Single-unit images (Yosinski et al., 2015; Mahendran &amp; Vedaldi IJCV §6) as one captioned
/// grid: one image per unit, all rendered in one batch by <see cref="NeuronImages.Render"/>,
/// each captioned with the unit ("fc5[17]", "conv4[3]@(1,1)") and the activation it reached.
/// Writes the grid PNG, <c>options.json</c> and <c>result.json</c> into the output folder.
/// </summary>
public static class NeuronSheet
{
    public static NeuronSheetReport Run(PoseModel model, IReadOnlyList<NeuronUnit> units, InversionPreset preset,
        string outDir, string fileName = "neurons.png", IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        foreach (var t in units.Select(u => u.Tap).Distinct()) TapCheck.Require(model.Net, t);
        using var scope = torch.NewDisposeScope();
        var set = NeuronImages.Render(model, units, preset, progress: progress, cancellation: cancellation);
        var images = Enumerable.Range(0, units.Count).Select(i => model.Preprocess.Invert(set.Images.select(0, i))).ToArray();
        var captions = set.Names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n}\na = {set.Activations[i]:G3}")).ToArray();
        var grid = new ImageGrid(images, captions, columns: Math.Min(8, units.Count))
        {
            Scale = 1,
            Title = $"units maximised by {preset.Name} ({set.Render.Steps} steps)",
        };
        Directory.CreateDirectory(outDir);
        grid.Save(Path.Combine(outDir, fileName));
        var report = new NeuronSheetReport(preset.Name, set.Render.Steps, set.Names, set.Activations, set.Render.Elapsed.TotalSeconds, fileName,
            FigureJson.Node(set.Options.ToJson())) { Grid = grid };
        FigureJson.WriteText(Path.Combine(outDir, "options.json"), set.Options.ToJson() + "\n");
        FigureJson.Write(Path.Combine(outDir, "result.json"), report);
        return report;
    }

    /// <summary>
    /// Parses "0,1,2" into units of <paramref name="tap"/> (convolutional channels at the blob's
    /// centre); <paramref name="count"/> takes units 0 … count−1 instead.
    /// </summary>
    public static IReadOnlyList<NeuronUnit> Units(SiameseNet model, TapName tap, string? list, int? count)
    {
        TapCheck.Require(model, tap);
        int[] indices;
        if (list is { Length: > 0 })
        {
            indices = list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : throw new FormatException($"units '{list}': '{s}' is not a unit index"))
                .ToArray();
        }
        else
        {
            var n = count ?? 16;
            if (n < 1) throw new ArgumentException($"unit count {n}: at least 1");
            indices = Enumerable.Range(0, n).ToArray();
        }
        if (indices.Length == 0) throw new ArgumentException("no unit given");
        try
        {
            return NeuronImages.Units(model, tap, indices);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"{e.Message.Split(" (Parameter")[0]}", e);
        }
    }
}
