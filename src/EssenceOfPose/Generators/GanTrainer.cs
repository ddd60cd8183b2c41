using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Generators;

/// <summary>Progress of a GAN run, after every step: the losses and which networks trained.</summary>
public sealed record GanTrainingProgress(int Epoch, int Epochs, int Step, int TotalSteps, double DiscriminatorLoss, double AdversarialLoss,
    double ImageLoss, double FeatureLoss, bool DiscriminatorTrained, bool GeneratorTrained, TimeSpan Elapsed);

/// <summary>
/// What a finished (or stopped) GAN run produced. The held-out figures are the generator's, in eval
/// mode, on the cache's last rows: MSE per pixel (as the UGN's), the re-encoded feature error
/// ‖Φ(x̂) − Φ₀‖/‖Φ₀‖ at the generator's tap, and sharpness (mean gradient magnitude over the original's).
/// </summary>
public sealed record GanTrainingResult(string GeneratorPath, int Steps, TimeSpan Elapsed, double ImagesPerSecond,
    double ValidationMse, double ValidationFeatureError, double ValidationSharpness, double DiscriminatorTrainedFraction, double GeneratorTrainedFraction,
    int TrainImages, int ValidationImages, bool Completed);

/// <summary>
/// Adversarial training of an <see cref="UpConvGenerator"/> (the poster's GAN: the UGN's
/// architecture, often started from a trained UGN) against a <see cref="Discriminator"/>, after
/// DeePSiM (Dosovitskiy &amp; Brox, NIPS 2016): each step the discriminator learns to tell the
/// batch's images from the generator's (unless the balancing rule pauses it), then the generator
/// takes λ_img·½‖G(Φ) − x‖² + λ_feat·½‖C(G(Φ)) − C(x)‖² + λ_adv·(−log D(G(Φ))) (unless the rule
/// lets only the discriminator train), with the comparator C PoseNet's tower up to a tap. PoseNet
/// is frozen. The log <c>OUT.jsonl</c> gets a <c>trace</c> line every
/// <see cref="GanTrainingOptions.TraceEvery"/> steps (mean losses, r, how often each network
/// trained) and an <c>epoch</c> line (the same over the epoch and the held-out figures); each
/// epoch's grid of held-out originals and reconstructions goes to <c>OUT.samples/</c>. Checkpoints
/// hold both networks, both optimisers and the rule's state; batch order and dropout are pure
/// functions of (seed, epoch, step), so a resumed run reaches the same weights.
/// </summary>
public sealed class GanTrainer(GanTrainingOptions options)
{
    readonly GanTrainingOptions o = options.Problem() is { } problem ? throw new ArgumentException(problem) : options;

