using System.Globalization;
using EssenceOfPose.Data;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// Single-unit images beside the evidence for them (Yosinski et al., 2015; Zeiler &amp; Fergus's
/// top-activating images): the most active units of a tap on a set of views
/// (<see cref="UnitRanking.MostActive"/>), one image per unit maximising it
/// (<see cref="NeuronImages.Render"/>), and the views that drive each unit most.
/// </summary>
public sealed record UnitImagesResult(ImageBatch Views, NeuronImageSet Set, IReadOnlyList<NeuronUnit> Units,
    IReadOnlyList<IReadOnlyList<int>> TopViews, IReadOnlyList<double[]> Activations)
{
    /// <summary>Each unit's visualisation stretched to 0–255 (its absolute contrast means nothing), captioned with the unit and the activation it reached.</summary>
    public GridColumn Visualisations(string header = "visualisation") => UnitImages.Visualisations(Set, header);

    /// <summary>A row per unit: its visualisation, then the views that drive it most with their activations.</summary>
    public ImageGrid Grid(string? title = null, int scale = 2)
    {
        var views = Views.Pictures();
        var k = TopViews.Count == 0 ? 0 : TopViews.Min(t => t.Count);
        return ComparisonGrid.Of(
        [
            Visualisations(),
            .. Enumerable.Range(0, k).Select(j => new GridColumn($"top view {j + 1}", TopViews.Select(t => views[t[j]]).ToArray(),
                TopViews.Select((t, u) => string.Create(CultureInfo.InvariantCulture, $"activation {Activations[u][t[j]]:F1}")).ToArray())),
        ], title ?? $"The most active {string.Join(", ", Units.Select(u => u.Tap).Distinct())} units: visualisation | the views that drive each most", scale);
    }

    /// <summary>The visualisations alone, as a sheet.</summary>
    public ImageGrid Sheet(string? title = null, int scale = 2)
    {
        var v = Visualisations();
        return new ImageGrid(v.Images, v.Notes!.Select(n => n.Replace(": ", "\n", StringComparison.Ordinal)).ToArray()) { Title = title, Scale = scale };
    }
}

/// <summary>The single-unit experiment, computed once for notebooks and figures alike. Pure: no files.</summary>
public static class UnitImages
{
    /// <summary>
    /// The <paramref name="count"/> most active units of <paramref name="tap"/> on <paramref name="views"/>
    /// (rendered at <paramref name="renderAt"/>, e.g. "fc5:pre", when given), each maximised by
    /// <paramref name="preset"/>, with the <paramref name="topViews"/> views that drive it most.
    /// </summary>
    public static UnitImagesResult Run(PoseModel model, ImageBatch views, TapName tap, int count, InversionPreset preset, TapName? renderAt = null, int topViews = 3,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        var units = UnitRanking.MostActive(model.Net, views.Pixels, tap, count, renderAt);
        return Of(model, views, units, preset, topViews, progress, cancellation);
    }

    /// <summary>The same for given units.</summary>
    public static UnitImagesResult Of(PoseModel model, ImageBatch views, IReadOnlyList<NeuronUnit> units, InversionPreset preset, int topViews = 3,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        var set = NeuronImages.Render(model, units, preset, progress: progress, cancellation: cancellation);
        var top = topViews == 0 ? [] : units.Select(u => UnitRanking.TopImages(model.Net, views.Pixels, u, topViews)).ToArray();
        var activations = topViews == 0 ? [] : units.Select(u => UnitRanking.Activations(model.Net, views.Pixels, u)).ToArray();
        return new UnitImagesResult(views, set, units, top, activations);
    }

    /// <summary>The same units under each preset (Yosinski et al.'s four settings, say): a column per preset, a row per unit.</summary>
    public static ImageGrid UnderPresets(PoseModel model, IReadOnlyList<NeuronUnit> units, IReadOnlyList<InversionPreset> presets, string? title = null, int scale = 2) =>
        ComparisonGrid.Of([.. presets.Select(p => Visualisations(NeuronImages.Render(model, units, p), p.Name))], title ?? "The same units under each setting", scale);

    /// <summary>A set's images stretched to 0–255 (their absolute contrast means nothing), captioned with the unit and the activation it reached.</summary>
    internal static GridColumn Visualisations(NeuronImageSet set, string header) =>
        new(header, Pictures.Stretched(set.Images), set.Names.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n}: {set.Activations[i]:F1}")).ToArray());

    /// <summary>The mean activation of every unit of <paramref name="tap"/> over the views, sorted from the most to the least active.</summary>
    public static PlotlyChart MeanActivationChart(PoseModel model, ImageBatch views, TapName tap) =>
        LossChart.Of($"mean {tap} activation", UnitRanking.MeanActivation(model.Net, views.Pixels, tap).OrderByDescending(m => m),
            $"{tap} units by their mean activation over the views", "unit rank");
}
