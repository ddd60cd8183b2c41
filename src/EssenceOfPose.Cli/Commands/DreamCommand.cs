using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Experiments;
using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Figures;

namespace EssenceOfPose.Cli;

/// <summary>`eop dream`: DeepDream of an image at one or more taps (DreamSheet).</summary>
internal static class DreamCommand
{
    public static Command Create()
    {
        var model = VerbSupport.ModelOption();
        var image = new Option<string[]>("--image") { Description = "image to dream from; repeat for a batch", Required = true };
        var layer = new Option<string[]>("--layer") { Description = "tap whose activations are amplified (conv1 … conv4, fc5, fc6); repeat for several", Required = true };
        var profile = VerbSupport.ProfileOption();
        var octaves = new Option<int?>("--octaves") { Description = "octaves (quick 3, full 4)" };
        var iterations = new Option<int?>("--iterations") { Description = "steps per octave (quick 4, full 10)" };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the jitter shifts" };
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder", Required = true };
        var json = VerbSupport.JsonOption();
        var cmd = new Command("dream", "DeepDream (google/deepdream) of images at a tap; writes the dreams as PNGs, a grid and result.json.")
        {
            model, image, layer, profile, octaves, iterations, seed, output, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("dream", () =>
        {
            var o = VerbSupport.Profile(r, profile).Pick(DeepDreamOptions.Quick, DeepDreamOptions.Full);
            o = o with
            {
                Octaves = r.GetValue(octaves) ?? o.Octaves,
                IterationsPerOctave = r.GetValue(iterations) ?? o.IterationsPerOctave,
                Seed = r.GetValue(seed) ?? o.Seed,
            };
            using var net = VerbSupport.LoadModel(r.GetValue(model)!);
            var taps = r.GetValue(layer)!.Select(net.Tap).ToArray();
            using var scope = torch.NewDisposeScope();
            var images = InputImages.Load(r.GetValue(image)!, net.Preprocess);
            var dir = r.GetValue(output)!.FullName;
            Console.WriteLine($"dreaming {images.Count} image(s) at {string.Join(", ", taps)} of {net.Source}: {o.Octaves} octaves × {o.IterationsPerOctave} steps");
            var report = DreamSheet.Run(net, images, taps, o, dir);
            foreach (var x in report.Items)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {x.Tap}: ½‖a‖² {x.ObjectiveStart:G4} -> {x.ObjectiveFinal:G4} in {x.Seconds:F1} s"));
            Console.WriteLine($"wrote {Path.Combine(dir, report.Image)}");
            if (r.GetValue(json) is { } file) FigureJson.Write(file.FullName, report);
            return 0;
        }));
        return cmd;
    }
}
