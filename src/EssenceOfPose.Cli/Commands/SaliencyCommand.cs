using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Experiments;
using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
using EssenceOfPose.Figures;

namespace EssenceOfPose.Cli;

/// <summary>`eop saliency`: which pixels of both images a pair score depends on (PairSaliency), as overlays.</summary>
internal static class SaliencyCommand
{
    public static Command Create()
    {
        var model = VerbSupport.ModelOption();
        var image = new Option<string>("--image") { Description = "first image A of the pair", Required = true };
        var partner = new Option<string>("--partner") { Description = "second image B of the pair", Required = true };
        var target = new Option<string[]>("--target") { Description = "score explained: match (ptch_fc[1] − ptch_fc[0]) or pose:K (pose_fc[K]); repeat for several", DefaultValueFactory = _ => ["match"] };
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder", Required = true };
        var json = VerbSupport.JsonOption();
        var cmd = new Command("saliency", "Saliency of a pair score on both images (Simonyan et al. 2014); writes overlay PNGs for A and B, a grid and result.json.")
        {
            model, image, partner, target, output, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("saliency", () =>
        {
            var targets = r.GetValue(target)!.Select(t =>
            {
                try { return SaliencyTarget.Parse(t); }
                catch (FormatException e) { throw new FormatException($"--target {e.Message}", e); }
            }).ToArray();
            using var net = VerbSupport.LoadModel(r.GetValue(model)!);
            var outputs = net.Net.PoseOutputs;
            foreach (var t in targets)
                if (t.PoseIndex is { } k && k >= outputs) throw new ArgumentException($"--target pose:{k}: pose_fc has {outputs} outputs (0 … {outputs - 1})");
            using var scope = torch.NewDisposeScope();
            var pre = net.Preprocess;
            var a = InputImages.Load([r.GetValue(image)!], pre);
            var b = InputImages.Load([r.GetValue(partner)!], pre);
            var dir = r.GetValue(output)!.FullName;
            var report = PairSaliency.Run(net, a, b, targets, dir);
            Console.WriteLine($"saliency of {a.Names[0]} ~ {b.Names[0]} under {net.Source}");
            foreach (var x in report.Items)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {x.Score}: S = {x.Value:G4}, p(match) {x.MatchProbability:F3}; peak |∂S/∂I| A {x.FirstPeak:G3}, B {x.SecondPeak:G3} -> {x.FirstOverlay}, {x.SecondOverlay}"));
            Console.WriteLine($"wrote {dir}");
            if (r.GetValue(json) is { } file) FigureJson.Write(file.FullName, report);
            return 0;
        }));
        return cmd;
    }
}
