using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Generators;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli;

/// <summary>`eop train gan`: the poster's GAN, a UGN-shaped generator trained against a discriminator (DeePSiM's losses and balancing rule).</summary>
internal static class GanCommands
{
    public static Command Train()
    {
        var d = GanTrainingOptions.Quick;
        var tap = new Option<string>("--tap") { Description = "tap whose codes the generator inverts: fc5 or conv4", Required = true };
        var data = new Option<DirectoryInfo[]>("--data")
        {
            Description = "dataset roots (3D Street View format); their views are decoded, preprocessed and encoded once",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "generator to write (.safetensors); OUT.jsonl gets the log, OUT.samples/ a grid per epoch, OUT.train/ the resumable state", Required = true };
        var initFrom = new Option<FileInfo?>("--init-from") { Description = "start the generator from this UGN (eop train ugn, same tap and PoseNet); its architecture wins over --width" };
        var model = VerbSupport.ModelOption();
        var profile = VerbSupport.ProfileOption();
        var images = new Option<int?>("--images") { Description = "how many views to cache (drawn by --seed; default all)" };
        var epochs = new Option<int?>("--epochs");
        var steps = new Option<int?>("--steps") { Description = "stop after this many steps (default: whole epochs)" };
        var batch = new Option<int?>("--batch") { Description = $"images a step (default {d.BatchSize}; DeePSiM 64)" };
        var lr = new Option<double?>("--lr") { Description = $"Adam's learning rate for both networks (default {d.Lr:G3}, as DeePSiM)" };
        var beta1 = new Option<double?>("--beta1") { Description = $"Adam's β₁ (default {d.Beta1})" };
        var beta2 = new Option<double?>("--beta2") { Description = $"Adam's β₂ (default {d.Beta2})" };
        var dDecay = new Option<double?>("--d-weight-decay") { Description = $"the discriminator's weight decay (default {d.DiscriminatorWeightDecay:G3}, as DeePSiM; the generator has none)" };
        var lImg = new Option<double?>("--lambda-img") { Description = $"weight of ½‖G(Φ) − x‖² per image (default {d.LambdaImage:G3}; DeePSiM 2e-6 on 227² images)" };
        var lFeat = new Option<double?>("--lambda-feat") { Description = $"weight of ½‖C(G(Φ)) − C(x)‖² per image (default {d.LambdaFeature:G3}; DeePSiM 0.01 on AlexNet conv5)" };
        var lAdv = new Option<double?>("--lambda-adv") { Description = $"weight of −log D(G(Φ)) (default {d.LambdaAdversarial:G3}; DeePSiM 100)" };
        var comparator = new Option<string?>("--comparator-tap") { Description = "PoseNet tap whose features compare reconstruction and original (default: --tap, so the term asks the image to keep its code)" };
        var dropout = new Option<double?>("--dropout") { Description = $"the discriminator's dropout before each fully connected layer (default {d.Discriminator.Dropout})" };
        var conditioned = new Option<bool>("--conditioned") { Description = "feed the discriminator the code beside the image" };
        var width = new Option<int?>("--width") { Description = $"without --init-from: channels of the generator's seed (default {UgnOptions.Default.Channels})" };
        var seed = new Option<int?>("--seed") { Description = "seed of the discriminator's weights, the views kept, the batch order and dropout" };
        var resume = new Option<bool>("--resume") { Description = "continue from OUT.train/ (same options and data)" };
        var threads = new Option<int?>("--threads");
        var device = VerbSupport.DeviceOption();
        var json = VerbSupport.JsonOption();
        var cmd = new Command("gan", "Train a generator adversarially (the poster's GAN, DeePSiM's losses): image, feature and adversarial terms against a discriminator with dropout and no batch norm.")
        {
            tap, data, output, initFrom, model, profile, images, epochs, steps, batch, lr, beta1, beta2, dDecay, lImg, lFeat, lAdv, comparator, dropout, conditioned, width, seed, resume, threads, device, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("train gan", () =>
        {
            var o = VerbSupport.Profile(r, profile) == Profile.Full ? GanTrainingOptions.Full : GanTrainingOptions.Quick;
            var init = r.GetValue(initFrom)?.FullName;
            if (init is not null && !File.Exists(init)) throw new FileNotFoundException($"--init-from {init}: no such file (give a generator written by eop train ugn)", init);
            if (init is not null && r.GetValue(width) is not null) throw new ArgumentException("--width: the generator's architecture comes from --init-from; give one or the other");
            var generator = o.Generator;
            if (r.GetValue(width) is { } w)
            {
                if (w is < 4 or > 4096) throw new ArgumentException($"--width {w}: expected a whole number from 4 to 4096");
                generator = generator with { Channels = w, MinChannels = Math.Max(1, w / 4) };
            }
            o = o with
            {
                Generator = generator,
                Discriminator = o.Discriminator with { Dropout = r.GetValue(dropout) ?? o.Discriminator.Dropout, Conditioned = r.GetValue(conditioned) },
                Epochs = r.GetValue(epochs) ?? o.Epochs,
                Steps = r.GetValue(steps) ?? o.Steps,
                BatchSize = r.GetValue(batch) ?? o.BatchSize,
                Lr = r.GetValue(lr) ?? o.Lr,
                Beta1 = r.GetValue(beta1) ?? o.Beta1,
                Beta2 = r.GetValue(beta2) ?? o.Beta2,
                DiscriminatorWeightDecay = r.GetValue(dDecay) ?? o.DiscriminatorWeightDecay,
                LambdaImage = r.GetValue(lImg) ?? o.LambdaImage,
                LambdaFeature = r.GetValue(lFeat) ?? o.LambdaFeature,
                LambdaAdversarial = r.GetValue(lAdv) ?? o.LambdaAdversarial,
                ComparatorTap = r.GetValue(comparator),
                Seed = r.GetValue(seed) ?? o.Seed,
                Threads = r.GetValue(threads) ?? o.Threads,
                Device = r.GetValue(device)!,
            };
            if (o.Problem() is { } problem) throw new ArgumentException(problem);
            var on = DeviceName.Parse(o.Device);
            if (r.GetValue(images) is < 3 and var n) throw new ArgumentException($"--images {n}: at least 3 (two to train on and one held out)");
            var outPath = r.GetValue(output)!.FullName;
            var isResume = r.GetValue(resume);
            GeneratorTraining.CheckResume(outPath, isResume);
            // An unknown comparator tap is refused before the data loads.
            var (net, at, cache, cacheSeconds) = GeneratorTraining.Cache(r.GetValue(model)!, on, r.GetValue(tap)!, r.GetValue(data)!, r.GetValue(images), o.Seed, o.ComparatorTap);
            using var _net = net;
            using var _cache = cache;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cache.Count} images, codes [{string.Join(", ", cache.CodeShape)}], cached in {cacheSeconds:F1} s; λ img {o.LambdaImage:G3} feat {o.LambdaFeature:G3} adv {o.LambdaAdversarial:G3}, comparator {o.ComparatorTap ?? at.ToString()}, Adam lr {o.Lr:G3}, batch {o.BatchSize}, {o.Epochs} epochs, {o.Threads} threads{(init is null ? "" : ", from " + init)}"));
            var progress = new ConsoleProgress<GanTrainingProgress>(Describe);
            var result = new GanTrainer(o).Run(net, cache, outPath, VerbSupport.Command(r), init, isResume, progress, ct);
            progress.Done();
            if (!result.Completed)
            {
                Console.WriteLine($"stopped at step {result.Steps}; continue with --resume");
                return 130;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {outPath} after {result.Steps} steps in {result.Elapsed:hh\\:mm\\:ss} ({result.ImagesPerSecond:F1} images/s; D trained {result.DiscriminatorTrainedFraction:P0} of steps, G {result.GeneratorTrainedFraction:P0}): on {result.ValidationImages} held-out images MSE {result.ValidationMse:F1}, feature error {result.ValidationFeatureError:F3}, sharpness {result.ValidationSharpness:F2}"));
            if (r.GetValue(json) is { } file)
                JsonOutput.Write(file, new { generator = outPath, tap = at.ToString(), cacheSeconds, result, options = o });
            return 0;
        }));
        return cmd;
    }

    static string Describe(GanTrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps} D {p.DiscriminatorLoss:F3}{(p.DiscriminatorTrained ? "" : " (paused)")} G adv {p.AdversarialLoss:F3} img {p.ImageLoss:G3} feat {p.FeatureLoss:G3}{(p.GeneratorTrained ? "" : " (G paused)")} {p.Elapsed:hh\\:mm\\:ss}");
}
