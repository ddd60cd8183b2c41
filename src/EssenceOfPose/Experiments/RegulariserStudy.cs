using System.Globalization;
using EssenceOfPose.Data;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// One arm of a regulariser study: a short label for figures (Latin-1, which image captions can
/// draw: TV² is total variation with β = 2, TV¹ with β = 1), the differentiable prior added to
/// the feature match (null: none), and the step-wise regularisers applied after every update
/// (after the box constraint, which every arm keeps so that no arm can run off to infinity).
/// An arm with a <see cref="Method"/> runs that whole preset instead (Yosinski et al.'s settings
/// with their own solver), as the reference the priors are read against.
/// </summary>
public sealed record RegulariserVariant(string Label, Objective? Prior, IReadOnlyList<StepRegulariser> StepRegularisers)
{
    /// <summary>The TV weight λ_V of an arm of a λ sweep (<see cref="RegulariserStudy.TvWeightSweep"/>); null for other arms.</summary>
    public double? TvWeight { get; init; }

    /// <summary>A whole other method run in place of the study's solver (null: the study's solver with this arm's prior).</summary>
    public InversionPreset? Method { get; init; }

    public override string ToString() => Label;
}

/// <summary>An arm and its inversion of the study's images.</summary>
public sealed record RegulariserArm(RegulariserVariant Variant, InversionResult Result);

/// <summary>
/// Which image prior makes an inversion look like a photograph, with everything else held
/// fixed: Mahendran &amp; Vedaldi's solver, start, jitter, schedule and box constraint (their
/// <see cref="MahendranVedaldi"/> preset), and only the regulariser changed — their α-norm and
/// total variation (isotropic or anisotropic, β = 1 or 2; IJCV 2016, §3), and the step-wise
/// priors of Yosinski et al. (2015): Gaussian blur, L2 decay, small-norm and small-contribution
/// clipping. A second study sweeps the TV weight λ_V, where Mahendran &amp; Vedaldi show the
/// trade-off between matching the code and a natural-looking image.
/// </summary>
public static class RegulariserStudy
{
    /// <summary>
    /// The arms. The priors use Mahendran &amp; Vedaldi's weights λ_α = (1/B)^α and
    /// λ_V = (6.5/B)^β with the preset's B. The step-wise settings are Yosinski et al.'s where
    /// their plain gradient steps carry over: blur σ = 1 every 4 steps (their setting 3), 20 %
    /// small-norm clipping (setting 2), 90 % small-contribution clipping (setting 4). Their decays
    /// (0.3, 0.0001) were tuned for steps of fixed rate; under this solver's normalised steps 0.3
    /// erases the image each step and 0.0001 does nothing in a few hundred, so the decay arm uses
    /// θ = 0.01 (our choice).
    /// </summary>
    public static IReadOnlyList<RegulariserVariant> Variants(MahendranVedaldi preset)
    {
        var b = preset.TypicalNorm;
        double Tv(double beta) => Math.Pow(6.5 / b, beta);
        var alpha = preset.LambdaAlpha * Regularisers.AlphaNorm(preset.Alpha);
        return
        [
            new("no prior", null, []),
            new("TV² iso", Tv(2) * Regularisers.TotalVariation(2, isotropic: true), []),
            new("TV² aniso", Tv(2) * Regularisers.TotalVariation(2, isotropic: false), []),
            new("TV¹ iso", Tv(1) * Regularisers.TotalVariation(1, isotropic: true), []),
            new("TV¹ aniso", Tv(1) * Regularisers.TotalVariation(1, isotropic: false), []),
            new(Invariant($"alpha-norm, alpha={preset.Alpha}"), alpha, []),
            new("alpha-norm + TV (M&V)", alpha + Tv(preset.Beta) * Regularisers.TotalVariation(preset.Beta, preset.IsotropicTv), []),
            new("blur 1 px every 4", null, [new GaussianBlur(1.0, 4)]),
            new("L2 decay 0.01", null, [new L2Decay(0.01)]),
            new("norm clip 20%", null, [new SmallNormClip(20)]),
            new("contrib. clip 90%", null, [new SmallContributionClip(90)]),
        ];
    }

    /// <summary>
    /// Arms of a λ_V sweep: the preset's α-norm and total variation (its β and isotropy), the TV
    /// weight set to each of <paramref name="multiples"/> times the preset's λ_V (0 leaves TV out).
    /// </summary>
    public static IReadOnlyList<RegulariserVariant> TvWeightSweep(MahendranVedaldi preset, IEnumerable<double> multiples) =>
        multiples.Select(k =>
        {
            if (!(k >= 0) || double.IsInfinity(k)) throw new ArgumentOutOfRangeException(nameof(multiples), k, "a TV weight is finite and 0 or more");
            var w = k * preset.LambdaBeta;
            var alpha = preset.LambdaAlpha * Regularisers.AlphaNorm(preset.Alpha);
            var prior = w == 0 ? alpha : alpha + w * Regularisers.TotalVariation(preset.Beta, preset.IsotropicTv);
            return new RegulariserVariant(Invariant($"TV weight x{k:G3}"), prior, []) { TvWeight = w };
        }).ToArray();

    /// <summary>Arms that run whole other methods (each with its own solver, start and schedule), labelled by their captions.</summary>
    public static IReadOnlyList<RegulariserVariant> Methods(IEnumerable<InversionPreset> presets) =>
        presets.Select(p => new RegulariserVariant(p.Caption, null, []) { Method = p }).ToArray();

    /// <summary>
    /// Inverts the codes of <paramref name="images"/> at <paramref name="tap"/> once per arm, each
    /// with the same seed (so the same start noise and jitter), the preset's plan with its
    /// regularisers replaced by the arm's (or the arm's own method).
    /// </summary>
    public static RegulariserStudyResult Run(PoseModel model, ImageBatch images, TapName tap, MahendranVedaldi preset, IReadOnlyList<RegulariserVariant> variants,
        IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        if (variants.Count == 0) throw new ArgumentException("no arms to run", nameof(variants));
        var size = (int)images.Pixels.size(2);
        Tensor codes;
        using (torch.no_grad()) codes = model.Net.Tap(images.Pixels, tap);
        var arms = new List<RegulariserArm>();
        foreach (var v in variants)
        {
            cancellation.ThrowIfCancellationRequested();
            var result = v.Method is { } method
                ? Inverter.InvertCodes(model.Net, codes, tap, size, method, adjust: null, progress: progress, cancellation: cancellation, validRange: images.ValidRange)
                : Inverter.InvertCodes(model.Net, codes, tap, size, preset, (request, plan) => Replace(plan, request, preset, v), progress: progress,
                    cancellation: cancellation, validRange: images.ValidRange);
            arms.Add(new RegulariserArm(v, result));
        }
        return new RegulariserStudyResult(images, tap, arms);
    }

    static RenderPlan Replace(RenderPlan plan, RenderRequest request, MahendranVedaldi preset, RegulariserVariant v)
    {
        var data = preset.ObjectiveWeight == 1 ? request.Data : preset.ObjectiveWeight * request.Data;
        return plan with
        {
            Objective = v.Prior is null ? data : data + v.Prior,
            Phases = [.. plan.Phases.Select(p => p with { StepRegularisers = [.. p.StepRegularisers.OfType<BoxConstraint>(), .. v.StepRegularisers] })],
        };
    }

    static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
