namespace EssenceOfPose.Generators;

/// <summary>
/// How <see cref="GanTrainer"/> trains a generator against a <see cref="Discriminator"/>:
/// L_G = λ_img·½‖G(Φ) − x‖² + λ_feat·½‖C(G(Φ)) − C(x)‖² + λ_adv·(−log D(G(Φ))), each term a mean
/// over the batch of per-image sums as Caffe's Euclidean loss takes them (DeePSiM's form), with C
/// PoseNet's own tower up to <see cref="ComparatorTap"/>; Adam for both networks, weight decay on
/// the discriminator only, and DeePSiM's balancing rule (<see cref="GanBalance"/>).
/// </summary>
public sealed record GanTrainingOptions
{
    /// <summary>The generator's architecture when it does not start from a trained UGN.</summary>
    public UgnOptions Generator { get; init; } = UgnOptions.Default;

    public DiscriminatorOptions Discriminator { get; init; } = DiscriminatorOptions.Default;

    /// <summary>Weight of the image term (DeePSiM: 2e-6, kept).</summary>
    public double LambdaImage { get; init; } = 2e-6;

    /// <summary>
    /// Weight of the feature term. DeePSiM: 0.01 on AlexNet's conv5. The suite's comparator is
    /// PoseNet itself, whose codes are small (½‖ΔΦ‖² of a few hundred per image at fc5 from a
    /// trained UGN), so it weighs them 30× more: 0.3.
    /// </summary>
    public double LambdaFeature { get; init; } = 0.3;

    /// <summary>
    /// Weight of the adversarial term. DeePSiM: 100. With DeePSiM's three values, 336 steps from
    /// the shipped fc5 UGN overshot (sharpness 1.32, held-out MSE 1865 against the UGN's 1110,
    /// stripes); with λ_feat 0.3 and λ_adv 10 the same run reached sharpness 0.89, MSE 1158 and a
    /// feature error of 0.33 against the UGN's 0.55 (3,000 views of the seed-3 city, batch 16).
    /// </summary>
    public double LambdaAdversarial { get; init; } = 10;

    /// <summary>The tap of PoseNet whose features compare the reconstruction with the original; null: the generator's own tap, so the term asks the image to keep its code.</summary>
    public string? ComparatorTap { get; init; }

    public int Epochs { get; init; } = 5;

    /// <summary>Stop after this many steps (mid-epoch if need be); null: <see cref="Epochs"/> whole epochs.</summary>
    public int? Steps { get; init; }

    /// <summary>Images a step (DeePSiM: 64).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>Adam, both networks (DeePSiM: lr 2e-4, β 0.9/0.999).</summary>
    public double Lr { get; init; } = 2e-4;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Weight decay of the discriminator's Adam (DeePSiM: 4e-4; none on the generator).</summary>
    public double DiscriminatorWeightDecay { get; init; } = 4e-4;

    /// <summary>The balancing rule's thresholds on r = (D's loss on real + on generated) / G's adversarial loss (DeePSiM: 0.1, 0.5, 10).</summary>
    public GanBalance Balance { get; init; } = GanBalance.DeePSiM;

    public int Seed { get; init; } = 1;
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Steps between resumable checkpoints (one is also written after every epoch).</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>Steps a line of the log's balancing trace averages over.</summary>
    public int TraceEvery { get; init; } = 25;

    /// <summary>Held-out images in each epoch's sample grid.</summary>
    public int SampleImages { get; init; } = 8;

    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public string Device { get; init; } = "cpu";

    /// <summary>Minutes on 2 CPU cores.</summary>
    public static GanTrainingOptions Quick { get; } = new() { Epochs = 2 };

    /// <summary>DeePSiM's scale of a run (batch 64), for a GPU.</summary>
    public static GanTrainingOptions Full { get; } = new() { Epochs = 30, BatchSize = 64 };

