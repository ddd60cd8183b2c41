using EssenceOfPose.Data;
using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>
/// Inversion by optimisation in one call (Mahendran &amp; Vedaldi, CVPR 2015 / IJCV 2016): find
/// images whose codes at a tap match given codes, a whole batch at once, by any preset.
/// <code>
/// var r = Inverter.Invert(net, images, "fc5", MahendranVedaldi.Quick);
/// r.PerImage[0].FeatureError; r.Options.ToJson();
/// </code>
/// Underneath: <see cref="InversionPreset.Plan"/> and <see cref="Renderer.Run"/>.
/// </summary>
public static class Inverter
{
    /// <summary>
    /// Inverts the codes of a batch of <paramref name="model"/>'s images at <paramref name="tap"/>;
    /// presets that keep pixels in the valid range take it from the batch.
    /// </summary>
    public static InversionResult Invert(PoseModel model, ImageBatch targets, TapName tap, InversionPreset preset,
        Generator? generator = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default) =>
        Invert(model.Net, targets.Pixels, tap, preset, generator, progress, cancellation, targets.ValidRange);

    /// <summary>Inverts the codes of <paramref name="targets"/> [N,3,H,W] (network space) at <paramref name="tap"/>; <paramref name="validRange"/>, when given, is the pixel range presets may clip to.</summary>
    public static InversionResult Invert(SiameseNet model, Tensor targets, TapName tap, InversionPreset preset,
        Generator? generator = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default, PixelRange? validRange = null)
    {
        if (targets.dim() != 4 || targets.size(2) != targets.size(3))
            throw new ArgumentException($"targets must be square images [N,3,S,S]; got [{string.Join(", ", targets.shape)}]");
        using var scope = torch.NewDisposeScope();
        Tensor codes;
        using (torch.no_grad()) codes = model.Tap(targets, tap);
        var result = InvertCodes(model, codes, tap, (int)targets.size(2), preset, adjust: null, generator, progress, cancellation, validRange);
        return MoveOut(scope, result);
    }

    /// <summary>Inverts given codes [N, …] of <paramref name="tap"/> into images of side <paramref name="imageSize"/>.</summary>
    public static InversionResult InvertCodes(SiameseNet model, Tensor codes, TapName tap, int imageSize, InversionPreset preset,
        Generator? generator = null, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default) =>
        InvertCodes(model, codes, tap, imageSize, preset, adjust: null, generator, progress, cancellation);

    /// <summary>
    /// As the public overload, with the preset's plan changed by <paramref name="adjust"/> before it
    /// runs (a study that swaps a preset's regularisers keeps its solver, start and schedule).
    /// </summary>
    internal static InversionResult InvertCodes(SiameseNet model, Tensor codes, TapName tap, int imageSize, InversionPreset preset,
        Func<RenderRequest, RenderPlan, RenderPlan>? adjust, Generator? generator = null, IProgress<RenderProgress>? progress = null,
        CancellationToken cancellation = default, PixelRange? validRange = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(preset);
        using var scope = torch.NewDisposeScope();
        var own = generator is null ? new Generator(preset.Seed) : null;
        try
        {
            var gen = generator ?? own!;
            var n = codes.size(0);
            var stride = TapGeometry.Stride(model, tap, imageSize);
            var device = model.parameters().First().device;
            var request = new RenderRequest(RenderGoal.Invert, preset.FeatureTerm(tap, codes), n, imageSize, stride, device) { ValidRange = validRange };
            var plan = preset.Plan(request, gen);
            if (adjust is not null) plan = adjust(request, plan);
            var startError = Error(model, Renderer.Fit(plan.Start, imageSize), tap, codes);
            var render = Renderer.Run(model, plan, gen, progress, cancellation);
            var finalError = Error(model, render.Images, tap, codes);

            var perImage = new InvertedImage[n];
            for (var i = 0; i < n; i++)
            {
                var history = new Dictionary<string, double[]>(StringComparer.Ordinal);
                for (var t = 0; t < render.TermNames.Count; t++) history[render.TermNames[t]] = render.TermHistory(t, i);
                history["total"] = Enumerable.Range(0, render.Steps).Select(s => render.History.Sum(term => term[s][i])).ToArray();
                perImage[i] = new InvertedImage(i, render.Images.select(0, i), render.Snapshots.Select(s => new Snapshot(s.Step, s.Images.select(0, i))).ToArray(),
                    history, finalError[i], startError[i], render.Elapsed);
            }
            var options = InversionOptions.For(preset, plan, tap.ToString(), stride, n, imageSize, gen);
            return MoveOut(scope, new InversionResult(render.Images, perImage, options, render));
        }
        finally
        {
            own?.Dispose();
        }
    }

    static double[] Error(SiameseNet model, Tensor images, TapName tap, Tensor codes)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        return Objectives.NormalisedError(model.Tap(images, tap), codes).to(ScalarType.Float64).ToArray<double>();
    }

    static InversionResult MoveOut(DisposeScope scope, InversionResult r)
    {
        scope.MoveToOuter(r.Images);
        foreach (var s in r.Render.Snapshots) scope.MoveToOuter(s.Images);
        foreach (var p in r.PerImage)
        {
            scope.MoveToOuter(p.Image);
            foreach (var s in p.Snapshots) scope.MoveToOuter(s.Images);
        }
        return r;
    }
}
