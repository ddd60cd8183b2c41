namespace EssenceOfPose.Generators;

/// <summary>How <see cref="UgnTrainer"/> trains a generator: MSE, Adam (lr, β₁, β₂, weight decay), a held-out fraction.</summary>
public sealed record UgnTrainingOptions
{
    public UgnOptions Generator { get; init; } = UgnOptions.Default;
    public int Epochs { get; init; } = 30;
    /// <summary>Stop after this many steps, mid-epoch if need be (a search trial's budget); null: <see cref="Epochs"/> whole epochs.</summary>
    public int? Steps { get; init; }
    public int BatchSize { get; init; } = 64;
    public double Lr { get; init; } = 1e-3;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double WeightDecay { get; init; } = 0;
    public int Seed { get; init; } = 1;
    /// <summary>The fraction of the cached images held out for the validation loss (at least one image).</summary>
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Steps between resumable checkpoints (one is also written after every epoch).</summary>
    public int CheckpointEvery { get; init; } = 200;
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);
    public string Device { get; init; } = "cpu";

    /// <summary>Minutes on 2 CPU cores: a few epochs.</summary>
    public static UgnTrainingOptions Quick { get; } = new() { Epochs = 5, BatchSize = 32 };

    /// <summary>The scale of the poster's run, for a GPU or a long CPU night.</summary>
    public static UgnTrainingOptions Full { get; } = new() { Epochs = 100, BatchSize = 64 };

    /// <summary>The first option out of range, in words (named as the CLI spells it); null when all are valid.</summary>
    public string? Problem() =>
        Generator.Problem() is { } g ? g
        : Epochs < 1 ? $"--epochs {Epochs}: at least 1"
        : Steps < 1 ? $"steps {Steps}: at least 1"
        : BatchSize < 2 ? $"--batch {BatchSize}: at least 2 (batch norm needs two images a batch)"
        : !(Lr > 0 && double.IsFinite(Lr)) ? $"--lr {Lr}: expected a finite rate above 0"
        : !(Beta1 >= 0 && Beta1 < 1) ? $"--beta1 {Beta1}: expected 0 to 1 (exclusive)"
        : !(Beta2 >= 0 && Beta2 < 1) ? $"--beta2 {Beta2}: expected 0 to 1 (exclusive)"
        : !(WeightDecay >= 0 && double.IsFinite(WeightDecay)) ? $"--weight-decay {WeightDecay}: expected a finite number >= 0"
        : !(ValidationFraction > 0 && ValidationFraction < 1) ? $"validation fraction {ValidationFraction}: expected above 0 and below 1"
        : CheckpointEvery < 1 ? $"checkpoint every {CheckpointEvery} steps: at least 1"
        : Threads < 1 ? $"--threads {Threads}: at least 1"
        : null;
}
