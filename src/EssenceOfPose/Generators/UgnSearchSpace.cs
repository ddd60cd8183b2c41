namespace EssenceOfPose.Generators;

/// <summary>
/// One trial's hyper-parameters: Adam (lr, β₁, β₂, weight decay), the batch, and the generator's
/// width, leaky slope and batch-norm momentum, with the seed of its weights and batch order.
/// </summary>
public sealed record UgnTrialConfig(double Lr, double Beta1, double Beta2, double WeightDecay, int BatchSize, int Width,
    double LeakySlope, double BatchNormMomentum, int Seed)
{
    /// <summary>
    /// The trainer's options for this trial with a budget of <paramref name="steps"/> steps: the
    /// generator narrows as <c>eop train ugn --width</c> does (later up-convolutions halve down to a quarter).
    /// </summary>
    public UgnTrainingOptions Training(UgnTrainingOptions baseline, int steps) => baseline with
    {
        Generator = baseline.Generator with { Channels = Width, MinChannels = Math.Max(1, Width / 4), LeakySlope = LeakySlope, BatchNormMomentum = BatchNormMomentum },
        Lr = Lr,
        Beta1 = Beta1,
        Beta2 = Beta2,
        WeightDecay = WeightDecay,
        BatchSize = BatchSize,
        Seed = Seed,
        Steps = steps,
        Epochs = steps, // an epoch has at least one step: the step count is what stops it
    };

    /// <summary>Each searched value on the axis it was sampled on (log₁₀, of 1−β for the betas; log₂ for batch and width), for charts.</summary>
    public IReadOnlyList<(string Name, double Value)> Axes() =>
    [
        ("log10 lr", Math.Log10(Lr)), ("log10 (1-beta1)", Math.Log10(1 - Beta1)), ("log10 (1-beta2)", Math.Log10(1 - Beta2)),
        ("log10 weight decay", Math.Log10(WeightDecay)), ("log2 batch", Math.Log2(BatchSize)), ("log2 width", Math.Log2(Width)),
        ("log10 leaky slope", Math.Log10(LeakySlope)), ("log10 bn momentum", Math.Log10(BatchNormMomentum)),
    ];
}

/// <summary>
/// The log-uniform space of the poster's random search (issue #12: "500 combinations sampled from
/// a logarithmic space"), after Bergstra &amp; Bengio, "Random Search for Hyper-Parameter
/// Optimization" (JMLR 2012). Every value is drawn uniformly in the logarithm between its bounds;
/// β₁ and β₂ through 1−β, so that 0.9, 0.99 and 0.999 are equally likely steps; the batch as
/// 2^k with k uniform. Trial i's configuration is a pure function of (seed, i): each trial has its
/// own generator, seeded by a hash of the two, so any process computes any trial alone.
/// </summary>
public sealed record UgnSearchSpace
{
    public (double Min, double Max) Lr { get; init; } = (1e-4, 3e-2);
    public (double Min, double Max) OneMinusBeta1 { get; init; } = (0.01, 0.5);
    public (double Min, double Max) OneMinusBeta2 { get; init; } = (1e-4, 0.1);
    public (double Min, double Max) WeightDecay { get; init; } = (1e-7, 1e-2);
    /// <summary>log₂ of the batch: 4 to 64 images (batch norm needs at least 2).</summary>
    public (int Min, int Max) Log2Batch { get; init; } = (2, 6);
    /// <summary>Channels of the seed and first up-convolution (the default generator has 128).</summary>
    public (double Min, double Max) Width { get; init; } = (16, 256);
    public (double Min, double Max) LeakySlope { get; init; } = (0.01, 0.3);
    public (double Min, double Max) BatchNormMomentum { get; init; } = (0.01, 0.5);

    public static UgnSearchSpace Default { get; } = new();

    /// <summary>The bounds in words, for a search's manifest: workers with other bounds are refused.</summary>
    public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"lr {Lr.Min:G3}..{Lr.Max:G3}, 1-beta1 {OneMinusBeta1.Min:G3}..{OneMinusBeta1.Max:G3}, 1-beta2 {OneMinusBeta2.Min:G3}..{OneMinusBeta2.Max:G3}, weight decay {WeightDecay.Min:G3}..{WeightDecay.Max:G3}, batch 2^{Log2Batch.Min}..2^{Log2Batch.Max}, width {Width.Min:G4}..{Width.Max:G4}, leaky slope {LeakySlope.Min:G3}..{LeakySlope.Max:G3}, bn momentum {BatchNormMomentum.Min:G3}..{BatchNormMomentum.Max:G3}");

    /// <summary>Trial <paramref name="index"/> of the search seeded <paramref name="seed"/>.</summary>
    public UgnTrialConfig Sample(int seed, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var random = new Random(TrialSeed(seed, index));
        double Log(double min, double max) => Math.Exp(Math.Log(min) + random.NextDouble() * (Math.Log(max) - Math.Log(min)));
        // One draw per value, always in this order: adding a value at the end leaves the others as they were.
        var lr = Log(Lr.Min, Lr.Max);
        var beta1 = 1 - Log(OneMinusBeta1.Min, OneMinusBeta1.Max);
        var beta2 = 1 - Log(OneMinusBeta2.Min, OneMinusBeta2.Max);
        var decay = Log(WeightDecay.Min, WeightDecay.Max);
        var batch = 1 << random.Next(Log2Batch.Min, Log2Batch.Max + 1);
        // Rounded in the logarithm's space, then clamped: a width is a whole number of channels.
        var width = (int)Math.Clamp(Math.Round(Log(Width.Min, Width.Max)), Width.Min, Width.Max);
        var slope = Log(LeakySlope.Min, LeakySlope.Max);
        var momentum = Log(BatchNormMomentum.Min, BatchNormMomentum.Max);
        return new UgnTrialConfig(lr, beta1, beta2, decay, batch, width, slope, momentum, random.Next(1, int.MaxValue));
    }

    /// <summary>SplitMix64 of (seed, index): stable across processes and runtimes, unlike HashCode.Combine.</summary>
    static int TrialSeed(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)((z ^ (z >> 31)) & int.MaxValue);
    }
}
