using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Experiments;
using EssenceOfPose.Figures;
using EssenceOfPose.Generators;
using EssenceOfPose.Models;
using EssenceOfPose.Notebooks;

namespace EssenceOfPose.Cli;

/// <summary>
/// `eop search ugn` runs trials of the UGN hyper-parameter search, one process per worker, and
/// `eop search report` reads a search folder's results and writes the report. The suite has no
/// scheduler: GNU parallel, a Slurm array or a Kubernetes indexed Job starts the workers.
/// </summary>
internal static class SearchCommand
{
    public static Command Create() => new("search", "Hyper-parameter search: independent trials, one JSON result each, and their report.") { Ugn(), Report() };

    static Command Ugn()
    {
        var tap = new Option<string>("--tap") { Description = "tap whose codes the generator inverts: fc5 or conv4", Required = true };
        var data = new Option<DirectoryInfo[]>("--data") { Description = "dataset roots; their views are cached and encoded once per process", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "the search folder: search.json, one result per trial, the report", Required = true };
        var model = VerbSupport.ModelOption();
        var profile = VerbSupport.ProfileOption();
        var schedule = new Option<string>("--schedule") { Description = "random (every trial on --budget images) or halving (successive halving, reduction 3, at the same compute)", DefaultValueFactory = _ => "random" };
        var rung = new Option<int>("--rung") { Description = "halving: the rung to run (rung r needs rung r-1's results)", DefaultValueFactory = _ => 0 };
        var trial = new Option<int?>("--trial") { Description = "run this one trial" };
        var shard = new Option<string?>("--shard") { Description = "k/n: run the trials whose index is k modulo n (default: all)" };
        var trials = new Option<int?>("--trials") { Description = $"configurations sampled (default {UgnSearchOptions.Quick.Trials})" };
        var budget = new Option<double?>("--budget") { Description = "images each random-search trial trains on (quick 64, full 200000)" };
        var images = new Option<int?>("--images") { Description = "views cached, the last tenth held out (quick 160, full 20000)" };
        var seed = new Option<int?>("--seed") { Description = "search seed: trial i's configuration is a function of (seed, i)" };
        var threads = new Option<int>("--threads") { Description = "torch threads per worker", DefaultValueFactory = _ => 1 };
        var json = VerbSupport.JsonOption();
        var cmd = new Command("ugn", "Run trials of the UGN hyper-parameter search; each writes OUT/<schedule>/…/trial-NNNNN.json, and a trial already written is skipped.")
        {
            tap, data, output, model, profile, schedule, rung, trial, shard, trials, budget, images, seed, threads, json,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("search ugn", () =>
        {
            var o = VerbSupport.Profile(r, profile) == Profile.Full ? UgnSearchOptions.Full : UgnSearchOptions.Quick;
            o = o with
            {
                Trials = r.GetValue(trials) ?? o.Trials,
                Budget = r.GetValue(budget) ?? o.Budget,
                Images = r.GetValue(images) ?? o.Images,
                Seed = r.GetValue(seed) ?? o.Seed,
            };
            var search = new UgnSearch(r.GetValue(output)!.FullName, o);
            var which = r.GetValue(schedule) switch
            {
                "random" => UgnSchedule.Random,
                "halving" => UgnSchedule.Halving,
                var s => throw new ArgumentException($"--schedule {s}: expected random or halving"),
            };
            var at = r.GetValue(rung);
            if (r.GetValue(trial) is not null && r.GetValue(shard) is not null) throw new ArgumentException("--trial and --shard: give one or neither");
            var (worker, workers) = r.GetValue(shard) is { } text ? UgnSearchPlan.ParseShard(text) : (0, 1);
            // Everything the command line and the results already written decide is checked before the model and data load.
            if (r.GetValue(trial) is { } i && (i < 0 || i >= o.Trials)) throw new ArgumentException($"--trial {i}: expected 0 to {o.Trials - 1} (--trials {o.Trials})");
            var planned = search.TrialsOf(which, at); // refuses a rung out of range, or one whose previous rung is unfinished
            if (r.GetValue(trial) is { } one && !planned.Contains(one))
                throw new ArgumentException($"--trial {one}: not promoted to rung {at}; its trials are {string.Join(", ", planned)}");
            var mine = r.GetValue(trial) is { } t ? [t] : UgnSearchPlan.Shard(planned, worker, workers);

            using var net = VerbSupport.LoadModel(r.GetValue(model)!);
            var tapName = net.Tap(r.GetValue(tap)!);
            var dirs = r.GetValue(data)!.Select(d => d.FullName).ToArray();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            torch.set_num_threads(r.GetValue(threads));
            using var cache = CodeCache.Build(net, tapName, dirs, o.Images, o.Seed);
            search.Claim(search.Manifest(cache));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{cache.Count} views at {tapName} cached in {clock.Elapsed.TotalSeconds:F1} s; {which.ToString().ToLowerInvariant()} rung {at}: {mine.Count} of {planned.Count} trials on {o.Rungs(which)[at].Budget:F0} images each"));
            var (ran, skipped) = (0, 0);
            foreach (var (result, wasThere) in search.Run(cache, which, at, mine, r.GetValue(threads), ct))
            {
                if (wasThere) { skipped++; continue; }
                ran++;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  trial {result.Trial}: validation MSE {result.ValidationLoss:F1}{(result.Diverged ? " (diverged)" : "")}, {result.Steps} steps of {result.Config.BatchSize}, width {result.Config.Width}, lr {result.Config.Lr:E1}, {result.Seconds:F1} s"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ran {ran} trials, skipped {skipped} already written, in {clock.Elapsed.TotalSeconds:F1} s; {search.Dir}"));
            if (r.GetValue(json) is { } file) JsonOutput.Write(file, new { ran, skipped, seconds = clock.Elapsed.TotalSeconds, schedule = which, rung = at, trials = mine });
            return 0;
        }));
        return cmd;
    }

    static Command Report()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "the search folder written by eop search ugn", Required = true };
        var cmd = new Command("report", "Report a search folder: the best configurations, parallel coordinates of all trials, loss against each hyper-parameter, and the schedules compared; OUT/report.json and OUT/report.html.")
        {
            output,
        };
        cmd.SetAction((r, ct) => VerbSupport.Guard("search report", () =>
        {
            var dir = r.GetValue(output)!.FullName;
            var search = UgnSearch.Open(dir);
            var m = UgnSearch.ReadManifest(search.ManifestPath);
            var report = UgnSearchReport.Build(search);
            FigureJson.Write(Path.Combine(dir, "report.json"), report);
            var warning = ChartPage.Write(Path.Combine(dir, "report.html"), $"UGN search at {m.Tap}", report.Figures());
            Console.WriteLine(report.BestTable().ToString());
            Console.WriteLine(report.Verdict);
            if (warning is not null) Console.WriteLine(warning);
            Console.WriteLine($"wrote {Path.Combine(dir, "report.json")} and report.html");
            return 0;
        }));
        return cmd;
    }
}