    /// <summary>The first option out of range, in words (named as the CLI spells it); null when all are valid.</summary>
    public string? Problem() =>
        Generator.Problem() is { } g ? g
        : Discriminator.Problem() is { } d ? d
        : Balance.Problem() is { } b ? b
        : !(LambdaImage >= 0 && double.IsFinite(LambdaImage)) ? $"--lambda-img {LambdaImage}: expected a finite number >= 0"
        : !(LambdaFeature >= 0 && double.IsFinite(LambdaFeature)) ? $"--lambda-feat {LambdaFeature}: expected a finite number >= 0"
        : !(LambdaAdversarial >= 0 && double.IsFinite(LambdaAdversarial)) ? $"--lambda-adv {LambdaAdversarial}: expected a finite number >= 0"
        : LambdaImage + LambdaFeature + LambdaAdversarial == 0 ? "--lambda-img, --lambda-feat and --lambda-adv are all 0: nothing to train the generator on"
        : Epochs < 1 ? $"--epochs {Epochs}: at least 1"
        : Steps < 1 ? $"--steps {Steps}: at least 1"
        : BatchSize < 2 ? $"--batch {BatchSize}: at least 2 (the generator's batch norm needs two images a batch)"
        : !(Lr > 0 && double.IsFinite(Lr)) ? $"--lr {Lr}: expected a finite rate above 0"
        : !(Beta1 >= 0 && Beta1 < 1) ? $"--beta1 {Beta1}: expected 0 to 1 (exclusive)"
        : !(Beta2 >= 0 && Beta2 < 1) ? $"--beta2 {Beta2}: expected 0 to 1 (exclusive)"
        : !(DiscriminatorWeightDecay >= 0 && double.IsFinite(DiscriminatorWeightDecay)) ? $"--d-weight-decay {DiscriminatorWeightDecay}: expected a finite number >= 0"
        : !(ValidationFraction > 0 && ValidationFraction < 1) ? $"validation fraction {ValidationFraction}: expected above 0 and below 1"
        : CheckpointEvery < 1 ? $"checkpoint every {CheckpointEvery} steps: at least 1"
        : TraceEvery < 1 ? $"trace every {TraceEvery} steps: at least 1"
        : SampleImages < 0 ? $"sample images {SampleImages}: 0 or more"
        : Threads < 1 ? $"--threads {Threads}: at least 1"
        : null;
}

/// <summary>
/// DeePSiM's rule that keeps the two networks in step, on r = (D's loss on real + on generated
/// images) / G's adversarial loss, measured every step: when r falls below <see cref="StopDiscriminator"/>
/// the discriminator is far ahead and stops training; it starts again once r rises above
/// <see cref="RestartDiscriminator"/>; while r is above <see cref="OnlyDiscriminator"/> the
/// generator is far ahead of it, so only the discriminator trains.
/// </summary>
public sealed record GanBalance(double StopDiscriminator, double RestartDiscriminator, double OnlyDiscriminator)
{
    /// <summary>DeePSiM's thresholds: 0.1, 0.5, 10.</summary>
    public static GanBalance DeePSiM { get; } = new(0.1, 0.5, 10);

    /// <summary>The ratio r, guarded against an adversarial loss of 0.</summary>
    public static double Ratio(double discriminatorReal, double discriminatorGenerated, double generatorAdversarial) =>
        (discriminatorReal + discriminatorGenerated) / Math.Max(generatorAdversarial, 1e-12);

    /// <summary>Which networks train at the next step, given which trained at this one and this step's r.</summary>
    public (bool Discriminator, bool Generator) Next(bool discriminator, double ratio)
    {
        if (double.IsNaN(ratio)) return (true, true);
        if (ratio > OnlyDiscriminator) return (true, false);
        var d = discriminator ? ratio >= StopDiscriminator : ratio > RestartDiscriminator;
        return (d, true);
    }

    public string? Problem() =>
        !(StopDiscriminator > 0 && StopDiscriminator <= RestartDiscriminator && RestartDiscriminator < OnlyDiscriminator && double.IsFinite(OnlyDiscriminator))
            ? $"balance thresholds {StopDiscriminator}, {RestartDiscriminator}, {OnlyDiscriminator}: expected 0 < stop <= restart < only-discriminator, finite"
            : null;
}
