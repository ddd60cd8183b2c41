using System.Runtime.InteropServices;
using EssenceOfPose.Data;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Attribution;

/// <summary>
/// DeepDream (Mordvintsev, Olah and Tyka, "Inceptionism: Going Deeper into Neural Networks",
/// Google Research blog, 2015; code google/deepdream, <c>dream.ipynb</c>): gradient ascent on
/// the image to amplify whatever a layer already sees. The objective is the L2 of the tap's
/// activations, whose gradient at the tap is the activations themselves (the original's
/// <c>objective_L2</c>). Each step rolls the image by a random shift in [−J, J], adds
/// step / mean(|g|) · g, rolls back and clips to the valid pixel range (<c>make_step</c>);
/// the image is processed in octaves from coarse to fine, the detail (image − octave base)
/// found at one octave upsampled and carried to the next (<c>deepdream</c>). It is a plan over
/// the one render loop (<see cref="Renderer.Run"/>; see <see cref="Plan"/>): one phase per octave,
/// roll jitter, the normalised step and the layer-L2 objective, with no loop of its own.
/// </summary>
/// <remarks>
/// Differences from the original, and why. Octave bases are made with bilinear resizing with
/// antialiasing (the original's <c>scipy.ndimage.zoom(order=1)</c> has no prefilter; at 1/1.4
/// the difference is small and the prefilter keeps the coarse bases free of aliasing). A batch
/// is dreamt at once, each image's step normalised by its own mean |g|, all sharing one
/// jitter shift per step. A gradient that is zero everywhere (a dead tap) leaves the image as it
/// is instead of dividing by zero.
/// Taps and octave sizes: PoseNet's fc layers take exactly the 2×2 pool4 blob of a 101×101
/// patch, and conv4 needs about 44 pixels. An octave that the tap cannot see at its own size —
/// every octave not at the input size, for a tap whose blob is not spatial (fc5, fc6), and a too-small octave for a
/// spatial one — is resized (bilinear, differentiably) to the model's input size before the
/// tower; the gradient flows back through the resize, so coarse octaves still shape coarse
/// structure, as they do in the original. <see cref="OctaveSize.ResizedToInput"/> records which.
/// </remarks>
public static class DeepDream
{
    /// <summary>
    /// Dreams a batch [N,3,S,S] of the model's input space at <paramref name="tap"/> of one tower of
    /// <paramref name="model"/>, clipping to the batch's valid pixel range.
    /// </summary>
    public static DeepDreamResult Run(SiameseNet model, ImageBatch images, TapName tap, DeepDreamOptions options)
    {
        options.Validate();
        var image = images.Pixels;
        if (image.dim() != 4 || image.size(1) != 3) throw new ArgumentException($"images must be [N,3,H,W]; got [{string.Join(", ", image.shape)}]");
        if (image.size(2) != image.size(3)) throw new ArgumentException($"the render loop dreams square images; got {image.size(2)}×{image.size(3)}");
        var sizes = OctaveSizes(image.size(2), image.size(3), options.Octaves, options.OctaveScale);
        using var generator = new Generator(options.Seed);
        using var scope = torch.NewDisposeScope();

        // The original's octaves: each base a 1/scale resize of the previous one, finest first.
        var bases = new List<Tensor> { image.detach() };
        using (torch.no_grad())
            for (var k = 1; k < sizes.Count; k++)
                bases.Add(F.interpolate(bases[^1], size: [sizes[k].H, sizes[k].W], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true));
        var octaves = sizes.Select(s => new OctaveSize(s.H, s.W, NeedsResize(model, tap, s.H, s.W))).ToArray();

        RenderResult r;
        using (torch.enable_grad()) r = Renderer.Run(model, Plan(model, images.ValidRange, tap, options, bases, octaves), generator);
        // Phases run coarse to fine; the result lists octaves finest first.
        Tensor[] dreamt = [.. r.PhaseImages.Reverse()];
        Tensor[] pyramid = [image.detach(), .. bases.Skip(1)];
        foreach (var t in pyramid.Concat(dreamt)) scope.MoveToOuter(t);
        return new DeepDreamResult(scope.MoveToOuter(r.Images), tap, options, octaves, HalfSquaredNorm(r))
        {
            OctaveBases = pyramid,
            OctaveImages = dreamt,
        };
    }

