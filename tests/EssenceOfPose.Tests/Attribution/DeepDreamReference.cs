using System.Runtime.InteropServices;
using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Attribution;

// THE PRE-REFACTOR IMPLEMENTATION OF DEEPDREAM, KEPT AS A TEST ORACLE. Do not edit it to follow
// the library. It is Attribution/DeepDream.cs as it was before DeepDream became a plan over the
// one render loop (Inversion/Render/Renderer.Run; issue #11 item 5): its own octave loop and its
// own make_step. DeepDreamEqualityTests checks that the library's DeepDream.Run still gives what
// this gives. Only the type's name and visibility changed.

/// <summary>The second render loop DeepDream used to be (google/deepdream's <c>deepdream</c> and <c>make_step</c>), as an oracle.</summary>
static class DeepDreamReference
{
    /// <summary>
    /// Dreams a batch [N,3,H,W] of the model's input space at <paramref name="tap"/> of one tower of
    /// <paramref name="model"/>, clipping to the batch's valid pixel range.
    /// </summary>
    internal static DeepDreamResult Run(SiameseNet model, ImageBatch images, TapName tap, DeepDreamOptions options)
    {
        options.Validate();
        var image = images.Pixels;
        if (image.dim() != 4 || image.size(1) != 3) throw new ArgumentException($"images must be [N,3,H,W]; got [{string.Join(", ", image.shape)}]");
        var sizes = OctaveSizes(image.size(2), image.size(3), options.Octaves, options.OctaveScale);
        using var generator = new Generator(options.Seed);
        using var scope = torch.NewDisposeScope();
        var (low, high) = images.ValidRange.Tensors(image.dtype, image.device);

        // The original's octaves: each base a 1/scale resize of the previous one, finest first.
        var bases = new List<Tensor> { image.detach() };
        using (torch.no_grad())
            for (var k = 1; k < sizes.Count; k++)
                bases.Add(F.interpolate(bases[^1], size: [sizes[k].H, sizes[k].W], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true));

        var octaves = new OctaveSize[sizes.Count];
        var dreamt = new Tensor[sizes.Count];
        var objective = new List<double>();
        Tensor? detail = null;
        var x = bases[0];
        for (var k = sizes.Count - 1; k >= 0; k--)
        {
            var resize = NeedsResize(model, tap, sizes[k].H, sizes[k].W);
            octaves[k] = new OctaveSize(sizes[k].H, sizes[k].W, resize);
            using var octaveScope = torch.NewDisposeScope();
            using (torch.no_grad())
            {
                var carried = detail is null
                    ? torch.zeros_like(bases[k])
                    : F.interpolate(detail, size: [sizes[k].H, sizes[k].W], mode: InterpolationMode.Bilinear, align_corners: false);
                x = bases[k] + carried;
            }
            for (var i = 0; i < options.IterationsPerOctave; i++)
            {
                var (next, value) = Step(model, x, tap, options.Clip ? (low, high) : null, options.StepSize, options.Jitter, generator, resize);
                x.Dispose();
                x = next;
                objective.Add(value);
            }
            using (torch.no_grad())
            {
                detail = octaveScope.MoveToOuter(x - bases[k]);
                dreamt[k] = octaveScope.MoveToOuter(x.clone());
            }
            octaveScope.MoveToOuter(x);
        }
        Tensor[] pyramid = [image.detach(), .. bases.Skip(1)];
        foreach (var t in pyramid.Concat(dreamt)) scope.MoveToOuter(t);
        return new DeepDreamResult(scope.MoveToOuter(x), tap, options, octaves, objective) { OctaveBases = pyramid, OctaveImages = dreamt };
    }

    /// <summary>
    /// One step of the original's <c>make_step</c> on a batch: roll by a random shift in
    /// [−<paramref name="jitter"/>, <paramref name="jitter"/>] (rows and columns), ascend ½‖a‖²
    /// at the tap by <paramref name="stepSize"/> / mean(|g|) · g, roll back, clip to
    /// <paramref name="clip"/> if given. Returns the new image (the input is left as it is) and
    /// the objective before the step.
    /// </summary>
    internal static (Tensor Image, double Objective) Step(SiameseNet model, Tensor image, TapName tap, (Tensor Low, Tensor High)? clip,
        double stepSize, int jitter, Generator generator, bool resizeToInput = false)
    {
        using var scope = torch.NewDisposeScope();
        var shift = torch.randint(-jitter, jitter + 1, [2], generator: generator).ToArray<long>();
        Tensor g;
        double objective;
        using (torch.enable_grad())
        {
            var x = image.detach().roll(shift, new long[] { 2, 3 }).requires_grad_();
            var seen = resizeToInput ? F.interpolate(x, size: [model.InputSize, model.InputSize], mode: InterpolationMode.Bilinear, align_corners: false) : x;
            var l2 = model.Tap(seen, tap).square().sum() * 0.5;
            g = torch.autograd.grad([l2], [x])[0];
            objective = l2.ToDouble();
        }
        using var off = torch.no_grad();
        // Per image mean |g|, so the images of a batch do not scale each other's steps.
        var scale = g.abs().mean([1, 2, 3], keepdim: true).clamp_min(1e-20);
        var stepped = (image.detach().roll(shift, new long[] { 2, 3 }) + g * stepSize / scale).roll(new[] { -shift[0], -shift[1] }, new long[] { 2, 3 });
        if (clip is { } c) stepped = stepped.clamp(c.Low, c.High);
        return (scope.MoveToOuter(stepped), objective);
    }

    /// <summary>
    /// Sizes of the octaves, finest (the input's) first: each is the previous times 1/scale,
    /// rounded as <c>scipy.ndimage.zoom</c> rounds (to nearest, ties to even). 101 at scale 1.4
    /// gives 101, 72, 51, 36.
    /// </summary>
    internal static IReadOnlyList<(long H, long W)> OctaveSizes(long height, long width, int octaves, double scale)
    {
        var sizes = new List<(long H, long W)> { (height, width) };
        for (var k = 1; k < octaves; k++)
        {
            var (h, w) = sizes[^1];
            var next = ((long)Math.Round(h * (1.0 / scale)), (long)Math.Round(w * (1.0 / scale)));
            if (next.Item1 < 1 || next.Item2 < 1)
                throw new ArgumentException($"{octaves} octaves at scale {scale} shrink a {height}×{width} image below one pixel");
            sizes.Add(next);
        }
        return sizes;
    }

    /// <summary>
    /// Whether the tap must see an octave of this size resized to the input size: never at the
    /// input size itself; at any other size always for a tap whose blob is not spatial, and for a
    /// spatial tap when the tower cannot take the size (found by trying).
    /// </summary>
    internal static bool NeedsResize(SiameseNet model, TapName tap, long height, long width)
    {
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var s = model.InputSize;
        if (height == s && width == s) return false;
        if (model.Tap(torch.zeros(1, 3, s, s), tap).dim() != 4) return true;
        try
        {
            model.Tap(torch.zeros(1, 3, height, width), tap);
            return false;
        }
        catch (ExternalException)
        {
            return true;
        }
    }
}