    /// <param name="initFrom">A UGN (safetensors of <see cref="UgnCheckpoint"/>) to start the generator from, trained on the same tap of the same PoseNet; null starts from scratch with <see cref="GanTrainingOptions.Generator"/>.</param>
    public GanTrainingResult Run(PoseModel model, CodeCache data, string outPath, string command, string? initFrom = null, bool resume = false,
        IProgress<GanTrainingProgress>? progress = null, CancellationToken cancel = default)
    {
        torch.set_num_threads(o.Threads);
        var validation = Math.Max(1, (int)Math.Round(data.Count * o.ValidationFraction));
        var trainCount = data.Count - validation;
        if (trainCount < 2) throw new ArgumentException($"{data.Count} images: a GAN needs at least 2 to train on besides {validation} held out; use more --images or more data");
        var batch = Math.Min(o.BatchSize, trainCount);
        var stepsPerEpoch = trainCount / batch;
        var totalSteps = (int)Math.Min((long)stepsPerEpoch * o.Epochs, o.Steps ?? int.MaxValue);
        var stateDir = outPath + ".train";
        var samplesDir = outPath + ".samples";
        var logPath = Path.ChangeExtension(outPath, ".jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outPath))!);
        var device = DeviceName.Parse(o.Device);
        var tap = model.Tap(data.Tap);
        var comparator = model.Tap(o.ComparatorTap ?? data.Tap);
        if (data.ModelSha256.Length > 0 && model.Source.Length > 0 && WeightsManifest.Hash(model.Source) != data.ModelSha256)
            throw new ArgumentException($"the code cache was made by another PoseNet ({data.ModelSha256[..12]}…) than {model.Source}; the comparator must be the network whose codes are inverted");

        torch.manual_seed(o.Seed);
        var (generator, initSha) = StartingGenerator(model, data, initFrom);
        using var _g = generator;
        generator.to(device);
        using var discriminator = new Discriminator(data.CodeShape, o.Discriminator);
        discriminator.to(device);
        using var gOpt = torch.optim.Adam(generator.parameters(), o.Lr, o.Beta1, o.Beta2);
        using var dOpt = torch.optim.Adam(discriminator.parameters(), o.Lr, o.Beta1, o.Beta2, weight_decay: o.DiscriminatorWeightDecay);
        var info = new UgnInfo { Tap = data.Tap, CodeShape = data.CodeShape, PoseNetSha256 = data.ModelSha256, Options = generator.Options };
        var fingerprint = Fingerprint(data, generator.Options, initSha);

        var state = State.Fresh(fingerprint);
        if (resume) state = LoadState(stateDir, generator, discriminator, gOpt, dOpt, fingerprint, device);
        TrimLog(logPath, state.Step);

        // PoseNet is the fixed comparator: eval mode, no gradients into its weights.
        model.Net.eval();
        var frozen = model.Net.parameters().Where(p => p.requires_grad).ToArray();
        foreach (var p in frozen) p.requires_grad = false;
        try
        {
            var clock = Stopwatch.StartNew();
            TimeSpan Elapsed() => TimeSpan.FromSeconds(state.ElapsedSeconds) + clock.Elapsed;
            var s = state;
            Held held = default;
            var completed = true;
            generator.train();
            discriminator.train();
            for (var epoch = s.Step / stepsPerEpoch; epoch < o.Epochs && s.Step < totalSteps && completed; epoch++)
            {
                var order = Order(trainCount, epoch);
                for (var b = s.Step % stepsPerEpoch; b < stepsPerEpoch && s.Step < totalSteps; b++)
                {
                    torch.manual_seed(PoseNetTrainer.EpochSeed(o.Seed, s.Step, 0x67616e)); // dropout draws: a function of the step
                    var l = Step(model, tap, comparator, generator, discriminator, gOpt, dOpt, data, order.AsSpan(b * batch, batch), device, s.TrainD, s.TrainG);
                    if (!l.Finite)
                        throw new InvalidDataException($"training diverged at step {s.Step + 1} (epoch {epoch + 1}): D {l.DReal}/{l.DGenerated}, G adversarial {l.Adversarial}, image {l.Image}, feature {l.Feature}; lower --lr or the λs");
                    var ratio = GanBalance.Ratio(l.DReal, l.DGenerated, l.Adversarial);
                    var (nextD, nextG) = o.Balance.Next(s.TrainD, ratio);
                    s = s with
                    {
                        Step = s.Step + 1, TrainD = nextD, TrainG = nextG,
                        Epoch = s.Epoch.Add(l, ratio, s.TrainD, s.TrainG), Trace = s.Trace.Add(l, ratio, s.TrainD, s.TrainG),
                    };
                    progress?.Report(new GanTrainingProgress(epoch + 1, o.Epochs, s.Step, totalSteps, l.DReal + l.DGenerated, l.Adversarial, l.Image, l.Feature, l.TrainedD, l.TrainedG, Elapsed()));
                    if (s.Trace.Count >= o.TraceEvery)
                    {
                        AppendLog(logPath, s.Trace.Line("trace", epoch + 1, s.Step, Elapsed(), null));
                        s = s with { Trace = Sums.Zero };
                    }
                    var epochDone = b == stepsPerEpoch - 1;
                    if (epochDone)
                    {
                        held = HeldOut(model, tap, generator, discriminator, data, trainCount, device, Path.Combine(samplesDir, $"epoch-{epoch + 1:D3}.png"));
                        AppendLog(logPath, s.Epoch.Line("epoch", epoch + 1, s.Step, Elapsed(), held));
                        s = s with { Done = s.Done.Plus(s.Epoch), Epoch = Sums.Zero };
                    }
                    if (epochDone || s.Step % o.CheckpointEvery == 0)
                        SaveState(stateDir, generator, discriminator, gOpt, dOpt, info, s with { ElapsedSeconds = Elapsed().TotalSeconds });
                    if (cancel.IsCancellationRequested) { completed = false; break; }
                }
            }

            var elapsed = Elapsed();
            var perSecond = (double)(s.Step - state.Step) * batch / Math.Max(1e-9, clock.Elapsed.TotalSeconds);
            var all = s.Total;
            if (!completed)
                return new GanTrainingResult(outPath, s.Step, elapsed, perSecond, held.Mse, held.FeatureError, held.Sharpness, all.DFraction, all.GFraction, trainCount, validation, false);
            if (s.Epoch.Count > 0 || held.Count == 0)
                held = HeldOut(model, tap, generator, discriminator, data, trainCount, device, Path.Combine(samplesDir, $"step-{s.Step}.png"));
            generator.eval();
            var provenance = new Provenance
            {
                Command = command,
                Seed = o.Seed,
                DataManifest = string.Join(";", data.Roots),
                Metrics = new Dictionary<string, double>
                {
                    ["validation_mse"] = held.Mse, ["validation_feature_error"] = held.FeatureError, ["validation_sharpness"] = held.Sharpness,
                    ["discriminator_trained_fraction"] = all.DFraction, ["generator_trained_fraction"] = all.GFraction,
                },
                Notes = new Dictionary<string, string>
                {
                    ["objective"] = "gan",
                    ["options"] = JsonSerializer.Serialize(o),
                    ["init_from_sha256"] = initSha,
                    ["comparator_tap"] = comparator.ToString(),
                    ["train_images"] = trainCount.ToString(CultureInfo.InvariantCulture),
                    ["validation_images"] = validation.ToString(CultureInfo.InvariantCulture),
                    ["steps"] = s.Step.ToString(CultureInfo.InvariantCulture),
                    ["training_seconds"] = elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture),
                    ["images_per_second"] = perSecond.ToString("F1", CultureInfo.InvariantCulture),
                    ["threads"] = o.Threads.ToString(CultureInfo.InvariantCulture),
                },
            };
            UgnCheckpoint.Save(outPath, generator, info with { Provenance = provenance });
            return new GanTrainingResult(outPath, s.Step, elapsed, perSecond, held.Mse, held.FeatureError, held.Sharpness, all.DFraction, all.GFraction, trainCount, validation, true);
        }
        finally
        {
            foreach (var p in frozen) p.requires_grad = true;
        }
    }

