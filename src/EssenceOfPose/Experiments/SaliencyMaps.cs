using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Display;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// Saliency of one pair score on both images of each pair (Simonyan et al., 2014, via
/// <see cref="Saliency.ForPair"/>): the images, the maps, the score and p(match) of each pair,
/// with the four-column figure notebook 04 shows and figure (d) writes: A | saliency on A | B | saliency on B.
/// </summary>
public sealed record SaliencyMapsResult(ImageBatch First, ImageBatch Second, SaliencyTarget Target, AttributionResult Maps, IReadOnlyList<double> MatchProbability)
{
    /// <summary>The maps laid over their images (<see cref="HeatOverlay.Render"/>), as pictures, first and second.</summary>
    public (IReadOnlyList<Data.Images.RgbImage> First, IReadOnlyList<Data.Images.RgbImage> Second) Overlays() =>
        (Pictures.FromRgb(HeatOverlay.Render(First, Maps.First)), Pictures.FromRgb(HeatOverlay.Render(Second, Maps.Second)));

    /// <summary>The score in the captions' Latin-1 font (the target's own name uses U+2212).</summary>
    public string Label => Target.PoseIndex is { } k ? $"pose_fc[{k}]" : "ptch_fc[1]-ptch_fc[0]";

    /// <summary>The four columns, <paramref name="notes"/> under the saliency on A (by default p(match) of each pair).</summary>
    public IReadOnlyList<GridColumn> Columns(IReadOnlyList<string>? notes = null)
    {
        var (a, b) = Overlays();
        return
        [
            new GridColumn("A", First.Pictures()),
            new GridColumn("saliency on A", a, notes ?? MatchProbability.Select(p => FormattableString.Invariant($"p(match) = {p:F2}")).ToArray()),
            new GridColumn("B", Second.Pictures()),
            new GridColumn("saliency on B", b),
        ];
    }

    /// <summary>A row per pair: A | saliency on A | B | saliency on B.</summary>
    public ImageGrid Grid(string? title = null, IReadOnlyList<string>? notes = null, int scale = 2) =>
        ComparisonGrid.Of(Columns(notes), title ?? $"Saliency of {Label}", scale);

    /// <summary>The maps alone in the heat ramp, on A and on B.</summary>
    public ImageGrid HeatGrid(string? title = null, int scale = 2) => ComparisonGrid.Of(
    [
        new GridColumn("map on A", Pictures.FromRgb(HeatOverlay.Heat(Maps.First))),
        new GridColumn("map on B", Pictures.FromRgb(HeatOverlay.Heat(Maps.Second))),
    ], title ?? $"The {Label} maps alone", scale);
}

/// <summary>Saliency of pair scores, computed once for notebooks and figures alike. Pure: no files.</summary>
public static class SaliencyMaps
{
    public static SaliencyMapsResult Run(PoseModel model, ImageBatch first, ImageBatch second, SaliencyTarget target)
    {
        if (first.Count != second.Count) throw new ArgumentException($"{first.Count} first images but {second.Count} second images");
        double[] match;
        using (torch.no_grad())
        {
            using var scope = torch.NewDisposeScope();
            var (_, logits) = model.Net.forward(first.Pixels, second.Pixels);
            match = F.softmax(logits.to(ScalarType.Float64), 1).select(1, 1).contiguous().ToArray<double>();
        }
        return new SaliencyMapsResult(first, second, target, Saliency.ForPair(model.Net, first.Pixels, second.Pixels, target), match);
    }
}
