using System.CommandLine;
using System.Text.Json;
using EssenceOfPose.Data.Manifests;

namespace EssenceOfPose.Cli;

/// <summary>`eop dataset`: datasets by manifest (data-manifests/*.json): check a copy, plan a download.</summary>
internal static class DatasetCommands
{
    public static Command Create()
    {
        var cmd = new Command("dataset", "Datasets: render the synthetic city, verify a copy on disk against its manifest, print the commands that download the real one.");
        cmd.Subcommands.Add(Verify());
        cmd.Subcommands.Add(Fetch());
        cmd.Subcommands.Add(SynthCommand.Create());
        cmd.Subcommands.Add(DatasetShowCommand.Create());
        return cmd;
    }

    private static Command Verify()
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "the dataset's manifest (data-manifests/*.json)", Required = true };
        var root = new Option<DirectoryInfo>("--root") { Description = "folder holding the copy to check", Required = true };
        var json = new Option<FileInfo?>("--json") { Description = "write the report's numbers to this JSON file" };
        var skipDecode = new Option<bool>("--skip-decode") { Description = "do not decode the images (fast on a full copy): only check that each is present and not empty; the report says so" };
        var cmd = new Command("verify", "Check a copy against its manifest (counts, hashes, parsing, files present, every image decodes); exit 1 on mismatch.") { manifest, root, json, skipDecode };
        cmd.SetAction((ParseResult r, CancellationToken ct) => Run(() =>
        {
            var m = DatasetManifest.Load(r.GetValue(manifest)!.FullName);
            var report = ManifestVerifier.Verify(m, r.GetValue(root)!.FullName, decodeImages: !r.GetValue(skipDecode));
            Console.WriteLine(report.Summary());
            if (r.GetValue(json) is { } file) WriteJson(file, report.ToJson());
            return report.Ok ? 0 : 1;
        }));
        return cmd;
    }

    private static Command Fetch()
    {
        var manifest = new Option<FileInfo>("--manifest") { Description = "the dataset's manifest (data-manifests/*.json)", Required = true };
        var dest = new Option<string>("--out") { Description = "folder the download goes to", Required = true };
        var part = new Option<string>("--part") { Description = "which files", DefaultValueFactory = _ => "all" };
        part.AcceptOnlyFromAmong("aligned", "unaligned", "test", "all");
        var json = new Option<FileInfo?>("--json") { Description = "write the plan (files, links, commands) to this JSON file" };
        var cmd = new Command("fetch", "Print the aria2c commands that download a dataset; nothing is downloaded or run.") { manifest, dest, part, json };
        cmd.SetAction((ParseResult r, CancellationToken ct) => Run(() =>
        {
            var m = DatasetManifest.Load(r.GetValue(manifest)!.FullName);
            var chosen = r.GetValue(part)!;
            var plan = FetchPlan.Create(m, r.GetValue(dest)!, chosen == "all" ? null : [chosen]);
            Console.WriteLine($"# {m.Name}, part {chosen}: {plan.Files.Count} files into {plan.Destination}" +
                (m.Size?.ApproxBytes is { } b && chosen == "all" ? $" (about {b / 1e9:F0} GB)" : ""));
            if (m.Licence is { } licence) Console.WriteLine($"# licence: {licence}");
            foreach (var note in m.Parts.Where(p => chosen == "all" || p.Name == chosen).Select(p => p.Note).OfType<string>())
                Console.WriteLine($"# note: {note}");
            Console.WriteLine("# run these yourself; eop does not download anything:");
            Console.Write(plan.Script);
            if (r.GetValue(json) is { } file)
            {
                WriteJson(file, JsonSerializer.Serialize(new
                {
                    manifest = m.Name,
                    part = chosen,
                    destination = plan.Destination,
                    files = plan.Files.Count,
                    plan.Commands,
                    links = plan.LinksFile,
                }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
            }
            return 0;
        }));
        return cmd;
    }

    /// <summary>Bad input (a missing or malformed manifest, a synthetic dataset to fetch) exits 2 with one line on stderr.</summary>
    private static Task<int> Run(Func<int> body)
    {
        try
        {
            return Task.FromResult(body());
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or ArgumentException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"eop dataset: {e.Message}");
            return Task.FromResult(2);
        }
    }

    private static void WriteJson(FileInfo file, string json) => JsonOutput.WriteText(file, json + "\n");
}