    (UpConvGenerator Generator, string Sha256) StartingGenerator(PoseModel model, CodeCache data, string? initFrom)
    {
        if (initFrom is null) return (new UpConvGenerator(data.CodeShape, o.Generator), "");
        var (g, info) = UgnCheckpoint.Load(initFrom, data.Tap);
        if (data.ModelSha256.Length > 0 && info.PoseNetSha256.Length > 0 && info.PoseNetSha256 != data.ModelSha256
            && !CodeLineage.SharesCodes(model, info.PoseNetSha256, model.Tap(data.Tap)))
        {
            g.Dispose();
            throw new ArgumentException($"--init-from {initFrom}: field 'posenet_sha256' is {info.PoseNetSha256[..12]}…, but the codes come from a PoseNet with {data.ModelSha256[..12]}…; start from a generator trained on this network's codes");
        }
        if (!g.CodeShape.SequenceEqual(data.CodeShape))
        {
            g.Dispose();
            throw new ArgumentException($"--init-from {initFrom}: field 'code_shape' is [{string.Join(", ", g.CodeShape)}], the codes are [{string.Join(", ", data.CodeShape)}]");
        }
        return (g, WeightsManifest.Hash(initFrom));
    }

    /// <summary>One step's losses (before its updates) and which networks it trained.</summary>
    internal readonly record struct StepLosses(double DReal, double DGenerated, double Adversarial, double Image, double Feature, bool TrainedD, bool TrainedG)
    {
        public bool Finite => double.IsFinite(DReal) && double.IsFinite(DGenerated) && double.IsFinite(Adversarial) && double.IsFinite(Image) && double.IsFinite(Feature);
    }

