namespace EssenceOfPose.Generators;

/// <summary>The two schedules of the search: every trial on one budget, or successive halving.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<UgnSchedule>))]
public enum UgnSchedule
{
    // Spelt in results files as the CLI and the folders spell them.
    [System.Text.Json.Serialization.JsonStringEnumMemberName("random")] Random,
    [System.Text.Json.Serialization.JsonStringEnumMemberName("halving")] Halving,
}

/// <summary>A rung of a schedule: how many trials it runs and the budget (images) each gets.</summary>
public sealed record UgnRung(int Index, int Trials, double Budget);

/// <summary>
/// How a search spends its compute. <see cref="Trials"/> configurations (Quick: 500 at tiny
/// budgets; CI: a few dozen), each a pure function of (<see cref="Seed"/>, index) drawn from
/// <see cref="Space"/>; a budget counts training images (steps × batch), which is what a step costs.
/// <list type="bullet">
/// <item>Random search (the poster's): every trial trains on <see cref="Budget"/> images.</item>
/// <item>Successive halving (Jamieson &amp; Talwalkar, AISTATS 2016; Li et al., Hyperband, JMLR
/// 2018): rung 0 runs the same configurations on b₀ images; rung r keeps the best
/// ⌊n_{r−1}/<see cref="Reduction"/>⌋ of rung r−1 by validation loss and trains them afresh on
/// b₀·η^r images, until one rung keeps a single trial or none. b₀ is set so that
/// Σ_r n_r·b₀·η^r = Trials·Budget: both schedules spend the same number of images.</item>
/// </list>
/// </summary>
public sealed record UgnSearchOptions
{
    public int Trials { get; init; } = 500;
    /// <summary>Images each random-search trial trains on.</summary>
    public double Budget { get; init; } = 64;
    public int Reduction { get; init; } = 3;
    /// <summary>Views cached (the last <see cref="ValidationFraction"/> held out for the validation loss).</summary>
    public int Images { get; init; } = 160;
    public double ValidationFraction { get; init; } = 0.1;
    public int Seed { get; init; } = 1;
    public UgnSearchSpace Space { get; init; } = UgnSearchSpace.Default;

    /// <summary>All 500 trials on 64 images each, 8 to 64 channels wide: minutes on 2 CPU cores (two workers of one thread); see the README for what was measured.</summary>
    public static UgnSearchOptions Quick { get; } = new() { Space = UgnSearchSpace.Default with { Width = (8, 64) } };

    /// <summary>A cluster's search: more views, about 10 epochs of them per random trial, 16 to 256 channels.</summary>
    public static UgnSearchOptions Full { get; } = new() { Images = 20_000, Budget = 200_000 };

    /// <summary>The first option out of range, in words (named as the CLI spells it); null when all are valid.</summary>
    public string? Problem() =>
        Trials is < 1 or > 100_000 ? $"--trials {Trials}: expected 1 to 100000"
        : !(Budget >= 1 && Budget <= 1e12) ? $"--budget {Budget}: expected 1 to 1e12 images"
        : Reduction is < 2 or > 100 ? $"reduction {Reduction}: expected 2 to 100"
        : Images < 3 ? $"--images {Images}: at least 3 (two to train on and one held out)"
        : !(ValidationFraction > 0 && ValidationFraction < 1) ? $"validation fraction {ValidationFraction}: expected above 0 and below 1"
        : null;

    /// <summary>The rungs of <paramref name="schedule"/>: one for random search.</summary>
    public IReadOnlyList<UgnRung> Rungs(UgnSchedule schedule)
    {
        if (schedule == UgnSchedule.Random) return [new UgnRung(0, Trials, Budget)];
        var counts = new List<int>();
        for (var n = Trials; n >= 1; n /= Reduction) counts.Add(n);
        var units = counts.Select((n, r) => n * Math.Pow(Reduction, r)).Sum();
        var b0 = Trials * Budget / units;
        return [.. counts.Select((n, r) => new UgnRung(r, n, b0 * Math.Pow(Reduction, r)))];
    }

    /// <summary>Images the whole schedule trains on, as planned (each trial trains whole batches: within one batch of this).</summary>
    public double PlannedImages(UgnSchedule schedule) => Rungs(schedule).Sum(r => r.Trials * r.Budget);

    /// <summary>Steps that spend <paramref name="budget"/> images in batches of <paramref name="batch"/>: at least one.</summary>
    public static int Steps(double budget, int batch) => (int)Math.Max(1, Math.Round(budget / batch));
}

/// <summary>Which trials a rung runs and which a worker takes; pure functions of results already written.</summary>
public static class UgnSearchPlan
{
    /// <summary>
    /// The trials rung <paramref name="rung"/> keeps of the previous rung's results: the
    /// <paramref name="keep"/> of lowest validation loss (a diverged trial ranks last, ties by index), in index order.
    /// </summary>
    public static IReadOnlyList<int> Promote(IReadOnlyList<UgnTrialResult> previous, int keep) =>
        [.. previous.OrderBy(r => r.Rank).ThenBy(r => r.Trial).Take(keep).Select(r => r.Trial).Order()];

    /// <summary>The trials of <paramref name="trials"/> worker <paramref name="worker"/> of <paramref name="workers"/> runs: index ≡ worker (mod workers).</summary>
    public static IReadOnlyList<int> Shard(IReadOnlyList<int> trials, int worker, int workers)
    {
        if (workers < 1 || worker < 0 || worker >= workers) throw new ArgumentException($"--shard {worker}/{workers}: expected k/n with 0 <= k < n");
        return [.. trials.Where(t => t % workers == worker)];
    }

    /// <summary>"k/n" as (k, n); anything else is refused naming --shard.</summary>
    public static (int Worker, int Workers) ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var k)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1 || k >= n)
            throw new ArgumentException($"--shard {text}: expected k/n with 0 <= k < n (worker k of n)");
        return (k, n);
    }
}
