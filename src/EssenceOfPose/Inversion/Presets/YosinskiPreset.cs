namespace EssenceOfPose.Inversion;

/// <summary>
/// Yosinski, Clune, Nguyen, Fuchs &amp; Lipson, "Understanding Neural Networks Through Deep
/// Visualization" (ICML Deep Learning workshop, 2015): gradient steps x ← r(x + η ∂a/∂x) where r
/// applies, in the order of their code (deep-visualization-toolbox, gradient_optimizer.py), L2
/// decay, Gaussian blur every few steps, small-norm clipping and small-contribution clipping; the
/// start is N(0, 10²) noise around the mean image. Their four published settings are
/// <see cref="Yosinski1"/> … <see cref="Yosinski4"/>. Their code also clips every pixel to the valid
/// 0–255 range (<see cref="ClipToValidRange"/>), the range the render request carries from the
/// model's preprocessing (<see cref="RenderRequest.ValidRange"/>); without one nothing is clipped.
/// For inversion (which they did not do) the ascended objective is −C·‖Φ(x) − Φ₀‖²/‖Φ₀‖² with
/// C = <see cref="InversionWeight"/> = 100, our choice: it puts the loss in the range of the unit
/// activations their rates and "desired progress" of 2 were tuned for.
/// </summary>
public abstract record YosinskiPreset : InversionPreset
{
    /// <summary>θ_decay.</summary>
    public double Decay { get; init; }

    /// <summary>θ_b_width (σ of the Gaussian blur); 0 for none.</summary>
    public double BlurWidth { get; init; }

    /// <summary>θ_b_every.</summary>
    public int BlurEvery { get; init; } = 1;

    /// <summary>θ_n_pct; 0 for none.</summary>
    public double NormPercentile { get; init; }

    /// <summary>θ_c_pct; 0 for none.</summary>
    public double ContributionPercentile { get; init; }

    /// <summary>The constant rate, or max_lr of the progress policy.</summary>
    public double LearningRate { get; init; }

    /// <summary>The progress policy's desired progress; null for a constant rate.</summary>
    public double? DesiredProgress { get; init; }

    /// <summary>σ of the start noise.</summary>
    public double StartStd { get; init; } = 10;

    /// <summary>C of the inversion objective (ours; see the type's summary).</summary>
    public double InversionWeight { get; init; } = 100;

    /// <summary>Clip each pixel to the request's valid range after every step, as their code does (when the request has one).</summary>
    public bool ClipToValidRange { get; init; } = true;

    public override double? DataWeight => InversionWeight;

    protected override InversionPreset? Weighted(double weight) => this with { InversionWeight = weight };

    protected override string WeightText => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"inversion weight {InversionWeight:G4}");

    /// <summary>
    /// Yosinski et al. never inverted codes. On earlier PoseNet weights their constant-rate settings
    /// 2 and 3 reconstructed best at an inversion weight of 10 and their progress-policy settings 1
    /// and 4 at 1 (each of 0.1, 1, 10, 100, 10⁴; not measured again); with the PoseNet leak.
    /// </summary>
    public override YosinskiPreset ForPoseNet() =>
        this with { InversionWeight = DesiredProgress is null ? 10 : 1, GradientLeak = PoseNetGradientLeak };

    public override RenderPlan Plan(RenderRequest request, Generator generator)
    {
        var objective = request.Goal == RenderGoal.Invert ? InversionWeight * request.Data : request.Data;
        var step = new List<StepRegulariser>();
        if (Decay > 0) step.Add(new L2Decay(Decay));
        if (BlurWidth > 0) step.Add(new GaussianBlur(BlurWidth, BlurEvery));
        if (NormPercentile > 0) step.Add(new SmallNormClip(NormPercentile));
        if (ContributionPercentile > 0) step.Add(new SmallContributionClip(ContributionPercentile));
        if (ClipToValidRange && request.ValidRange is { } range) step.Add(new ChannelRange(range));
        var start = StartImages.GaussianNoise(request.Batch, request.ImageSize, StartStd, generator, request.Device);
        RenderPhase[] phases = [new(Steps, new GradientStep(LearningRate, DesiredProgress), Transform.None, step)];
        return new RenderPlan(objective, new PixelParameterisation(), start, phases) { SnapshotSteps = SnapshotSteps, GradientLeak = GradientLeak };
    }
}