    /// <summary>
    /// One step on rows <paramref name="rows"/>: the discriminator on the real images and the
    /// generator's (detached), then the generator's three terms through the updated
    /// discriminator and the frozen comparator. A network the rule pauses is run forward only.
    /// </summary>
    StepLosses Step(PoseModel model, TapName tap, TapName comparator, UpConvGenerator g, Discriminator d, OptimizerHelper gOpt, OptimizerHelper dOpt,
        CodeCache data, ReadOnlySpan<int> rows, Device device, bool trainD, bool trainG)
    {
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(rows.ToArray().Select(r => (long)r).ToArray());
        var codes = data.Codes.index_select(0, index).to(device);
        var images = data.Images.index_select(0, index).to(device);
        var n = images.size(0);

        Tensor fake;
        using (trainG ? null : torch.no_grad()) fake = g.call(codes);

        double dReal, dFake;
        using (trainD ? null : torch.no_grad())
        {
            var lossReal = Discriminator.Loss(d.call(images, codes), Discriminator.Real);
            var lossFake = Discriminator.Loss(d.call(fake.detach(), codes), 1 - Discriminator.Real);
            if (trainD)
            {
                dOpt.zero_grad();
                (lossReal + lossFake).backward();
                dOpt.step();
            }
            (dReal, dFake) = (lossReal.item<float>(), lossFake.item<float>());
        }

        foreach (var p in d.parameters()) p.requires_grad = false;
        try
        {
            using var off = trainG ? null : torch.no_grad();
            var adversarial = Discriminator.Loss(d.call(fake, codes), Discriminator.Real);
            var image = (fake - images).square().sum() / (2.0 * n);
            var target = comparator.ToString() == data.Tap ? codes : Encode(model, comparator, images);
            var feature = (model.Net.Tap(fake, comparator) - target).square().sum() / (2.0 * n);
            if (trainG)
            {
                var total = o.LambdaImage * image + o.LambdaFeature * feature + o.LambdaAdversarial * adversarial;
                gOpt.zero_grad();
                total.backward();
                gOpt.step();
            }
            return new StepLosses(dReal, dFake, adversarial.item<float>(), image.item<float>(), feature.item<float>(), trainD, trainG);
        }
        finally
        {
            foreach (var p in d.parameters()) p.requires_grad = true;
        }
    }

    static Tensor Encode(PoseModel model, TapName tap, Tensor images)
    {
        using var off = torch.no_grad();
        return model.Net.Tap(images, tap);
    }

