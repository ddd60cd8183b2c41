using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Experiments;
using EssenceOfPose.Figures;
using EssenceOfPose.Generators;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli;

/// <summary>`eop train ugn` and `eop reconstruct`: the up-convolutional generator (UGN) of the poster, trained on cached codes and run on image files.</summary>
internal static class UgnCommands
{
    /// <summary>`eop train ugn`, a sub-command of `eop train`.</summary>
    public static Command Train()
    {
        var tap = new Option<string>("--tap") { Description = "tap whose codes the generator inverts: fc5 or conv4 (any tower tap works)", Required = true };
        var data = new Option<DirectoryInfo[]>("--data")
        {
            Description = "dataset roots (3D Street View format); their views are decoded, preprocessed and encoded once",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "generator to write (.safetensors); OUT.jsonl gets per-epoch losses, OUT.train/ the resumable state", Required = true };
        var model = VerbSupport.ModelOption();
        var profile = VerbSupport.ProfileOption();
        var images = new Option<int?>("--images") { Description = "how many views to cache (drawn by --seed; default all)" };
        var epochs = new Option<int?>("--epochs");
        var batch = new Option<int?>("--batch");
        var lr = new Option<double?>("--lr") { Description = "Adam's learning rate (default 0.001)" };
        var beta1 = new Option<double?>("--beta1") { Description = "Adam's β₁ (default 0.9)" };
        var beta2 = new Option<double?>("--beta2") { Description = "Adam's β₂ (default 0.999)" };
        var decay = new Option<double?>("--weight-decay") { Description = "Adam's weight decay (default 0)" };
        var width = new Option<int?>("--width") { Description = $"channels of the seed and first up-convolution (default {UgnOptions.Default.Channels}; later ones halve down to a quarter of it)" };
        var slope = new Option<double?>("--leaky-slope") { Description = $"negative slope of the leaky ReLUs (default {UgnOptions.Default.LeakySlope})" };
        var momentum = new Option<double?>("--bn-momentum") { Description = $"batch norm's running-statistics momentum (default {UgnOptions.Default.BatchNormMomentum})" };
        var fromSearch = new Option<DirectoryInfo?>("--from-search")
        {
            Description = "a search folder (eop search ugn): take lr, betas, weight decay, batch, width, leaky slope and bn momentum from the configuration it chose; options given here win",
        };
        var schedule = new Option<string?>("--schedule") { Description = "with --from-search: the pick of random or halving (default: whichever found the lower validation loss)" };
        var seed = new Option<int?>("--seed") { Description = "seed of the weights, the views kept and the batch order" };
        var resume = new Option<bool>("--resume") { Description = "continue from OUT.train/ (same options and data)" };
        var threads = new Option<int?>("--threads");
        var device = VerbSupport.DeviceOption();
        var json = VerbSupport.JsonOption();
        var cmd = new Command("ugn", "Train an up-convolutional generator (UGN) that turns PoseNet codes at a tap back into images: MSE, Adam, batch norm.")
        {
            tap, data, output, model, profile, images, epochs, batch, lr, beta1, beta2, decay, width, slope, momentum, fromSearch, schedule, seed, resume, threads, device, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("train ugn", () =>
        {
            var o = VerbSupport.Profile(r, profile) == Profile.Full ? UgnTrainingOptions.Full : UgnTrainingOptions.Quick;
            if (r.GetValue(schedule) is not null && r.GetValue(fromSearch) is null) throw new ArgumentException("--schedule: only with --from-search");
            if (r.GetValue(fromSearch) is { } searchDir)
            {
                var which = r.GetValue(schedule) switch
                {
                    null => (UgnSchedule?)null,
                    "random" => UgnSchedule.Random,
                    "halving" => UgnSchedule.Halving,
                    var s => throw new ArgumentException($"--schedule {s}: expected random or halving"),
                };
                var report = UgnSearchReport.Build(UgnSearch.Open(searchDir.FullName));
                if (!string.Equals(report.Search.Tap, r.GetValue(tap), StringComparison.OrdinalIgnoreCase))
                    throw new ArgumentException($"--from-search {searchDir.FullName}: search.json field 'tap' is {report.Search.Tap}, this run's --tap is {r.GetValue(tap)}");
                var (chosenBy, pick) = report.Chosen(which);
                // The searched values only; the epochs, the seed and the data are this run's.
                o = pick.Config.Training(o, 1) with { Steps = null, Epochs = o.Epochs, Seed = o.Seed };
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"configuration of {chosenBy.ToString().ToLowerInvariant()} trial {pick.Trial} (rung {pick.Rung}, validation MSE {pick.ValidationLoss:F1}) from {searchDir.FullName}"));
            }
            var generator = o.Generator;
            if (r.GetValue(width) is { } w)
            {
                if (w is < 4 or > 4096) throw new ArgumentException($"--width {w}: expected a whole number from 4 to 4096");
                generator = generator with { Channels = w, MinChannels = Math.Max(1, w / 4) };
            }
            generator = generator with
            {
                LeakySlope = r.GetValue(slope) ?? generator.LeakySlope,
                BatchNormMomentum = r.GetValue(momentum) ?? generator.BatchNormMomentum,
            };
            o = o with
            {
                Generator = generator,
                Epochs = r.GetValue(epochs) ?? o.Epochs,
                BatchSize = r.GetValue(batch) ?? o.BatchSize,
                Lr = r.GetValue(lr) ?? o.Lr,
                Beta1 = r.GetValue(beta1) ?? o.Beta1,
                Beta2 = r.GetValue(beta2) ?? o.Beta2,
                WeightDecay = r.GetValue(decay) ?? o.WeightDecay,
                Seed = r.GetValue(seed) ?? o.Seed,
                Threads = r.GetValue(threads) ?? o.Threads,
                Device = r.GetValue(device)!,
            };
            if (o.Problem() is { } problem) throw new ArgumentException(problem);
            var on = DeviceName.Parse(o.Device); // refused before the data loads
            if (r.GetValue(images) is < 2 and var n) throw new ArgumentException($"--images {n}: at least 2 (one to train on and one held out)");
            var outPath = r.GetValue(output)!.FullName;
            var isResume = r.GetValue(resume);
            GeneratorTraining.CheckResume(outPath, isResume);
            var (net, at, cache, cacheSeconds) = GeneratorTraining.Cache(r.GetValue(model)!, on, r.GetValue(tap)!, r.GetValue(data)!, r.GetValue(images), o.Seed);
            using var _net = net;
            using var _cache = cache;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cache.Count} images, codes [{string.Join(", ", cache.CodeShape)}], cached in {cacheSeconds:F1} s; Adam lr {o.Lr:G3}, batch {o.BatchSize}, {o.Epochs} epochs, {o.Threads} threads"));
            var progress = new ConsoleProgress<UgnTrainingProgress>(Describe);
            var result = new UgnTrainer(o).Run(cache, outPath, VerbSupport.Command(r), isResume, progress, ct);
            progress.Done();
            if (!result.Completed)
            {
                Console.WriteLine($"stopped at step {result.Steps}; continue with --resume");
                return 130;
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {outPath} after {result.Steps} steps in {result.Elapsed:hh\\:mm\\:ss} ({result.ImagesPerSecond:F1} images/s): train MSE {result.TrainLoss:F1}, validation MSE {result.ValidationLoss:F1} on {result.ValidationImages} held-out images"));
            if (r.GetValue(json) is { } file)
                JsonOutput.Write(file, new { generator = outPath, tap = at.ToString(), cacheSeconds, result, options = o });
            return 0;
        }));
        return cmd;
    }

    /// <summary>`eop reconstruct`: image files through a trained generator, written as `eop invert` writes its reconstructions.</summary>
    public static Command Reconstruct()
    {
        var generator = new Option<FileInfo>("--generator") { Description = "a generator written by eop train ugn (.safetensors)", Required = true };
        var model = VerbSupport.ModelOption();
        var image = new Option<string[]>("--image") { Description = "image file to reconstruct; repeat for a batch", Required = true, AllowMultipleArgumentsPerToken = false };
        var partner = new Option<string[]>("--partner") { Description = "a matching view of each --image, in the same order: adds the pose agreement of (Â, B) with (A, B)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder", Required = true };
        var json = VerbSupport.JsonOption();
        var device = VerbSupport.DeviceOption();
        var cmd = new Command("reconstruct", "Reconstruct images from their codes with a trained generator (UGN); writes PNGs and result.json with the fields of eop invert.")
        {
            generator, model, image, partner, output, json, device,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("reconstruct", () =>
        {
            var on = DeviceName.Parse(r.GetValue(device)!);
            var path = r.GetValue(generator)!.FullName;
            if (!File.Exists(path)) throw new FileNotFoundException($"--generator {path}: no such file (give a generator written by eop train ugn)", path);
            using var net = VerbSupport.LoadModel(r.GetValue(model)!);
            net.Net.to(on);
            var (g, info) = UgnCheckpoint.Load(path, device: on);
            using var _ = g;
            using var scope = torch.NewDisposeScope();
            var targets = InputImages.Load(r.GetValue(image)!, net.Preprocess);
            var partners = r.GetValue(partner) is { Length: > 0 } b ? InputImages.Load(b, net.Preprocess) : null;
            var dir = r.GetValue(output)!.FullName;
            Console.WriteLine($"reconstructing {targets.Count} image(s) from {info.Tap} of {net.Source} with {path}");
            var result = UgnReconstruction.Run(net, g, info, path, targets, partners);
            var report = UgnReconstructionFiles.Write(result, targets, partners, path, net.Source, dir);
            foreach (var x in report.Images)
            {
                Console.WriteLine($"  {x.Name}: feature error {VerbSupport.F(x.FeatureError)}, PSNR {VerbSupport.F(x.Psnr, "F1")} dB, SSIM {VerbSupport.F(x.Ssim)}{VerbSupport.AgreementNote(x.Agreement)}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean feature error {report.MeanFeatureError:F3}, PSNR {report.MeanPsnr:F1} dB, SSIM {report.MeanSsim:F3}; {report.SecondsPerImage * 1000:F1} ms per image; wrote {dir}"));
            if (r.GetValue(json) is { } file) FigureJson.Write(file.FullName, report);
            return 0;
        }));
        return cmd;
    }

    static string Describe(UgnTrainingProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}/{p.Epochs} step {p.Step}/{p.TotalSteps} MSE {p.Loss:F1} {p.Elapsed:hh\\:mm\\:ss}");
}
