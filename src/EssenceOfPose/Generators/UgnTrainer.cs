using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Generators;

/// <summary>Progress of a generator's training, reported after every step.</summary>
public sealed record UgnTrainingProgress(int Epoch, int Epochs, int Step, int TotalSteps, double Loss, TimeSpan Elapsed);

/// <summary>What a finished (or stopped) generator run produced; losses are mean squared errors in the network's input space.</summary>
public sealed record UgnTrainingResult(string GeneratorPath, int Steps, TimeSpan Elapsed, double ImagesPerSecond,
    double TrainLoss, double ValidationLoss, int TrainImages, int ValidationImages, bool Completed);

/// <summary>
/// Trains an <see cref="UpConvGenerator"/> on a <see cref="CodeCache"/> as the poster did: MSE to
/// the input image, Adam, batch norm. The cache's last rows are held out for a validation loss.
/// After each epoch a line (train and validation loss) goes to <c>OUT.jsonl</c>. Every
/// <c>CheckpointEvery</c> steps and after every epoch the generator, the optimiser and the
/// epoch's running loss go, atomically, to <c>OUT.train/</c>; the batch order is a pure function
/// of (seed, epoch), so a resumed run reaches the same weights as an uninterrupted one.
/// </summary>
public sealed class UgnTrainer(UgnTrainingOptions options)
{
    readonly UgnTrainingOptions o = options.Problem() is { } problem ? throw new ArgumentException(problem) : options;

