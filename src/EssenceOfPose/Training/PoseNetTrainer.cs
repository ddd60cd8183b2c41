using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EssenceOfPose.Data;
using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Models;

namespace EssenceOfPose.Training;

/// <summary>Progress of a training run, reported after every step.</summary>
public sealed record TrainingProgress(int Epoch, int Epochs, int Step, int TotalSteps, double Loss, double PoseLoss, double MatchLoss, double Lr, TimeSpan Elapsed);

/// <summary>What a finished (or stopped) run produced.</summary>
public sealed record TrainingResult(string CheckpointPath, int Steps, TimeSpan Elapsed, double PairsPerSecond, PoseNetEvaluation? Evaluation, bool Completed);

/// <summary>
/// Trains a siamese PoseNet with the original objective and solver (see
/// <see cref="PoseNetTrainingOptions"/>). Every <c>CheckpointEvery</c> steps it writes, atomically,
/// the model and the optimiser state beside the output (<c>OUT.train/</c>); a resumed run reloads
/// them and replays the same batch order, so it reaches the same weights as an uninterrupted run.
/// After each epoch it appends a line of metrics to <c>OUT.jsonl</c>.
/// </summary>
public sealed class PoseNetTrainer
{
    readonly PoseNetTrainingOptions o;

    public PoseNetTrainer(PoseNetTrainingOptions options) => o = options;

