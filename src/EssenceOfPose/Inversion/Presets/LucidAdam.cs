using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>
/// The Lucid recipe (Olah, Mordvintsev &amp; Schubert, "Feature Visualization", Distill 2017;
/// lucid.optvis.render_vis): Adam at 0.05 on a decorrelated-colour Fourier image, under Lucid's
/// standard transforms — jitter 8, scale 0.9…1.1, rotation ±10°, jitter 4 (its initial pad of 12
/// is the image's margin here) — for 512 steps. The Fourier image has no sigmoid, so the box
/// constraint of Mahendran &amp; Vedaldi keeps pixels in range instead. Optional TV and a cosine term
/// on the feature match. The start is N(0, 10²) noise, as for Yosinski et al.
/// </summary>
public sealed record LucidAdam : InversionPreset
{
    public LucidAdam() => Steps = 512;

    /// <summary>As Lucid's render_vis default: 512 steps.</summary>
    public static LucidAdam Full => new();

    /// <summary>64 steps.</summary>
    public static LucidAdam Quick => new() { Steps = 64 };

    public override string Name => "lucid_adam";

    public double LearningRate { get; init; } = 0.05;

    /// <summary>The image representation: Fourier by default, or <see cref="PixelParameterisation"/>.</summary>
    public ImageParameterisation Parameterisation { get; init; } = new FourierParameterisation();

    /// <summary>The random transforms of every step.</summary>
    public Transform Transforms { get; init; } = new Jitter(8).Then(new RandomScale(0.9, 1.1)).Then(new RandomRotate(10)).Then(new Jitter(4));

    /// <summary>Weight of the cosine term added to the feature match for inversion (0 = none).</summary>
    public double CosineWeight { get; init; }

    /// <summary>Weight of an isotropic β = 2 total variation (0 = none).</summary>
    public double TvWeight { get; init; }

    public double BoxBound { get; init; } = 160;

    public double StartStd { get; init; } = 10;

    public override Objective FeatureTerm(TapName tap, Tensor codes) => Objectives.FeatureMatch(tap, codes, CosineWeight);

    public override RenderPlan Plan(RenderRequest request, Generator generator)
    {
        var objective = request.Data;
        if (TvWeight > 0) objective += TvWeight * Regularisers.TotalVariation(2, isotropic: true);
        var start = StartImages.GaussianNoise(request.Batch, request.ImageSize + Transforms.Margin, StartStd, generator, request.Device);
        RenderPhase[] phases = [new(Steps, new AdamStep(LearningRate), Transforms, [new BoxConstraint(BoxBound)])];
        return new RenderPlan(objective, Parameterisation, start, phases) { SnapshotSteps = SnapshotSteps, GradientLeak = GradientLeak };
    }
}
