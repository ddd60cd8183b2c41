namespace EssenceOfPose.Inversion;

/// <summary>
/// Mahendran &amp; Vedaldi, "Understanding Deep Image Representations by Inverting Them" (CVPR 2015)
/// and "Visualizing Deep Convolutional Neural Networks Using Natural Pre-images" (IJCV 2016), with
/// the IJCV defaults of their released code (nnpreimage: get_defaults.m, get_preimage_opts.m):
/// minimise C·‖Φ(x) − Φ₀‖²/‖Φ₀‖² + λ_α R_α(x) + λ_V R_Vβ(x) with α = 6, β = 2, B = 80,
/// λ_α = (1/B)^α, λ_V = (6.5/B)^β; start from noise; <see cref="MomentumAdaGrad"/> with
/// η = HW · 0.05·B²/α, momentum 0.9; jitter J = max(round(stride/4), 1) (the image is J − 1 pixels
/// larger and a random window is fed); after each step the pixel colour vectors are projected to
/// norm ≤ 160. Inversion runs 300 steps, then 50 more at 0.1·η without jitter from the centre
/// crop; maximisation uses the first phase only, as their code does.
/// C (<see cref="ObjectiveWeight"/>) was swept over {1, 20, 100, 300}; 1 is their default.
/// </summary>
public sealed record MahendranVedaldi : InversionPreset
{
    public MahendranVedaldi() => Steps = 300;

    /// <summary>As published: 300 + 50 steps.</summary>
    public static MahendranVedaldi Full => new();

    /// <summary>40 + 10 steps: a quick look, seconds for a small batch on 2 CPU cores.</summary>
    public static MahendranVedaldi Quick => new() { Steps = 40, SlowSteps = 10 };

    public override string Name => "mahendran_vedaldi";

    /// <summary>Steps of the second phase (0.1·η, no jitter); inversion only.</summary>
    public int SlowSteps { get; init; } = 50;

    /// <summary>The second phase's learning-rate factor.</summary>
    public double SlowFactor { get; init; } = 0.1;

    /// <summary>C, the weight of the normalised feature match.</summary>
    public double ObjectiveWeight { get; init; } = 1;

    /// <summary>α of the α-norm.</summary>
    public double Alpha { get; init; } = 6;

    /// <summary>β of the total variation.</summary>
    public double Beta { get; init; } = 2;

    /// <summary>Isotropic TV (their choice) or anisotropic.</summary>
    public bool IsotropicTv { get; init; } = true;

    /// <summary>B, the typical pixel norm in Caffe space.</summary>
    public double TypicalNorm { get; init; } = 80;

    /// <summary>B_box: each pixel's colour vector is kept within this norm.</summary>
    public double BoxBound { get; init; } = 160;

    public double Momentum { get; init; } = 0.9;

    /// <summary>The 0.05 of the per-pixel rate 0.05·B²/α.</summary>
    public double RateFactor { get; init; } = 0.05;

    /// <summary>Jitter as a fraction of the tap's stride (¼).</summary>
    public double JitterFraction { get; init; } = 0.25;

    /// <summary>
    /// λ_α if not the published (1/B)^α: 0 leaves the α-norm out (the ablation of their IJCV
    /// Fig. 4), any other value replaces it. Null (the default) is the published weight.
    /// </summary>
    public double? AlphaWeight { get; init; }

    /// <summary>λ_V if not the published (6.5/B)^β: 0 leaves total variation out, any other value replaces it (a λ sweep). Null is the published weight.</summary>
    public double? TvWeight { get; init; }

    /// <summary>λ_α: <see cref="AlphaWeight"/> when set, else (1/B)^α.</summary>
    public double LambdaAlpha => AlphaWeight ?? Math.Pow(1 / TypicalNorm, Alpha);

    /// <summary>λ_V: <see cref="TvWeight"/> when set, else (6.5/B)^β.</summary>
    public double LambdaBeta => TvWeight ?? Math.Pow(6.5 / TypicalNorm, Beta);

    /// <summary>0.05·B²/α, the rate per pixel; the optimiser's η is this times H·W.</summary>
    public double LearningRate => RateFactor * TypicalNorm * TypicalNorm / Alpha;

    /// <summary>J = max(round(stride · ¼), 1); the image is J − 1 pixels larger than the input.</summary>
    public int JitterFor(int tapStride) => Math.Max((int)Math.Round(tapStride * JitterFraction, MidpointRounding.AwayFromZero), 1);

    public override double? DataWeight => ObjectiveWeight;

    protected override InversionPreset? Weighted(double weight) => this with { ObjectiveWeight = weight };

    protected override string WeightText => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"C = {ObjectiveWeight:G4}");

    /// <summary>The slow phase shrinks with the main one, as 50 is to 300 (at most its own length).</summary>
    public override MahendranVedaldi WithSteps(int steps) =>
        ((MahendranVedaldi)base.WithSteps(steps)) with { SlowSteps = Math.Min(SlowSteps, Math.Max(steps / 6, 1)) };

    /// <summary>
    /// Their published C = 1 with the PoseNet leak: on the shipped weights (Full schedule, two
    /// held-out images) it ends at a mean feature error of 0.105 at fc5 and 0.052 at conv4, against
    /// 0.111 and 0.086 with C = 20; on earlier weights 20 and 100 also ended higher.
    /// </summary>
    public override MahendranVedaldi ForPoseNet() => this with { ObjectiveWeight = 1, GradientLeak = PoseNetGradientLeak };

    public override RenderPlan Plan(RenderRequest request, Generator generator)
    {
        var margin = JitterFor(request.TapStride) - 1;
        var data = request.Goal == RenderGoal.Invert && ObjectiveWeight != 1 ? ObjectiveWeight * request.Data : request.Data;
        var objective = data;
        if (LambdaAlpha != 0) objective += LambdaAlpha * Regularisers.AlphaNorm(Alpha);
        if (LambdaBeta != 0) objective += LambdaBeta * Regularisers.TotalVariation(Beta, IsotropicTv);
        var rate = (double)request.ImageSize * request.ImageSize * LearningRate;
        StepRegulariser[] box = [new BoxConstraint(BoxBound)];
        var phases = new List<RenderPhase> { new(Steps, new MomentumAdaGrad(rate, Momentum), new Jitter(margin), box) };
        if (request.Goal == RenderGoal.Invert && SlowSteps > 0)
            phases.Add(new RenderPhase(SlowSteps, new MomentumAdaGrad(rate * SlowFactor, Momentum), Transform.None, box));
        var start = StartImages.UniformNoise(request.Batch, request.ImageSize + margin, TypicalNorm, generator, request.Device);
        return new RenderPlan(objective, new PixelParameterisation(), start, phases) { SnapshotSteps = SnapshotSteps, GradientLeak = GradientLeak };
    }
}