    /// <summary>The generator's held-out figures (eval mode) and D's mean belief on real and generated held-out images; writes the sample grid.</summary>
    Held HeldOut(PoseModel model, TapName tap, UpConvGenerator g, Discriminator d, CodeCache data, int first, Device device, string gridPath, int chunk = 64)
    {
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        g.eval();
        d.eval();
        double sse = 0, err = 0, sharp = 0, pReal = 0, pFake = 0;
        long elements = 0;
        var count = data.Count - first;
        Tensor? samples = null, originals = null;
        for (long start = first; start < data.Count; start += chunk)
        {
            var (images, codes) = data.Rows(start, Math.Min(chunk, data.Count - start));
            var x = images.to(device);
            var c = codes.to(device);
            var y = g.call(c);
            sse += (y - x).square().sum(ScalarType.Float64).item<double>();
            elements += x.numel();
            err += Objectives.NormalisedError(model.Net.Tap(y, tap), c).sum(ScalarType.Float64).item<double>();
            sharp += ImageQuality.Sharpness(x, y).Sum();
            pReal += Discriminator.RealProbability(d.call(x, c)).sum().item<float>();
            pFake += Discriminator.RealProbability(d.call(y, c)).sum().item<float>();
            if (samples is null) (samples, originals) = (y.narrow(0, 0, Math.Min(o.SampleImages, y.size(0))), x.narrow(0, 0, Math.Min(o.SampleImages, x.size(0))));
        }
        if (o.SampleImages > 0 && samples is not null && originals is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(gridPath)!);
            var pre = model.Preprocess;
            ComparisonGrid.Of([new GridColumn("original", pre.Pictures(originals.cpu())), new GridColumn("GAN", pre.Pictures(samples.cpu()))],
                title: $"held-out images and their reconstructions from {data.Tap}").Save(gridPath);
        }
        g.train();
        d.train();
        return new Held(count, sse / elements, err / count, sharp / count, pReal / count, pFake / count);
    }

    /// <summary>Held-out figures of the generator (and the discriminator's mean D(x) on real and generated images).</summary>
    internal readonly record struct Held(int Count, double Mse, double FeatureError, double Sharpness, double RealProbability, double GeneratedProbability);

    /// <summary>Running sums of the step losses over a window (trace) or an epoch.</summary>
    internal sealed record Sums(int Count, double DReal, double DGenerated, double Adversarial, double Image, double Feature, double Ratio, int TrainedD, int TrainedG)
    {
        public static Sums Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

        public Sums Add(StepLosses l, double ratio, bool d, bool g) => new(Count + 1, DReal + l.DReal, DGenerated + l.DGenerated, Adversarial + l.Adversarial,
            Image + l.Image, Feature + l.Feature, Ratio + Math.Min(ratio, 1e6), TrainedD + (d ? 1 : 0), TrainedG + (g ? 1 : 0));

        public Sums Plus(Sums other) => new(Count + other.Count, DReal + other.DReal, DGenerated + other.DGenerated, Adversarial + other.Adversarial,
            Image + other.Image, Feature + other.Feature, Ratio + other.Ratio, TrainedD + other.TrainedD, TrainedG + other.TrainedG);

        [System.Text.Json.Serialization.JsonIgnore]
        public double DFraction => Count == 0 ? double.NaN : (double)TrainedD / Count;

        [System.Text.Json.Serialization.JsonIgnore]
        public double GFraction => Count == 0 ? double.NaN : (double)TrainedG / Count;

        public GanLogLine Line(string kind, int epoch, int step, TimeSpan elapsed, Held? held)
        {
            double M(double v) => Count == 0 ? double.NaN : v / Count;
            return new GanLogLine(kind, epoch, step, M(DReal), M(DGenerated), M(Adversarial), M(Image), M(Feature), M(Ratio), DFraction, GFraction,
                held?.Mse, held?.FeatureError, held?.Sharpness, held?.RealProbability, held?.GeneratedProbability, Math.Round(elapsed.TotalSeconds, 1));
        }
    }

    /// <summary>
    /// A checkpoint: the step, the time spent, which networks train next, the sums of the epoch
    /// and trace window under way and of the whole run, and the options and data it belongs to.
    /// </summary>
    internal sealed record State(int Step, double ElapsedSeconds, bool TrainD, bool TrainG, Sums Epoch, Sums Trace, Sums Done, string Fingerprint)
    {
        public static State Fresh(string fingerprint) => new(0, 0, true, true, Sums.Zero, Sums.Zero, Sums.Zero, fingerprint);

        /// <summary>Every step of the run so far (the finished epochs and the one under way).</summary>
        [System.Text.Json.Serialization.JsonIgnore]
        public Sums Total => Done.Plus(Epoch);
    }

    int[] Order(int count, int epoch)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(PoseNetTrainer.EpochSeed(o.Seed, epoch, 0x67616e)).Shuffle(order);
        return order;
    }

    string Fingerprint(CodeCache data, UgnOptions generator, string initSha) => JsonSerializer.Serialize(new
    {
        generator = generator.ToJson(), discriminator = o.Discriminator.ToJson(), o.LambdaImage, o.LambdaFeature, o.LambdaAdversarial, o.ComparatorTap,
        o.Epochs, o.Steps, o.BatchSize, o.Lr, o.Beta1, o.Beta2, o.DiscriminatorWeightDecay, o.Balance, o.Seed, o.ValidationFraction,
        initSha, data.Tap, data.ModelSha256, images = data.Count, roots = data.Roots,
    });

    static readonly JsonSerializerOptions LogJson = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    static void AppendLog(string path, GanLogLine line) =>
        File.AppendAllText(path, JsonSerializer.Serialize(line, LogJson) + Environment.NewLine);

    /// <summary>Keeps the log's lines up to <paramref name="step"/>: those a resumed run will not write again (none for a fresh run).</summary>
    static void TrimLog(string path, int step)
    {
        if (!File.Exists(path)) return;
        var kept = step == 0 ? [] : GanTrainingLog.Read(path).Where(l => l.Step <= step).ToArray();
        AtomicFile.WriteAllText(path, string.Concat(kept.Select(l => JsonSerializer.Serialize(l, LogJson) + Environment.NewLine)));
    }

    static void SaveState(string dir, UpConvGenerator g, Discriminator d, OptimizerHelper gOpt, OptimizerHelper dOpt, UgnInfo info, State state)
    {
        Directory.CreateDirectory(dir);
        UgnCheckpoint.Save(Path.Combine(dir, $"generator-{state.Step}.safetensors"), g, info);
        void Native(string name, Action<string> save)
        {
            var path = Path.Combine(dir, $"{name}-{state.Step}.bin");
            save(path + ".tmp");
            File.Move(path + ".tmp", path, overwrite: true);
        }
        Native("discriminator", p => d.save(p));
        Native("goptimizer", p => gOpt.save_state_dict(p));
        Native("doptimizer", p => dOpt.save_state_dict(p));
        // state.json last: it names the step whose files are complete.
        AtomicFile.WriteAllText(Path.Combine(dir, "state.json"), JsonSerializer.Serialize(state));
        foreach (var old in Directory.EnumerateFiles(dir, "*-*.*"))
            if (!Path.GetFileNameWithoutExtension(old).EndsWith($"-{state.Step}", StringComparison.Ordinal)) File.Delete(old);
    }

    static State LoadState(string dir, UpConvGenerator g, Discriminator d, OptimizerHelper gOpt, OptimizerHelper dOpt, string fingerprint, Device device)
    {
        var path = Path.Combine(dir, "state.json");
        if (!File.Exists(path)) throw new ArgumentException($"--resume: no saved training state at {path}; run without --resume to start fresh");
        var state = TrainingState.Read<State>(path);
        if (state.Step < 1 || !(state.ElapsedSeconds >= 0 && double.IsFinite(state.ElapsedSeconds)) || state.Epoch is null || state.Trace is null || state.Done is null)
            throw new InvalidDataException($"{path}: step {state.Step}, {state.ElapsedSeconds} s: expected a step >= 1, finite seconds >= 0 and the running sums");
        if (state.Fingerprint != fingerprint)
            throw new ArgumentException($"--resume: {path} field 'fingerprint' belongs to another run ({state.Fingerprint}); this one is {fingerprint}. Resume with the same options and data, or run without --resume");
        var (saved, _) = UgnCheckpoint.Load(Path.Combine(dir, $"generator-{state.Step}.safetensors"));
        using (saved) g.load_state_dict(saved.state_dict());
        g.to(device);
        d.load(Path.Combine(dir, $"discriminator-{state.Step}.bin"));
        d.to(device);
        gOpt.load_state_dict(Path.Combine(dir, $"goptimizer-{state.Step}.bin"));
        dOpt.load_state_dict(Path.Combine(dir, $"doptimizer-{state.Step}.bin"));
        return state;
    }
}

/// <summary>
/// One line of a GAN's training log (<c>OUT.jsonl</c>): <c>kind</c> "trace" (a window of steps) or
/// "epoch"; mean D losses on real and generated images, G's adversarial, image and feature terms
/// (unweighted), mean r, the fraction of steps each network trained; on epoch lines the held-out
/// MSE per pixel, feature error, sharpness and D's mean belief on real and generated images.
/// </summary>
public sealed record GanLogLine(string Kind, int Epoch, int Step, double DReal, double DGenerated, double Adversarial, double Image, double Feature,
    double Ratio, double DTrained, double GTrained, double? ValidationMse, double? ValidationFeatureError, double? ValidationSharpness,
    double? RealProbability, double? GeneratedProbability, double Seconds);
