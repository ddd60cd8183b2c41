using EssenceOfPose.Data;
using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>
/// Images of many units rendered in one batch, image i maximising unit i (the single-neuron
/// visualisations of Yosinski et al., 2015, and of Mahendran &amp; Vedaldi's IJCV §6). The names
/// ("fc5[17]", "conv3[5]@(10,10)") label a grid the display layer draws; the final activations
/// tell how far each unit was driven.
/// </summary>
public sealed record NeuronImageSet(Tensor Images, IReadOnlyList<string> Names, IReadOnlyList<double> Activations, InversionOptions Options, RenderResult Render);

/// <summary>Activation maximisation of many units at once; see <see cref="NeuronImageSet"/>.</summary>
public static class NeuronImages
{
    /// <summary>
    /// Renders one image per unit, all in one batch, with the preset's regularisers and schedule
    /// (its maximisation plan: Mahendran &amp; Vedaldi's without the slow phase).
    /// </summary>
    public static NeuronImageSet Render(PoseModel model, IReadOnlyList<NeuronUnit> units, InversionPreset preset,
        Generator? generator = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default) =>
        Render(model.Net, units, preset, null, generator, progress, cancellation, model.Preprocess.ValidRange);

    /// <summary>As the <see cref="PoseModel"/> overload, on a bare network; <paramref name="validRange"/>, when given, is the pixel range presets may clip to.</summary>
    public static NeuronImageSet Render(SiameseNet model, IReadOnlyList<NeuronUnit> units, InversionPreset preset, int? imageSize = null,
        Generator? generator = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default, PixelRange? validRange = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (units.Count == 0) throw new ArgumentException("no units to render", nameof(units));
        var size = imageSize ?? model.InputSize;
        using var scope = torch.NewDisposeScope();
        var own = generator is null ? new Generator(preset.Seed) : null;
        try
        {
            var gen = generator ?? own!;
            var stride = units.Select(u => u.Tap).Distinct().Min(t => TapGeometry.Stride(model, t, size));
            var device = model.parameters().First().device;
            var data = Objectives.Neurons(units);
            var plan = preset.Plan(new RenderRequest(RenderGoal.Maximise, data, units.Count, size, stride, device) { ValidRange = validRange }, gen);
            var render = Renderer.Run(model, plan, gen, progress, cancellation);
            double[] activations;
            using (torch.no_grad())
            {
                var context = new RenderContext(model, render.Images, render.Images);
                activations = (-data.Evaluate(context)).to(ScalarType.Float64).ToArray<double>();
            }
            var taps = string.Join(",", units.Select(u => u.Tap.ToString()).Distinct());
            var options = InversionOptions.For(preset, plan, taps, stride, units.Count, size, gen);
            scope.MoveToOuter(render.Images);
            foreach (var s in render.Snapshots) scope.MoveToOuter(s.Images);
            return new NeuronImageSet(render.Images, units.Select(u => u.ToString()).ToArray(), activations, options, render);
        }
        finally
        {
            own?.Dispose();
        }
    }

    /// <summary>
    /// Units of one tap by index: fully connected units as they are, convolutional channels at the
    /// centre of the blob (where the receptive field lies wholly inside the image, as Yosinski et
    /// al. advise), found from the blob's shape at the input size.
    /// </summary>
    public static IReadOnlyList<NeuronUnit> Units(SiameseNet model, TapName tap, IEnumerable<int> channels, int? imageSize = null)
    {
        var size = imageSize ?? model.InputSize;
        long[] shape;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
            shape = model.Tap(torch.zeros([1, 3, size, size], device: model.parameters().First().device), tap).shape;
        var units = channels.Select(c => shape.Length == 4 ? NeuronUnit.Conv(tap, c, (int)shape[2] / 2, (int)shape[3] / 2) : NeuronUnit.Fc(tap, c)).ToArray();
        foreach (var u in units) u.FlatIndex(shape);
        return units;
    }
}