    public UgnTrainingResult Run(CodeCache data, string outPath, string command, bool resume = false,
        IProgress<UgnTrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        torch.set_num_threads(o.Threads);
        var validation = Math.Max(1, (int)Math.Round(data.Count * o.ValidationFraction));
        var trainCount = data.Count - validation;
        if (trainCount < 2) throw new ArgumentException($"{data.Count} images: a generator needs at least 2 to train on besides {validation} held out; use more --images or more data");
        var batch = Math.Min(o.BatchSize, trainCount);
        // Whole batches only: batch norm is undefined on a last batch of one image.
        var stepsPerEpoch = trainCount / batch;
        var totalSteps = (int)Math.Min((long)stepsPerEpoch * o.Epochs, o.Steps ?? int.MaxValue);
        var stateDir = outPath + ".train";
        var logPath = Path.ChangeExtension(outPath, ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);

        torch.manual_seed(o.Seed);
        var device = DeviceName.Parse(o.Device);
        using var generator = new UpConvGenerator(data.CodeShape, o.Generator);
        generator.to(device);
        using var optimizer = torch.optim.Adam(generator.parameters(), o.Lr, o.Beta1, o.Beta2, weight_decay: o.WeightDecay);
        var info = new UgnInfo { Tap = data.Tap, CodeShape = data.CodeShape, PoseNetSha256 = data.ModelSha256, Options = o.Generator };
        var fingerprint = Fingerprint(data);

        var state = new State(0, 0, 0, 0, fingerprint);
        if (resume) state = LoadState(stateDir, generator, optimizer, fingerprint, device);
        TrimLog(logPath, resume ? state.Step / stepsPerEpoch : 0);

        var clock = Stopwatch.StartNew();
        TimeSpan Elapsed() => TimeSpan.FromSeconds(state.ElapsedSeconds) + clock.Elapsed;
        var (step, lossSum, counted) = (state.Step, state.LossSum, state.Counted);
        double trainLoss = double.NaN, validationLoss = double.NaN;
        var completed = true;
        generator.train();
        for (var epoch = step / stepsPerEpoch; epoch < o.Epochs && step < totalSteps && completed; epoch++)
        {
            var order = Order(trainCount, epoch);
            for (var b = step % stepsPerEpoch; b < stepsPerEpoch && step < totalSteps; b++)
            {
                var loss = Step(generator, optimizer, data.Codes, data.Images, order.AsSpan(b * batch, batch), device);
                step++;
                if (!double.IsFinite(loss))
                    throw new InvalidDataException($"training diverged: the loss is {loss} at step {step} (epoch {epoch + 1}); lower --lr");
                lossSum += loss;
                counted++;
                progress?.Report(new UgnTrainingProgress(epoch + 1, o.Epochs, step, totalSteps, loss, Elapsed()));
                var epochDone = b == stepsPerEpoch - 1;
                if (epochDone)
                {
                    trainLoss = lossSum / counted;
                    validationLoss = ValidationLoss(generator, data, trainCount, device);
                    AppendLog(logPath, epoch + 1, step, trainLoss, validationLoss, Elapsed());
                    (lossSum, counted) = (0, 0);
                }
                if (epochDone || step % o.CheckpointEvery == 0)
                    SaveState(stateDir, generator, optimizer, info, new State(step, Elapsed().TotalSeconds, lossSum, counted, fingerprint));
                if (cancel.IsCancellationRequested) { completed = false; break; }
            }
        }

        var elapsed = Elapsed();
        var perSecond = (double)(step - state.Step) * batch / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
        if (!completed) return new UgnTrainingResult(outPath, step, elapsed, perSecond, trainLoss, validationLoss, trainCount, validation, false);
        // A run cut short by Steps ends mid-epoch: its losses are those of the steps taken since the last epoch.
        if (counted > 0) (trainLoss, validationLoss) = (lossSum / counted, double.NaN);
        if (double.IsNaN(validationLoss)) validationLoss = ValidationLoss(generator, data, trainCount, device);
        generator.eval();
        var provenance = new Provenance
        {
            Command = command,
            Seed = o.Seed,
            DataManifest = string.Join(";", data.Roots),
            Metrics = new Dictionary<string, double> { ["train_loss"] = trainLoss, ["validation_loss"] = validationLoss },
            Notes = new Dictionary<string, string>
            {
                ["options"] = JsonSerializer.Serialize(o),
                ["train_images"] = trainCount.ToString(CultureInfo.InvariantCulture),
                ["validation_images"] = validation.ToString(CultureInfo.InvariantCulture),
                ["steps"] = step.ToString(CultureInfo.InvariantCulture),
                ["training_seconds"] = elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture),
                ["images_per_second"] = perSecond.ToString("F1", CultureInfo.InvariantCulture),
                ["threads"] = o.Threads.ToString(CultureInfo.InvariantCulture),
            },
        };
        UgnCheckpoint.Save(outPath, generator, info with { Provenance = provenance });
        return new UgnTrainingResult(outPath, step, elapsed, perSecond, trainLoss, validationLoss, trainCount, validation, true);
    }

    /// <summary>An epoch's order of the training rows: a pure function of (seed, epoch), the same in every process.</summary>
    int[] Order(int count, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(PoseNetTrainer.EpochSeed(o.Seed, epoch, 0x75676e)).Shuffle(order);
        return order;
    }

    /// <summary>One training step on rows <paramref name="rows"/> of the cached codes and images: what <see cref="Run"/> and the benchmark time.</summary>
    static double Step(UpConvGenerator generator, OptimizerHelper optimizer, Tensor allCodes, Tensor allImages, ReadOnlySpan<int> rows, Device device)
    {
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(rows.ToArray().Select(r => (long)r).ToArray());
        var codes = allCodes.index_select(0, index).to(device);
        var images = allImages.index_select(0, index).to(device);
        var loss = F.mse_loss(generator.call(codes), images);
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>
    /// Speed of the training step as <see cref="Run"/> takes it (rows gathered from a cache, forward,
    /// MSE, backward, Adam, the loss read back) on random codes and images, so nothing but the step
    /// is timed: median images per second over <paramref name="repeats"/> runs of
    /// <paramref name="steps"/> steps, after <paramref name="warmup"/> steps.
    /// </summary>
    public static double ImagesPerSecond(IReadOnlyList<long> codeShape, UgnTrainingOptions options, int steps, int warmup, int repeats)
    {
        if (steps < 1 || warmup < 0 || repeats < 1) throw new ArgumentOutOfRangeException(nameof(steps), "steps >= 1, warmup >= 0, repeats >= 1");
        torch.manual_seed(options.Seed);
        using var generator = new UpConvGenerator(codeShape, options.Generator);
        generator.train();
        using var optimizer = torch.optim.Adam(generator.parameters(), options.Lr, options.Beta1, options.Beta2, weight_decay: options.WeightDecay);
        using var gen = new Generator((ulong)options.Seed);
        const int rows = 256;
        using var codes = torch.rand([rows, .. codeShape], generator: gen);
        using var images = torch.rand([rows, 3, generator.OutputSide, generator.OutputSide], generator: gen) * 255 - 128;
        var rng = new Random(options.Seed);
        var device = DeviceName.Parse(options.Device);
        void Run(int n)
        {
            for (var i = 0; i < n; i++)
                Step(generator, optimizer, codes, images, Enumerable.Range(0, options.BatchSize).Select(_ => rng.Next(rows)).ToArray(), device);
        }
        Run(warmup);
        var rates = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            Run(steps);
            rates[r] = steps * options.BatchSize / clock.Elapsed.TotalSeconds;
        }
        Array.Sort(rates);
        return rates[repeats / 2];
    }

    /// <summary>Mean squared error over the held-out rows (the cache's last), in eval mode.</summary>
    static double ValidationLoss(UpConvGenerator generator, CodeCache data, int first, Device device, int chunk = 64)
    {
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        generator.eval();
        double sum = 0;
        long elements = 0;
        for (long start = first; start < data.Count; start += chunk)
        {
            var (images, codes) = data.Rows(start, Math.Min(chunk, data.Count - start));
            var target = images.to(device);
            sum += F.mse_loss(generator.call(codes.to(device)), target, nn.Reduction.Sum).item<float>();
            elements += target.numel();
        }
        generator.train();
        return sum / elements;
    }

    /// <summary>What a resumed run must share with the run it continues: everything that decides the weights.</summary>
    string Fingerprint(CodeCache data) => JsonSerializer.Serialize(new
    {
        generator = o.Generator.ToJson(), o.Epochs, o.BatchSize, o.Lr, o.Beta1, o.Beta2, o.WeightDecay, o.Seed, o.ValidationFraction,
        data.Tap, data.ModelSha256, images = data.Count, roots = data.Roots,
    }) + (o.Steps is { } steps ? $"; steps {steps}" : ""); // runs without a step cap keep the fingerprint they had

    static void AppendLog(string path, int epoch, int step, double trainLoss, double validationLoss, TimeSpan elapsed) =>
        File.AppendAllText(path, JsonSerializer.Serialize(new { epoch, step, trainLoss, validationLoss, seconds = Math.Round(elapsed.TotalSeconds, 1) }, LogJson) + Environment.NewLine);

    /// <summary>Keeps the log's first <paramref name="epochs"/> lines: those a resumed run will not write again (none for a fresh run).</summary>
    static void TrimLog(string path, int epochs)
    {
        if (!File.Exists(path)) return;
        var kept = InputFile.ReadAllText(path, "a training log", InputFile.DocumentLimit).Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(epochs);
        AtomicFile.WriteAllText(path, string.Concat(kept.Select(l => l.TrimEnd('\r') + Environment.NewLine)));
    }

    static readonly JsonSerializerOptions LogJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>A checkpoint's step, the time spent, the running loss of the epoch under way, and the options and data it belongs to.</summary>
    sealed record State(int Step, double ElapsedSeconds, double LossSum, int Counted, string Fingerprint);

    static void SaveState(string dir, UpConvGenerator generator, OptimizerHelper optimizer, UgnInfo info, State state)
    {
        Directory.CreateDirectory(dir);
        UgnCheckpoint.Save(Path.Combine(dir, $"generator-{state.Step}.safetensors"), generator, info);
        var optimizerPath = Path.Combine(dir, $"optimizer-{state.Step}.bin");
        optimizer.save_state_dict(optimizerPath + ".tmp");
        File.Move(optimizerPath + ".tmp", optimizerPath, overwrite: true);
        // state.json last: it names the step whose files are complete; a run killed before this line resumes from the previous ones.
        AtomicFile.WriteAllText(Path.Combine(dir, "state.json"), JsonSerializer.Serialize(state));
        foreach (var old in Directory.EnumerateFiles(dir, "*-*.*"))
            if (!Path.GetFileNameWithoutExtension(old).EndsWith($"-{state.Step}", StringComparison.Ordinal)) File.Delete(old);
    }

    static State LoadState(string dir, UpConvGenerator generator, OptimizerHelper optimizer, string fingerprint, Device device)
    {
        var path = Path.Combine(dir, "state.json");
        if (!File.Exists(path)) throw new ArgumentException($"--resume: no saved training state at {path}; run without --resume to start fresh");
        var state = TrainingState.Read<State>(path);
        if (state.Step < 1 || state.Counted < 0 || !(state.ElapsedSeconds >= 0 && double.IsFinite(state.ElapsedSeconds)) || !double.IsFinite(state.LossSum))
            throw new InvalidDataException($"{path}: step {state.Step}, {state.ElapsedSeconds} s: expected a step >= 1, finite seconds >= 0 and a finite running loss");
        if (state.Fingerprint != fingerprint)
            throw new ArgumentException($"--resume: {path} field 'fingerprint' belongs to another run ({state.Fingerprint}); this one is {fingerprint}. Resume with the same options and data, or run without --resume");
        var (saved, _) = UgnCheckpoint.Load(Path.Combine(dir, $"generator-{state.Step}.safetensors"));
        using (saved)
        {
            generator.load_state_dict(saved.state_dict());
        }
        generator.to(device);
        optimizer.load_state_dict(Path.Combine(dir, $"optimizer-{state.Step}.bin"));
        return state;
    }
}
