using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Experiments;
using EssenceOfPose.Figures;
using EssenceOfPose.Generators;
using EssenceOfPose.Inversion;

namespace EssenceOfPose.Cli;

/// <summary>`eop compare`: every reconstruction method at every tap on the same held-out images (MethodComparison).</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var generators = new Option<string[]>("--generator")
        {
            Description = "a trained generator (.safetensors), optionally NAME=PATH (default name UGN, or GAN for one eop train gan wrote); its tap is read from the file; repeat for more",
            Required = true,
        };
        var model = VerbSupport.ModelOption();
        var profile = VerbSupport.ProfileOption();
        var data = new Option<DirectoryInfo?>("--data") { Description = "held-out city (3D Street View format); default: the figures' held-out city (seed 2), rendered into OUT/test-city" };
        var images = new Option<int?>("--images") { Description = "held-out images compared (quick 8, full 64)" };
        var steps = new Option<int?>("--steps") { Description = "steps of the optimisation inversion (default: Mahendran & Vedaldi's, quick 40 + 10, full 300 + 50)" };
        var optimisation = new Option<bool>("--no-optimisation") { Description = "leave out the optimisation inversion (generators and the baseline only)" };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: all cores)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder: comparison.png, comparison.txt, comparison.json", Required = true };
        var json = VerbSupport.JsonOption();
        var cmd = new Command("compare", "Compare every reconstruction method (generators, optimisation, another image) at each generator's tap on the same held-out images: PSNR, SSIM, sharpness, feature error, pose agreement, seconds per image.")
        {
            generators, model, profile, data, images, steps, optimisation, threads, output, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("compare", () =>
        {
            var which = VerbSupport.Profile(r, profile);
            var count = r.GetValue(images) ?? which.Pick(8, 64);
            if (count < 2) throw new ArgumentException($"--images {count}: at least 2");
            if (r.GetValue(threads) is { } t) torch.set_num_threads(t);
            var named = r.GetValue(generators)!.Select(Parse).ToArray();
            foreach (var (_, path) in named)
                if (!File.Exists(path)) throw new FileNotFoundException($"--generator {path}: no such file (give a generator written by eop train ugn or eop train gan)", path);
            var preset = VerbSupport.Preset("mahendran-vedaldi", which, r.GetValue(steps), null);
            using var net = VerbSupport.LoadModel(r.GetValue(model)!);
            using var scope = torch.NewDisposeScope();
            var loaded = named.Select(n => (n.Name, n.Path, Loaded: UgnCheckpoint.Load(n.Path, device: net.Device)))
                .Select(g => (Name: g.Name ?? g.Loaded.Info.Kind.ToString().ToUpperInvariant(), g.Path, g.Loaded)).ToArray();
            try
            {
                var taps = loaded.Select(g => g.Loaded.Info.Tap).Distinct().ToArray();
                var methods = new List<ComparedMethod>();
                foreach (var tap in taps)
                {
                    methods.AddRange(loaded.Where(g => g.Loaded.Info.Tap == tap).Select(g => ComparedMethod.Generator(g.Name, g.Loaded.Generator, g.Loaded.Info, g.Path)));
                    if (!r.GetValue(optimisation)) methods.Add(ComparedMethod.Optimisation("optimisation (MV)", tap, preset));
                    methods.Add(ComparedMethod.OtherImage(tap));
                }
                var dir = r.GetValue(output)!.FullName;
                var tapNames = taps.Select(net.Tap).ToArray();
                var set = r.GetValue(data) is { } d
                    ? HeldOutSet.Pick(StreetViewDataset.Load(d.FullName), count, PosterFiguresOptions.Quick.OtherImageSeed, net, tapNames)
                    : HeldOutSet.Prepare(PosterFiguresOptions.Quick.City with { Targets = Math.Max(PosterFiguresOptions.Quick.City.Targets, 2 * count) },
                        count, PosterFiguresOptions.Quick.OtherImageSeed, Path.Combine(dir, "test-city"), net, tapNames, ct);
                Console.WriteLine($"comparing {methods.Count} methods on {count} held-out images of {set.Root} ({which.Name()}; optimisation {preset.Describe()})");
                var result = MethodComparison.Run(net, set.Targets.Images, set.Partners.Images, set.Others.Images, methods,
                    new Progress<string>(m => Console.WriteLine($"  {m} ...")));
                var report = MethodComparisonFiles.Write(result, set, net.Source, dir);
                Console.WriteLine(result.Table().ToString());
                Console.WriteLine($"wrote {Path.Combine(dir, "comparison.png")}, comparison.txt and comparison.json");
                if (r.GetValue(json) is { } file) FigureJson.Write(file.FullName, report);
            }
            finally
            {
                foreach (var g in loaded) g.Loaded.Generator.Dispose();
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>"NAME=PATH" or "PATH" (named after its kind once loaded).</summary>
    static (string? Name, string Path) Parse(string text)
    {
        var at = text.IndexOf('=', StringComparison.Ordinal);
        if (at < 0) return (null, Path.GetFullPath(text));
        var name = text[..at].Trim();
        if (name.Length == 0 || at == text.Length - 1) throw new ArgumentException($"--generator {text}: expected PATH or NAME=PATH");
        return (name, Path.GetFullPath(text[(at + 1)..]));
    }
}
