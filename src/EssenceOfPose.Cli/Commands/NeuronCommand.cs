using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Data;
using EssenceOfPose.Figures;
using EssenceOfPose.Inversion;

namespace EssenceOfPose.Cli;

/// <summary>`eop neuron`: one image per unit of a tap, maximising it (NeuronSheet), as a captioned grid.</summary>
internal static class NeuronCommand
{
    public static Command Create()
    {
        var model = VerbSupport.ModelOption();
        var layer = new Option<string>("--layer") { Description = "tap of the units: fc5, fc6, or a conv tap (channels at the blob's centre)", Required = true };
        var units = new Option<string?>("--units") { Description = "unit indices, e.g. 0,1,2" };
        var count = new Option<int?>("--count") { Description = "units 0 … N−1 (when --units is not given; default 16)" };
        var preset = new Option<string>("--preset") { Description = string.Join("|", PresetCatalog.Names), DefaultValueFactory = _ => "LucidAdam" };
        var profile = VerbSupport.ProfileOption();
        var steps = new Option<int?>("--steps") { Description = "optimisation steps" };
        var seed = new Option<ulong?>("--seed") { Description = "seed of the start noise and transforms" };
        var leak = VerbSupport.LeakOption();
        var output = new Option<DirectoryInfo>("--out") { Description = "output folder", Required = true };
        var json = VerbSupport.JsonOption();
        var cmd = new Command("neuron", "Render one image per unit of a tap by activation maximisation; writes neurons.png (captioned with unit and activation) and result.json.")
        {
            model, layer, units, count, preset, profile, steps, seed, leak, output, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("neuron", () =>
        {
            if (r.GetValue(units) is { Length: > 0 } && r.GetValue(count) is not null) throw new ArgumentException("give --units or --count, not both");
            using var net = VerbSupport.LoadModel(r.GetValue(model)!);
            var tap = net.Tap(r.GetValue(layer)!);
            var list = NeuronSheet.Units(net.Net, tap, r.GetValue(units), r.GetValue(count));
            var p = VerbSupport.Preset(r.GetValue(preset)!, VerbSupport.Profile(r, profile), r.GetValue(steps), r.GetValue(seed), leak: r.GetValue(leak));
            var dir = r.GetValue(output)!.FullName;
            Console.WriteLine($"maximising {list.Count} unit(s) of {tap} of {net.Source} with {p.Name} ({p.Steps} steps, {p.Describe()})");
            var progress = new ConsoleProgress<RenderProgress>(InvertCommand.Describe);
            var report = NeuronSheet.Run(net, list, p, dir, progress: progress, cancellation: ct);
            progress.Done();
            Console.WriteLine(string.Join("  ", report.Units.Select((u, i) => string.Create(CultureInfo.InvariantCulture, $"{u} {report.Activations[i]:G3}"))));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Seconds:F1} s; wrote {Path.Combine(dir, report.Image)}"));
            if (r.GetValue(json) is { } file) FigureJson.Write(file.FullName, report);
            return 0;
        }));
        return cmd;
    }
}
