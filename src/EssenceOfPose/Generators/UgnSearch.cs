using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using EssenceOfPose.Data;
using EssenceOfPose.Figures;

namespace EssenceOfPose.Generators;

/// <summary>One trial's outcome: its configuration, budget, what it trained on, its losses (MSE in the network's input space) and wall-clock seconds.</summary>
public sealed record UgnTrialResult(UgnSchedule Schedule, int Rung, int Trial, UgnTrialConfig Config, double Budget, int Steps, long Images,
    double TrainLoss, double ValidationLoss, bool Diverged, double Seconds)
{
    /// <summary>What promotion and the report sort by: the validation loss, a diverged trial last.</summary>
    [JsonIgnore]
    public double Rank => Diverged || !double.IsFinite(ValidationLoss) ? double.PositiveInfinity : ValidationLoss;
}

/// <summary>What every trial of a search folder shares; a worker started with other values is refused, naming the field.</summary>
public sealed record UgnSearchManifest(string Tap, string ModelSha256, IReadOnlyList<string> Roots, int Images, int Seed, int Trials,
    double Budget, int Reduction, double ValidationFraction, string Space);

/// <summary>
/// A hyper-parameter search of the UGN in a folder, one JSON file per trial
/// (<c>random/trial-00042.json</c>, <c>halving/rung-1/trial-00042.json</c>), written atomically
/// when the trial ends; a trial whose file exists is not run again, so a stopped worker loses at most
/// the trial under way and any number of workers (<see cref="UgnSearchPlan.Shard"/>) share a folder.
/// A trial trains a fresh generator with <see cref="UgnTrainer"/> on the worker's
/// <see cref="CodeCache"/> and scores it on the cache's held-out rows.
/// </summary>
public sealed class UgnSearch(string dir, UgnSearchOptions options)
{
    public string Dir { get; } = Path.GetFullPath(dir);

    public UgnSearchOptions Options { get; } = options.Problem() is { } problem ? throw new ArgumentException(problem) : options;

    public string ManifestPath => Path.Combine(Dir, "search.json");

    public string ResultPath(UgnSchedule schedule, int rung, int trial) => Path.Combine(Folder(schedule, rung), $"trial-{trial:D5}.json");

    string Folder(UgnSchedule schedule, int rung) =>
        schedule == UgnSchedule.Random ? Path.Combine(Dir, "random") : Path.Combine(Dir, "halving", $"rung-{rung}");

    /// <summary>The manifest of this search for <paramref name="data"/>.</summary>
    public UgnSearchManifest Manifest(CodeCache data) => new(data.Tap, data.ModelSha256, data.Roots, data.Count, Options.Seed, Options.Trials,
        Options.Budget, Options.Reduction, Options.ValidationFraction, Options.Space.Describe());

    /// <summary>Writes the manifest, or refuses a folder whose manifest differs (another tap, data, seed or budget), naming the first field that does.</summary>
    public void Claim(UgnSearchManifest manifest)
    {
        if (File.Exists(ManifestPath))
        {
            var existing = ReadManifest(ManifestPath);
            foreach (var p in typeof(UgnSearchManifest).GetProperties())
            {
                string Text(UgnSearchManifest m) => JsonSerializer.Serialize(p.GetValue(m));
                if (Text(existing) != Text(manifest))
                    throw new ArgumentException($"{ManifestPath}: field '{JsonNamingPolicy.CamelCase.ConvertName(p.Name)}' is {Text(existing)}, this worker has {Text(manifest)}; use the search's options or another --out");
            }
            return;
        }
        FigureJson.Write(ManifestPath, manifest);
    }

    public static UgnSearchManifest ReadManifest(string path) => Read<UgnSearchManifest>(path, "a search manifest");

    /// <summary>The search already in <paramref name="dir"/>, with the options its <c>search.json</c> records (for its report and its pick).</summary>
    public static UgnSearch Open(string dir)
    {
        var manifest = Path.Combine(Path.GetFullPath(dir), "search.json");
        if (!File.Exists(manifest)) throw new FileNotFoundException($"{dir}: no search.json; run eop search ugn there first", manifest);
        var m = ReadManifest(manifest);
        var options = UgnSearchOptions.Quick with { Trials = m.Trials, Budget = m.Budget, Reduction = m.Reduction, Images = m.Images, Seed = m.Seed, ValidationFraction = m.ValidationFraction };
        return new UgnSearch(dir, options);
    }

