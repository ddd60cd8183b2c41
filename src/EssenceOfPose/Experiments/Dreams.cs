using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Display;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// DeepDream (google/deepdream, via <see cref="DeepDream.Run"/>) of a batch at several taps: the
/// originals, one dream per tap (and the seconds it took), and the figures notebook 05 shows and figure (e) writes.
/// </summary>
public sealed record DreamsResult(ImageBatch Originals, IReadOnlyList<DeepDreamResult> Dreams, IReadOnlyList<double> Seconds, DeepDreamOptions Options)
{
    /// <summary>The dream at <paramref name="tap"/>.</summary>
    public DeepDreamResult this[string tap] => Dreams.Single(d => d.Tap.ToString() == tap);

    /// <summary>Each dream as a batch of the originals' model.</summary>
    public ImageBatch Images(DeepDreamResult dream) => Originals.With(dream.Image);

    /// <summary>Rows of original | dream at each tap.</summary>
    public ImageGrid Grid(int scale = 2, IReadOnlyList<string>? names = null) => ComparisonGrid.Of(
    [
        new GridColumn("original", Originals.Pictures(), names),
        .. Dreams.Select(d => new GridColumn($"DeepDream at {d.Tap}", Images(d).Pictures())),
    ], title: $"DeepDream: {Options.Octaves} octaves × {Options.IterationsPerOctave} steps, step {Options.StepSize}", scale: scale);

    /// <summary>What each dream added (dream − original), stretched per image so its structure shows.</summary>
    public ImageGrid DetailGrid(int scale = 2)
    {
        using var scope = torch.NewDisposeScope();
        return ComparisonGrid.Of([.. Dreams.Select(d => new GridColumn($"detail added at {d.Tap}", Pictures.Stretched(d.Image - Originals.Pixels)))],
            title: "What the dream added (dream - original, stretched)", scale: scale);
    }

    /// <summary>The octave pyramid of the dream at <paramref name="tap"/> for its first image, coarse to fine: each octave's base and its dream.</summary>
    public ImageGrid PyramidGrid(string tap, int scale = 2)
    {
        var dream = this[tap];
        var order = Enumerable.Range(0, dream.Octaves.Count).Reverse().ToArray();
        var preprocess = Originals.Preprocess;
        return ComparisonGrid.Of(
        [
            .. order.Select((k, i) => new GridColumn(
                $"octave {i + 1}: {dream.Octaves[k].Height}×{dream.Octaves[k].Width}{(dream.Octaves[k].ResizedToInput ? ", seen at 101" : "")}",
                [preprocess.Invert(dream.OctaveBases[k].select(0, 0)), preprocess.Invert(dream.OctaveImages[k].select(0, 0))],
                ["base", "after the octave"])),
        ], title: $"The octave pyramid of the {tap} dream, coarse to fine", scale: scale);
    }

    /// <summary>½‖a‖² at each tap per step (octaves in sequence).</summary>
    public PlotlyChart ObjectiveChart() =>
        LossChart.Of(Dreams.Select(d => new KeyValuePair<string, double[]>($"½‖{d.Tap}‖²", d.Objective.ToArray())), "DeepDream objective per step", "step (octaves in sequence)");
}

/// <summary>DeepDream at several taps, computed once for notebooks and figures alike. Pure: no files.</summary>
public static class Dreams
{
    public static DreamsResult Run(PoseModel model, ImageBatch images, IReadOnlyList<TapName> taps, DeepDreamOptions options)
    {
        if (taps.Count == 0) throw new ArgumentException("no tap to dream at", nameof(taps));
        foreach (var t in taps) TapCheck.Require(model.Net, t);
        var dreams = new List<DeepDreamResult>();
        var seconds = new List<double>();
        foreach (var t in taps)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            dreams.Add(DeepDream.Run(model.Net, images, t, options));
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return new DreamsResult(images, dreams, seconds, options);
    }
}