    /// <summary>
    /// The dream as a plan over the one render loop (<see cref="Renderer.Run"/>): the objective
    /// <see cref="Objectives.LayerL2"/> at the tap (−½‖a‖², so minimising ascends), pixels, and one
    /// phase per octave from the coarsest (<paramref name="bases"/>, finest first, as
    /// <paramref name="octaves"/>), each at its octave's size and, after the first, starting from its
    /// base plus the detail carried from the octave before (<see cref="CarriedDetail"/>). A phase
    /// rolls the image itself for each step (<see cref="RenderPhase.CanvasShift"/>, so that each
    /// step is the original's to the last bit), resizes it to the input size where the tap cannot
    /// see the octave (<see cref="Resize"/>), takes <see cref="NormalisedStep"/>s and clips to
    /// <paramref name="range"/> when <see cref="DeepDreamOptions.Clip"/> is on (<see cref="ChannelRange"/>).
    /// </summary>
    internal static RenderPlan Plan(SiameseNet model, PixelRange? range, TapName tap, DeepDreamOptions options, IReadOnlyList<Tensor> bases,
        IReadOnlyList<OctaveSize> octaves)
    {
        var phases = new List<RenderPhase>();
        for (var k = octaves.Count - 1; k >= 0; k--)
            phases.Add(Octave(model, octaves[k], range, options) with { Entry = k == octaves.Count - 1 ? null : new CarriedDetail(bases[k], bases[k + 1]) });
        return new RenderPlan(Objectives.LayerL2(tap), new PixelParameterisation(), bases[^1], phases) { InputSize = (int)bases[0].size(2) };
    }

    /// <summary>One octave's phase: <see cref="DeepDreamOptions.IterationsPerOctave"/> steps of <c>make_step</c> at the octave's size.</summary>
    static RenderPhase Octave(SiameseNet model, OctaveSize octave, PixelRange? range, DeepDreamOptions options)
    {
        var seen = octave.ResizedToInput ? new Resize(model.InputSize) : Transform.None;
        StepRegulariser[] clip = options.Clip && range is not null ? [new ChannelRange(range)] : [];
        return new RenderPhase(options.IterationsPerOctave, new NormalisedStep(options.StepSize), seen, clip)
        {
            Size = (int)octave.Height,
            CanvasShift = new Roll(options.Jitter),
        };
    }

    /// <summary>½‖a‖² summed over the batch per step: the negated layer-L2 history.</summary>
    static double[] HalfSquaredNorm(RenderResult r) => [.. r.History[0].Select(step => -step.Sum())];

    /// <summary>
    /// One step of the original's <c>make_step</c> on a batch [N,3,S,S], as a one-step render: roll
    /// by a random shift in [−<paramref name="jitter"/>, <paramref name="jitter"/>] (rows and
    /// columns), ascend ½‖a‖² at the tap by <paramref name="stepSize"/> / mean(|g|) · g, roll back,
    /// clip to <paramref name="clip"/> if given. Returns the new image (the input is left as it is)
    /// and the objective before the step.
    /// </summary>
    public static (Tensor Image, double Objective) Step(SiameseNet model, Tensor image, TapName tap, PixelRange? clip,
        double stepSize, int jitter, Generator generator, bool resizeToInput = false)
    {
        if (image.dim() != 4 || image.size(2) != image.size(3)) throw new ArgumentException($"a step takes a square batch [N,3,S,S]; got [{string.Join(", ", image.shape)}]");
        using var scope = torch.NewDisposeScope();
        var options = new DeepDreamOptions { Octaves = 1, IterationsPerOctave = 1, StepSize = stepSize, Jitter = jitter, Clip = clip is not null };
        options.Validate();
        var phase = Octave(model, new OctaveSize(image.size(2), image.size(3), resizeToInput), clip, options);
        var plan = new RenderPlan(Objectives.LayerL2(tap), new PixelParameterisation(), image.detach(), [phase]) { InputSize = (int)image.size(2) };
        RenderResult r;
        using (torch.enable_grad()) r = Renderer.Run(model, plan, generator);
        return (scope.MoveToOuter(r.Images), HalfSquaredNorm(r)[0]);
    }

    /// <summary>
    /// Sizes of the octaves, finest (the input's) first: each is the previous times 1/scale,
    /// rounded as <c>scipy.ndimage.zoom</c> rounds (to nearest, ties to even). 101 at scale 1.4
    /// gives 101, 72, 51, 36.
    /// </summary>
    public static IReadOnlyList<(long H, long W)> OctaveSizes(long height, long width, int octaves, double scale)
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