    /// <summary>The trials <paramref name="rung"/> of <paramref name="schedule"/> runs: all for rung 0, else those promoted from the complete previous rung.</summary>
    public IReadOnlyList<int> TrialsOf(UgnSchedule schedule, int rung)
    {
        var rungs = Options.Rungs(schedule);
        if (rung < 0 || rung >= rungs.Count)
            throw new ArgumentException($"--rung {rung}: the {schedule.ToString().ToLowerInvariant()} schedule has rungs 0 to {rungs.Count - 1}");
        if (rung == 0) return [.. Enumerable.Range(0, Options.Trials)];
        var previous = Results(schedule, rung - 1);
        if (previous.Count < rungs[rung - 1].Trials)
            throw new ArgumentException($"--rung {rung}: rung {rung - 1} has {previous.Count} of its {rungs[rung - 1].Trials} results in {Folder(schedule, rung - 1)}; finish it first");
        return UgnSearchPlan.Promote(previous, rungs[rung].Trials);
    }

    /// <summary>The results written for one rung, in trial order.</summary>
    public IReadOnlyList<UgnTrialResult> Results(UgnSchedule schedule, int rung)
    {
        var folder = Folder(schedule, rung);
        if (!Directory.Exists(folder)) return [];
        return [.. Directory.EnumerateFiles(folder, "trial-*.json").Order(StringComparer.Ordinal).Select(f => Read<UgnTrialResult>(f, "a trial result"))];
    }

    /// <summary>Every result of both schedules.</summary>
    public IReadOnlyList<UgnTrialResult> AllResults() =>
        [.. Enum.GetValues<UgnSchedule>().SelectMany(s => Options.Rungs(s).SelectMany(r => Results(s, r.Index)))];

    /// <summary>
    /// Runs <paramref name="trials"/> of one rung that have no result yet, one after another; returns
    /// each trial's result and whether it was already there.
    /// </summary>
    public IEnumerable<(UgnTrialResult Result, bool Skipped)> Run(CodeCache data, UgnSchedule schedule, int rung, IEnumerable<int> trials, int threads = 1, CancellationToken cancel = default)
    {
        var budget = Options.Rungs(schedule)[rung].Budget;
        foreach (var trial in trials)
        {
            cancel.ThrowIfCancellationRequested();
            var path = ResultPath(schedule, rung, trial);
            if (File.Exists(path))
            {
                yield return (Read<UgnTrialResult>(path, "a trial result"), true);
                continue;
            }
            var result = Train(data, schedule, rung, trial, budget, threads);
            FigureJson.Write(path, result);
            yield return (result, false);
        }
    }

    /// <summary>
    /// Runs every rung of both schedules in this process, one trial after another, and reports: a
    /// notebook's or a laptop's search. A cluster runs the same trials as separate processes
    /// (<c>eop search ugn --shard</c>); the results and the report are the same.
    /// </summary>
    public UgnSearchReport RunAll(CodeCache data, int threads = 1, CancellationToken cancel = default)
    {
        Claim(Manifest(data));
        foreach (var schedule in Enum.GetValues<UgnSchedule>())
            foreach (var rung in Options.Rungs(schedule))
                foreach (var _ in Run(data, schedule, rung.Index, TrialsOf(schedule, rung.Index), threads, cancel)) { }
        return UgnSearchReport.Build(this);
    }

    UgnTrialResult Train(CodeCache data, UgnSchedule schedule, int rung, int trial, double budget, int threads)
    {
        var config = Options.Space.Sample(Options.Seed, trial);
        var steps = UgnSearchOptions.Steps(budget, config.BatchSize);
        var training = config.Training(new UgnTrainingOptions { ValidationFraction = Options.ValidationFraction, Threads = threads, CheckpointEvery = int.MaxValue }, steps);
        var trainRows = data.Count - Math.Max(1, (int)Math.Round(data.Count * Options.ValidationFraction));
        var images = (long)steps * Math.Min(config.BatchSize, trainRows);
        // The trainer writes a generator and its resumable state; a trial keeps only its numbers.
        var work = Path.Combine(Dir, "work", $"{schedule.ToString().ToLowerInvariant()}-{rung}-{trial}-{Environment.ProcessId}");
        var clock = Stopwatch.StartNew();
        try
        {
            var r = new UgnTrainer(training).Run(data, Path.Combine(work, "g.safetensors"), $"eop search ugn trial {trial}");
            return new UgnTrialResult(schedule, rung, trial, config, budget, r.Steps, images, r.TrainLoss, r.ValidationLoss, false, clock.Elapsed.TotalSeconds);
        }
        catch (InvalidDataException e) when (e.Message.StartsWith("training diverged", StringComparison.Ordinal))
        {
            return new UgnTrialResult(schedule, rung, trial, config, budget, steps, images, double.NaN, double.NaN, true, clock.Elapsed.TotalSeconds);
        }
        finally
        {
            if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }

    static T Read<T>(string path, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(InputFile.ReadAllText(path, what, InputFile.DocumentLimit), FigureJson.Options)
                ?? throw new InvalidDataException($"{path}: empty {what}");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not {what} ({e.Message}); delete it to run that trial again", e);
        }
    }
}
