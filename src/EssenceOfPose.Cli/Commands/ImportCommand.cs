using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Data;
using EssenceOfPose.Models;
using EssenceOfPose.Caffe;

namespace EssenceOfPose.Cli;

/// <summary>`eop import caffe`: a PoseNet-family net trained with the original Caffe code, as a suite checkpoint.</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var cmd = new Command("import", "Bring weights trained elsewhere into a suite checkpoint.");
        cmd.Subcommands.Add(Caffe());
        return cmd;
    }

    private static Command Caffe()
    {
        var prototxt = new Option<string[]>("--prototxt")
        {
            Description = "the net definition; repeat to merge files in order (siamese net, then pose_loss_l1_layers.prototxt, ptch_loss_layers.prototxt)",
            Required = true,
        };
        var caffemodel = new Option<string>("--caffemodel") { Description = "the trained weights (.caffemodel, either binary layer form)", Required = true };
        var output = new Option<string>("--out") { Description = "checkpoint to write (.safetensors)", Required = true };
        var mean = new Option<string?>("--mean") { Description = "per-channel RGB mean (0–255) the net was trained with, as R,G,B; (0,0,0) with a warning if left out" };
        var noPoseHead = new Option<bool>("--no-pose-head") { Description = "leave pose_fc at its initialisation (for a head whose output count matches no label kind, e.g. 4)" };
        var json = new Option<FileInfo?>("--json") { Description = "write the summary (layers, warnings, blob shapes, sources) to this JSON file" };
        var cmd = new Command("caffe", "Import a PoseNet or smallnet-v5 Caffe net (prototxt + caffemodel) into a checkpoint; exit 2 on bad input.")
        {
            prototxt, caffemodel, output, mean, noPoseHead, json,
        };
        cmd.SetAction((ParseResult r, CancellationToken ct) => Run([r.GetValue(caffemodel) ?? "", .. r.GetValue(prototxt) ?? []], () =>
        {
            // The importer's own reader opens what it is given: a pipe, a device, a folder or a huge file is refused first
            // (a missing one is left to the importer, which names it in its own words).
            foreach (var p in r.GetValue(prototxt)!) Guard(p, "a prototxt (Caffe net definition)", InputFile.DocumentLimit);
            Guard(r.GetValue(caffemodel)!, "a .caffemodel", int.MaxValue);
            var options = new CaffeImportOptions
            {
                Mean = r.GetValue(mean) is { } text ? ParseMean(text) : null,
                WithoutPoseHead = r.GetValue(noPoseHead),
                Command = "eop " + string.Join(' ', r.Tokens.Select(t => t.Value)),
            };
            string path = Path.GetFullPath(r.GetValue(output)!);
            using var import = CaffeImporter.Import(r.GetValue(prototxt)!, r.GetValue(caffemodel)!, options);
            import.Save(path);
            Console.WriteLine(import.Summary);
            Console.WriteLine($"wrote {path}");
            if (r.GetValue(json) is { } file)
                JsonOutput.Write(file, Report(import, path));
            return 0;
        }));
        return cmd;
    }

    private static void Guard(string path, string what, long maxBytes)
    {
        if (File.Exists(path) || Directory.Exists(path)) InputFile.Check(path, what, maxBytes);
    }

    private static IReadOnlyList<double> ParseMean(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : (double?)null).ToList();
        if (values.Count != 3 || values.Any(v => v is null))
            throw new ArgumentException($"--mean '{text}': expected three numbers R,G,B such as 104,117,123");
        return values.Select(v => v!.Value).ToArray();
    }

    private static object Report(CaffeImport import, string checkpoint) => new
    {
        import.Architecture,
        LabelKind = import.Info.LabelKind.ToString(),
        PoseOutputs = import.Model.PoseOutputs,
        import.Info.Mean,
        Checkpoint = checkpoint,
        Loaded = import.Loaded.Select(l => new { l.Layer, Weight = l.WeightShape, Bias = l.BiasShape, l.Source }),
        Skipped = import.Skipped.Select(s => new { s.Name, s.Type, s.Reason }),
        import.Warnings,
        Blobs = import.BlobShapes.Select(b => new { b.Name, b.Shape }),
        Agreement = import.Agreement,
        Sources = import.Info.Provenance.Notes,
    };

    /// <summary>
    /// Bad input (a missing file, a prototxt or caffemodel that cannot be read or does not fit, a net
    /// that is not PoseNet-family) exits 2 with the message, which names the file; an import that does
    /// not reproduce the Caffe net exits 1.
    /// </summary>
    private static Task<int> Run(string[] inputs, Func<int> body)
    {
        // Every message names an input: the importer's own ones that speak of blobs only get the weights file in front.
        string Named(string message) =>
            message.StartsWith("--", StringComparison.Ordinal) || inputs.Any(i => i.Length > 0 && message.Contains(Path.GetFileName(i), StringComparison.Ordinal))
                ? message
                : $"{inputs[0]}: {message}";
        try
        {
            return Task.FromResult(body());
        }
        catch (Exception e) when (e is CaffeFormatException or IOException or ArgumentException or CheckpointException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"eop import caffe: {VerbSupport.OneLine(Named(e.Message))}");
            return Task.FromResult(2);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"eop import caffe: {VerbSupport.OneLine(Named(e.Message))}");
            return Task.FromResult(1);
        }
    }
}
