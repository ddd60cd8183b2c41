using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Figures;

namespace EssenceOfPose.Cli;

/// <summary>`eop figures`: the poster's results on the shipped weights and held-out synthetic images (PosterFigures).</summary>
internal static class FiguresCommand
{
    public static Command Create()
    {
        var model = VerbSupport.ModelOption();
        var profile = VerbSupport.ProfileOption();
        var images = new Option<int?>("--images") { Description = "held-out images reconstructed (quick 6, full 16)" };
        var threads = new Option<int?>("--threads") { Description = "libtorch threads (default: all cores)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder: figure PNGs, index.html, figures.json, options.json, the test city", Required = true };
        var generators = new Option<FileInfo[]>("--generator")
        {
            Description = "generators for the results panel and the comparison table (eop train ugn / gan; each file names its tap and kind); repeat for more (default: the shipped UGN and GAN at conv4 and fc5)",
        };
        var noGenerators = new Option<bool>("--no-generators") { Description = "leave out the generators' panel and table (for a PoseNet the shipped generators were not trained on)" };
        var noOverfitting = new Option<bool>("--no-overfitting") { Description = "leave out the UGN overfitting panel" };
        var json = VerbSupport.JsonOption();
        var cmd = new Command("figures", "Reproduce the poster's figures: reconstructions at conv4 and fc5, priors compared, single units, saliency, DeepDream, the metrics table, and original | UGN | GAN at both taps with the table comparing every method, as PNGs, one index.html and figures.json.")
        {
            model, profile, images, threads, generators, noGenerators, noOverfitting, output, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("figures", () =>
        {
            var o = VerbSupport.Profile(r, profile).Pick(PosterFiguresOptions.Quick, PosterFiguresOptions.Full);
            if (r.GetValue(images) is { } n) o = o with { Images = n, RegulariserImages = Math.Min(o.RegulariserImages, n), SaliencyPairs = Math.Min(o.SaliencyPairs, n), DreamImages = Math.Min(o.DreamImages, n) };
            if (r.GetValue(threads) is { } t) torch.set_num_threads(t);
            var given = r.GetValue(generators) ?? [];
            if (given.Length > 0 && r.GetValue(noGenerators)) throw new ArgumentException("--generator and --no-generators: give one or the other");
            foreach (var g in given)
                if (!g.Exists) throw new FileNotFoundException($"--generator {g.FullName}: no such file (give a generator written by eop train ugn or eop train gan)", g.FullName);
            if (given.Length > 0) o = o with { GeneratorFiles = given.Select(g => g.FullName).ToArray() };
            if (r.GetValue(noGenerators)) o = o with { GeneratorFiles = [] };
            if (r.GetValue(noOverfitting)) o = o with { OverfittingImages = 0 };
            using var net = VerbSupport.LoadModel(r.GetValue(model)!);
            var dir = r.GetValue(output)!.FullName;
            Console.WriteLine($"figures ({o.Profile.Name()}) of {net.Source} on {o.Images} held-out images -> {dir}");
            var progress = new ConsoleProgress<FiguresProgress>(p => $"{p.Section}: {p.Detail}", plainEverySeconds: 15);
            var report = PosterFigures.Run(net, o, dir, progress, ct);
            progress.Done();
            Print(report, dir);
            if (r.GetValue(json) is { } file) FigureJson.Write(file.FullName, report);
            return 0;
        }));
        return cmd;
    }

    static void Print(PosterFiguresReport r, string dir)
    {
        foreach (var (section, seconds) in r.SectionSeconds) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {section,-16} {seconds,7:F1} s"));
        Console.WriteLine(ReconstructionFigure.ErrorTable(r.Reconstruction));
        Console.WriteLine(ReconstructionFigure.AgreementTable(r.Reconstruction));
        if (r.GeneratorTable is { } table) Console.WriteLine(table);
        foreach (var g in r.GeneratorBars?.Values ?? [])
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GAN at {g.Tap}: sharpness {g.GanSharpness:F2} against the UGN's {g.UgnSharpness:F2} ({(g.GanSharperThanUgn ? "sharper" : "NOT sharper")}), feature error {g.GanFeatureError:F3} against another image's {g.OtherImageFeatureError:F3} ({(g.GanCloserThanOtherImage ? "closer" : "NOT closer")})"));
        if (r.Overfitting is { } ov)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"UGN overfitting at {ov.Tap}: training PSNR {ov.TrainingPsnr:F1} dB on {ov.TrainImages} images, held-out {ov.HeldOutPsnr:F1} dB on {ov.HeldOutImages}{(ov.PartingEpoch is { } e ? $", parting after epoch {e}" : "")}"));
        var b = r.Bars;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bars: {b.Images} images, {b.Preset} ({b.Weight}), closer than a different image at every tap: {(b.CloserThanOtherImageAtEveryLayer ? "yes" : "no")}; {b.SecondsPerImage:F2} s per image"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Seconds:F0} s in all; open {Path.Combine(dir, "index.html")}"));
    }
}
