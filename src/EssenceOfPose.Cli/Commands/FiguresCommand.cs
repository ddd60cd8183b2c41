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
        var json = VerbSupport.JsonOption();
        var cmd = new Command("figures", "Reproduce the poster's figures: reconstructions at conv4 and fc5, priors compared, single units, saliency, DeepDream and the metrics table, as PNGs, one index.html and figures.json.")
        {
            model, profile, images, threads, output, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("figures", () =>
        {
            var o = VerbSupport.Profile(r, profile).Pick(PosterFiguresOptions.Quick, PosterFiguresOptions.Full);
            if (r.GetValue(images) is { } n) o = o with { Images = n, RegulariserImages = Math.Min(o.RegulariserImages, n), SaliencyPairs = Math.Min(o.SaliencyPairs, n), DreamImages = Math.Min(o.DreamImages, n) };
            if (r.GetValue(threads) is { } t) torch.set_num_threads(t);
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
        var b = r.Bars;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bars: {b.Images} images, {b.Preset} ({b.Weight}), closer than a different image at every tap: {(b.CloserThanOtherImageAtEveryLayer ? "yes" : "no")}; {b.SecondsPerImage:F2} s per image"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Seconds:F0} s in all; open {Path.Combine(dir, "index.html")}"));
    }
}