    public TrainingResult Run(PoseNetData data, string outPath, string command, bool resume = false,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        torch.set_num_threads(o.Threads);
        var stateDir = outPath + ".train";
        var logPath = Path.ChangeExtension(outPath, ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);

        var frozenTap = o.FreezeThrough is { } through ? TapName.Parse(through) : (TapName?)null;
        var initInfo = o.InitFrom is { } init ? Checkpoint.ReadInfo(init) : null;
        if (frozenTap is not null && initInfo is null)
            throw new ArgumentException($"--freeze-through {o.FreezeThrough}: needs --init-from; a frozen tower has to come from a trained network");
        // A frozen tower keeps the codes of the network it came from only with that network's input mean.
        var mean = frozenTap is null ? data.Cache.ChannelMean(data.TrainRows) : initInfo!.Mean.ToArray();
        var stats = frozenTap is null ? LabelStats.Compute(o.LabelKind, data.TrainPairs.Positives.Select(p => p.Label(o.LabelKind)))
            : initInfo!.LabelStats ?? throw new ArgumentException($"{o.InitFrom}: --init-from has no label statistics; a frozen tower is fine-tuned with the starting network's");
        var train = new PairTensors(data.TrainPairs.All.ToArray(), data.Cache, o.LabelKind, stats);
        var initFrom = o.InitFrom is { } from ? InitFromDescription(from) : null;
        var stepsPerEpoch = (train.Count + o.BatchSize - 1) / o.BatchSize;
        var totalSteps = stepsPerEpoch * o.Epochs;

        torch.manual_seed(o.Seed);
        var device = DeviceName.Parse(o.Device);
        using var model = Checkpoint.Create(o.Architecture, o.LabelKind);
        if (o.Init == WeightInit.He) model.HeInit();
        if (o.InitFrom is { } source) LoadInitialWeights(source, model);
        IReadOnlyList<SameCodes>? sameCodes = null;
        string? fingerprint = null;
        if (frozenTap is { } tap)
        {
            foreach (var (_, p) in model.ParametersThrough(tap)) p.requires_grad = false;
            fingerprint = CodeLineage.Fingerprint(model, mean, tap);
            sameCodes = CodeLineage.Inherit(model, initInfo!, o.InitFrom!, WeightsManifest.Hash(o.InitFrom!), tap);
        }
        model.to(device);
        using var optimizer = CreateOptimizer(model, o);
        var baseRates = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();

        var step = 0;
        var elapsedBefore = TimeSpan.Zero;
        if (resume && !File.Exists(Path.Combine(stateDir, "state.json")))
            throw new ArgumentException($"--resume: no saved training state at {Path.Combine(stateDir, "state.json")}; run without --resume to start fresh");
        if (resume)
            (step, elapsedBefore) = LoadState(stateDir, model, optimizer);
        else if (!resume && File.Exists(logPath))
            File.Delete(logPath);

        using var meanTensor = torch.tensor(mean.Select(m => (float)m).ToArray(), [1, 3, 1, 1], device: device);
        using var codes = frozenTap is { } frozen ? FrozenCodes.Build(model, frozen, data.Cache, meanTensor, o.Augment, o.Seed) : null;
        var info = new CheckpointInfo { Architecture = o.Architecture, LabelKind = o.LabelKind, Mean = mean, LabelStats = stats };
        var clock = Stopwatch.StartNew();
        var completed = true;
        model.train();
        for (var epoch = step / stepsPerEpoch; epoch < o.Epochs; epoch++)
        {
            var pairs = EpochPairs(data, train, stats, epoch);
            var order = Order(pairs.Count, epoch);
            double lossSum = 0, poseSum = 0, matchSum = 0;
            var counted = 0;
            for (var b = step % stepsPerEpoch; b < stepsPerEpoch; b++)
            {
                var lr = StepDecay(optimizer, baseRates, step);
                var batch = order.AsSpan(b * o.BatchSize, Math.Min(o.BatchSize, pairs.Count - b * o.BatchSize));
                var (loss, pose, match) = codes is null
                    ? Step(model, optimizer, pairs, data.Cache, meanTensor, stats, step, batch)
                    : Step(model, optimizer, pairs, codes, stats, step, batch, device);
                step++;
                if (!double.IsFinite(loss))
                    throw new InvalidDataException($"training diverged: the loss is {loss} at step {step} (epoch {epoch + 1}); lower --lr or check the data's labels");
                lossSum += loss; poseSum += pose; matchSum += match; counted++;
                progress?.Report(new TrainingProgress(epoch + 1, o.Epochs, step, totalSteps, loss, pose, match, lr, elapsedBefore + clock.Elapsed));
                if (step % o.CheckpointEvery == 0) SaveState(stateDir, model, optimizer, info, step, elapsedBefore + clock.Elapsed);
                if (cancel.IsCancellationRequested) { completed = false; break; }
            }
            if (!completed) break;
            model.eval();
            var eval = PoseNetEvaluator.Evaluate(model, info, data, baselines: false, codes: codes);
            model.train();
            AppendLog(logPath, epoch + 1, step, lossSum / Math.Max(1, counted), poseSum / Math.Max(1, counted), matchSum / Math.Max(1, counted), StepDecay(optimizer, baseRates, step), elapsedBefore + clock.Elapsed, eval);
        }

        var elapsed = elapsedBefore + clock.Elapsed;
        var pairsPerSecond = (double)Math.Min(step, totalSteps) * o.BatchSize / Math.Max(1e-9, elapsed.TotalSeconds);
        if (!completed)
        {
            return new TrainingResult(outPath, step, elapsed, pairsPerSecond, null, false);
        }
        model.eval();
        var final = PoseNetEvaluator.Evaluate(model, info, data, baselines: true);
        var notes = new Dictionary<string, string>
        {
            ["options"] = JsonSerializer.Serialize(o),
            ["split"] = JsonSerializer.Serialize(SplitSpec.From(o)),
            ["train_targets"] = data.TrainTargets.Count.ToString(CultureInfo.InvariantCulture),
            ["test_targets"] = data.TestTargets.Count.ToString(CultureInfo.InvariantCulture),
            ["train_pairs"] = train.Count.ToString(CultureInfo.InvariantCulture),
            ["steps"] = step.ToString(CultureInfo.InvariantCulture),
            ["training_seconds"] = elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture),
            ["pairs_per_second"] = pairsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
            ["threads"] = o.Threads.ToString(CultureInfo.InvariantCulture),
        };
        if (initFrom is not null) notes["init_from"] = initFrom;
        if (frozenTap is { } kept)
        {
            // The promise the generators rely on, checked rather than assumed.
            if (CodeLineage.Fingerprint(model, mean, kept) != fingerprint)
                throw new InvalidOperationException($"the layers through {kept} changed while frozen; the trained network would not give the codes of {o.InitFrom}");
            notes[CodeLineage.ThroughNote] = kept.ToString();
            notes[CodeLineage.FingerprintNote] = fingerprint!;
            notes[CodeLineage.SameCodesNote] = JsonSerializer.Serialize(sameCodes);
        }
        if (data.Datasets.Count > 1)
            notes["training_cities"] = JsonSerializer.Serialize(data.Datasets.Skip(1).Select(d => d.Root).ToArray());
        var provenance = new Provenance
        {
            Command = command,
            Seed = o.Seed,
            DataManifest = data.Dataset.Root,
            Metrics = final.Summary(),
            Notes = notes,
        };
        Checkpoint.Save(outPath, model, info with { Provenance = provenance });
        return new TrainingResult(outPath, step, elapsed, pairsPerSecond, final, true);
    }

    /// <summary>The batch order of an epoch: a pure function of (seed, epoch), so a resumed run, in another process, replays it.</summary>
    int[] Order(int count, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(EpochSeed(o.Seed, epoch, 0x5eed)).Shuffle(order);
        return order;
    }

    /// <summary>
    /// A seed from (seed, epoch, salt) that is the same in every process. (HashCode.Combine is
    /// randomised per process, so a run resumed in a new process would have drawn other batches.)
    /// </summary>
    public static int EpochSeed(int seed, int epoch, int salt) => unchecked((int)((uint)seed * 2654435761u ^ (uint)epoch * 40503u ^ (uint)salt));

    /// <summary>The pairs of an epoch: the sampled set for the first, then (<see cref="PoseNetTrainingOptions.ResampleNegatives"/>) the same positives with as many freshly drawn negatives.</summary>
    PairTensors EpochPairs(PoseNetData data, PairTensors first, LabelStats stats, int epoch)
    {
        if (epoch == 0 || !o.ResampleNegatives || data.TrainPairs.Negatives.Count == 0) return first;
        // Within each city, as many as it drew at first: a pair across two cities would be told
        // apart by the city's look, which teaches nothing about views of one place.
        var negatives = data.TrainCities.SelectMany((city, i) => data.NegativesPerCity[i] == 0 ? []
            : PairSampler.Negatives(city, data.NegativesPerCity[i], EpochSeed(o.Seed, epoch, 0x4e65 + 7919 * i)));
        return new PairTensors(data.TrainPairs.Positives.Concat(negatives).ToArray(), data.Cache, o.LabelKind, stats);
    }

    /// <summary>Loads the weights a fine-tuning run starts from, refusing another architecture or pose head.</summary>
    void LoadInitialWeights(string path, SiameseNet model)
    {
        var (source, info) = Checkpoint.Load(path, o.Architecture);
        using (source)
        {
            if (info.LabelKind != o.LabelKind)
                throw new ArgumentException($"{path}: --init-from has pose labels {info.LabelKind}, this run trains {o.LabelKind}");
            model.load_state_dict(source.state_dict());
        }
    }

    static string InitFromDescription(string path) =>
        $"{Path.GetFileName(path)} sha256 {WeightsManifest.Hash(path)}" + (Checkpoint.ReadInfo(path).Provenance?.Command is { Length: > 0 } c ? $" (trained by: {c})" : "");

    /// <summary>
    /// Caffe's "step" policy: every group's rate is its base rate × gamma^⌊step / stepsize⌋. A pure
    /// function of the step, so a resumed run needs no scheduler state. Returns the first group's rate.
    /// </summary>
    double StepDecay(OptimizerHelper optimizer, double[] baseRates, int step)
    {
        var factor = Math.Pow(o.Gamma, step / o.StepSize);
        var i = 0;
        foreach (var g in optimizer.ParamGroups) g.LearningRate = baseRates[i++] * factor;
        return baseRates[0] * factor;
    }

    /// <summary>The prototxts' param blocks: weights at the base rate with decay, biases at twice it without.</summary>
    internal static OptimizerHelper CreateOptimizer(SiameseNet model, PoseNetTrainingOptions o)
    {
        // Frozen layers (--freeze-through) are left out: nothing would move them, and weight decay must not.
        var named = model.named_parameters().Where(p => p.parameter.requires_grad).ToArray();
        var weights = named.Where(p => !SiameseNet.IsBias(p.name)).Select(p => p.parameter).ToArray();
        var biases = named.Where(p => SiameseNet.IsBias(p.name)).Select(p => p.parameter).ToArray();
        return o.Solver switch
        {
            PoseSolver.Sgd => torch.optim.SGD([new SGD.ParamGroup(weights, o.BaseLr, o.Momentum, 0, o.WeightDecay, false, false),
                                               new SGD.ParamGroup(biases, 2 * o.BaseLr, o.Momentum, 0, 0, false, false)], o.BaseLr, o.Momentum),
            PoseSolver.Adam => torch.optim.Adam([new Adam.ParamGroup(weights, new Adam.Options { LearningRate = o.BaseLr, weight_decay = o.WeightDecay }),
                                                 new Adam.ParamGroup(biases, new Adam.Options { LearningRate = 2 * o.BaseLr, weight_decay = 0 })], o.BaseLr),
            _ => torch.optim.AdamW([new AdamW.ParamGroup(weights, new AdamW.Options { LearningRate = o.BaseLr, weight_decay = o.WeightDecay }),
                                    new AdamW.ParamGroup(biases, new AdamW.Options { LearningRate = 2 * o.BaseLr, weight_decay = 0 })], o.BaseLr),
        };
    }

    (double Loss, double Pose, double Match) Step(SiameseNet model, OptimizerHelper optimizer, PairTensors pairs, PatchCache cache, Tensor mean, LabelStats stats, int step, ReadOnlySpan<int> batch)
    {
        using var scope = torch.NewDisposeScope();
        var (a, b, match, label) = pairs.Batch(cache, mean, batch);
        if (o.Augment) (a, b, label) = PairAugmentation.Apply(a, b, label, mean, stats, EpochSeed(o.Seed, step, 0x41756));
        return Step(model, optimizer, a, b, match, label, o);
    }

    /// <summary>
    /// A step above a frozen tower: the pairs' cached blobs (a variant per image: the pair's mirror
    /// draw, each image's jitter draw, from the same per-step seed as <see cref="PairAugmentation"/>),
    /// the rest of the tower, the heads, the same objective.
    /// </summary>
    (double Loss, double Pose, double Match) Step(SiameseNet model, OptimizerHelper optimizer, PairTensors pairs, FrozenCodes codes, LabelStats stats, int step, ReadOnlySpan<int> batch, Device device)
    {
        using var scope = torch.NewDisposeScope();
        var n = batch.Length;
        var (first, second, match, pose) = (new long[n], new long[n], new long[n], new float[n * pairs.LabelSize]);
        var (va, vb, mirror) = (new int[n], new int[n], new bool[n]);
        var rng = new Random(EpochSeed(o.Seed, step, 0x41756));
        for (var i = 0; i < n; i++)
        {
            var j = batch[i];
            (first[i], second[i], match[i]) = (pairs.First[j], pairs.Second[j], pairs.Match[j]);
            Array.Copy(pairs.Labels, j * pairs.LabelSize, pose, i * pairs.LabelSize, pairs.LabelSize);
            if (codes.Variants == 1) continue;
            mirror[i] = rng.NextDouble() < 0.5;
            va[i] = FrozenCodes.Variant(mirror[i], rng.NextDouble() < 0.5);
            vb[i] = FrozenCodes.Variant(mirror[i], rng.NextDouble() < 0.5);
        }
        var label = torch.tensor(pose, [n, pairs.LabelSize], device: device);
        if (codes.Variants > 1) label = PairAugmentation.MirrorLabels(label, torch.tensor(mirror, device: device).view(n, 1), stats);
        var a = model.EmbedFrom(codes.Gather(first, va, device), codes.Tap);
        var b = model.EmbedFrom(codes.Gather(second, vb, device), codes.Tap);
        var (predicted, logits) = model.Heads(a, b);
        return Optimise(model, optimizer, predicted, logits, torch.tensor(match, device: device), label, o);
    }

    /// <summary>One step of the original objective on a batch of pairs: the whole of a training step but the batch assembly.</summary>
    internal static (double Loss, double Pose, double Match) Step(SiameseNet model, OptimizerHelper optimizer, Tensor a, Tensor b, Tensor match, Tensor label, PoseNetTrainingOptions o)
    {
        using var scope = torch.NewDisposeScope();
        var (pose, logits) = model.forward(a, b);
        return Optimise(model, optimizer, pose, logits, match, label, o);
    }

    /// <summary>The original objective on a batch's outputs, and one optimiser step on it.</summary>
    static (double Loss, double Pose, double Match) Optimise(SiameseNet model, OptimizerHelper optimizer, Tensor pose, Tensor logits, Tensor match, Tensor label, PoseNetTrainingOptions o)
    {
        var labelSize = label.size(1);
        var matchLoss = F.cross_entropy(logits, match);
        // The original's L1LossWithIgnore: only matching rows carry a pose label.
        var mask = match.eq(1).unsqueeze(1).to(ScalarType.Float32);
        var matches = Math.Max(1.0, mask.sum().item<float>());
        var poseLoss = ((pose - label).abs() * mask).sum() / (matches * labelSize);
        var loss = poseLoss * o.PoseLossWeight + matchLoss;
        optimizer.zero_grad();
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters().Where(p => p.requires_grad), o.ClipNorm);
        optimizer.step();
        return (loss.item<float>(), poseLoss.item<float>(), matchLoss.item<float>());
    }

    static void AppendLog(string path, int epoch, int step, double loss, double pose, double match, double lr, TimeSpan elapsed, PoseNetEvaluation eval)
    {
        var line = JsonSerializer.Serialize(new
        {
            epoch,
            step,
            loss,
            poseLoss = pose,
            matchLoss = match,
            lr,
            seconds = Math.Round(elapsed.TotalSeconds, 1),
            test = eval.Summary(),
        }, LogJson);
        File.AppendAllText(path, line + Environment.NewLine);
    }

    // A metric of an empty or degenerate test split is NaN or infinite; JSON then says so instead of throwing.
    static readonly JsonSerializerOptions LogJson = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    sealed record State(int Step, double ElapsedSeconds);

    static void SaveState(string dir, SiameseNet model, OptimizerHelper optimizer, CheckpointInfo info, int step, TimeSpan elapsed)
    {
        Directory.CreateDirectory(dir);
        Checkpoint.Save(Path.Combine(dir, $"model-{step}.safetensors"), model, info);
        AtomicSave(Path.Combine(dir, $"optimizer-{step}.bin"), optimizer.save_state_dict);
        // state.json last, atomically: it names the step whose files are complete. A run killed
        // before this line resumes from the previous step's files, which are still there.
        var tmp = Path.Combine(dir, "state.json.tmp");
        File.WriteAllText(tmp, JsonSerializer.Serialize(new State(step, elapsed.TotalSeconds)));
        File.Move(tmp, Path.Combine(dir, "state.json"), overwrite: true);
        foreach (var old in Directory.EnumerateFiles(dir, "*-*.*"))
            if (!Path.GetFileNameWithoutExtension(old).EndsWith($"-{step}", StringComparison.Ordinal)) File.Delete(old);
    }

    static void AtomicSave(string path, Action<string> save)
    {
        var tmp = path + ".tmp";
        save(tmp);
        File.Move(tmp, path, overwrite: true);
    }

    static (int Step, TimeSpan Elapsed) LoadState(string dir, SiameseNet model, OptimizerHelper optimizer)
    {
        var statePath = Path.Combine(dir, "state.json");
        var state = TrainingState.Read<State>(statePath);
        if (state.Step < 1 || !(state.ElapsedSeconds >= 0 && double.IsFinite(state.ElapsedSeconds)))
            throw new InvalidDataException($"{statePath}: step {state.Step}, {state.ElapsedSeconds} s: expected a step >= 1 and finite seconds >= 0");
        var (saved, _) = Checkpoint.Load(Path.Combine(dir, $"model-{state.Step}.safetensors"), model.Architecture);
        using (saved)
        {
            model.load_state_dict(saved.state_dict());
        }
        optimizer.load_state_dict(Path.Combine(dir, $"optimizer-{state.Step}.bin"));
        return (state.Step, TimeSpan.FromSeconds(state.ElapsedSeconds));
    }
}
