using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Experiments;
using EssenceOfPose.Data;
using EssenceOfPose.Figures;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli;

/// <summary>`eop invert`: reconstruct image files from their codes at a tap, by optimisation (ImageInversion).</summary>
internal static class InvertCommand
{
    public static Command Create()
    {
        var model = VerbSupport.ModelOption();
        var layer = new Option<string>("--layer") { Description = "tap whose code is inverted: conv1 … conv4, fc5, fc6 (':pre' for before the ReLU)", Required = true };
        var image = new Option<string[]>("--image") { Description = "image file to reconstruct; repeat for a batch", Required = true, AllowMultipleArgumentsPerToken = false };
        var partner = new Option<string[]>("--partner") { Description = "a matching view of each --image, in the same order: adds the pose agreement of (Â, B) with (A, B)" };
        var preset = new Option<string>("--preset") { Description = string.Join("|", PresetCatalog.Names), DefaultValueFactory = _ => "MahendranVedaldi" };
        var profile = VerbSupport.ProfileOption();
        var steps = new Option<int?>("--steps") { Description = "main-phase steps (Mahendran–Vedaldi's slow phase becomes steps/6, as 50 is to 300)" };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the start noise and jitter" };
        var weight = new Option<double?>("--weight") { Description = $"data-term weight (MV's C, Yosinski's inversion weight); default the preset's for PoseNet (MV 1, Yosinski 2/3 10, 1/4 1)" };
        var leak = VerbSupport.LeakOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder", Required = true };
        var json = VerbSupport.JsonOption();
        var device = VerbSupport.DeviceOption();
        var cmd = new Command("invert", "Reconstruct images from their code at a tap by optimisation; writes PNGs, snapshots, a loss chart and result.json.")
        {
            model, layer, image, partner, preset, profile, steps, seed, weight, leak, output, json, device,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("invert", () =>
        {
            var on = DeviceName.Parse(r.GetValue(device)!);
            using var net = VerbSupport.LoadModel(r.GetValue(model)!);
            net.Net.to(on);
            using var scope = torch.NewDisposeScope();
            var tap = net.Tap(r.GetValue(layer)!);
            var p = VerbSupport.Preset(r.GetValue(preset)!, VerbSupport.Profile(r, profile), r.GetValue(steps), r.GetValue(seed), r.GetValue(weight), r.GetValue(leak));
            var pre = net.Preprocess;
            var targets = InputImages.Load(r.GetValue(image)!, pre);
            var partners = r.GetValue(partner) is { Length: > 0 } b ? InputImages.Load(b, pre) : null;
            var dir = r.GetValue(output)!.FullName;
            Console.WriteLine($"inverting {targets.Count} image(s) at {tap} of {net.Source} with {p.Name} ({p.Describe()}, {p.Steps} main steps)");
            var progress = new ConsoleProgress<RenderProgress>(Describe);
            var report = ImageInversion.Run(net, targets, partners, tap, p, dir, progress, ct);
            progress.Done();
            foreach (var x in report.Images)
            {
                Console.WriteLine($"  {x.Name}: feature error {VerbSupport.F(x.StartFeatureError)} -> {VerbSupport.F(x.FeatureError)}, PSNR {VerbSupport.F(x.Psnr, "F1")} dB, SSIM {VerbSupport.F(x.Ssim)}{VerbSupport.AgreementNote(x.Agreement)}");
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean feature error {report.MeanFeatureError:F3} (noise start {report.MeanStartFeatureError:F3}); {report.Seconds:F1} s, {report.SecondsPerImage:F2} s per image; wrote {dir}"));
            if (r.GetValue(json) is { } file) FigureJson.Write(file.FullName, report);
            return 0;
        }));
        return cmd;
    }

    internal static string Describe(RenderProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"step {p.Step}/{p.TotalSteps} (phase {p.Phase + 1}) loss {p.Loss:G4} {p.Elapsed:mm\\:ss}");
}
