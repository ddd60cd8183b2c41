using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Cli.Bench;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli;

/// <summary>
/// `eop bench`: each workload through the suite (TorchSharp) and through the same computation in
/// PyTorch (bench/pytorch_peer.py), never both at once, same threads, with their ratio. The ratio
/// is the suite's time over PyTorch's (for rates, PyTorch's rate over the suite's): at most 1.00
/// means the suite is at least as fast. With <c>--interleave</c> the two sides take turns, one timed
/// run each per round, so that a machine whose speed drifts over minutes (a shared VM) slows both
/// alike; each side's figure is then the median over the rounds.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var workload = new Option<string>("--workload") { Description = $"all, or one of {string.Join(", ", SuiteBench.Workloads)}", DefaultValueFactory = _ => "all" };
        var threads = new Option<int>("--threads") { Description = "threads for both sides (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var repeats = new Option<int>("--repeats") { Description = "timed runs per workload; the median is reported", DefaultValueFactory = _ => 5 };
        var noPeer = new Option<bool>("--no-peer") { Description = "measure the suite only (no python3-torch needed)" };
        var interleave = new Option<bool>("--interleave") { Description = "alternate the two sides, one timed run each per round (--repeats rounds), so both see the same machine; the peer's process starts once a round" };
        var json = VerbSupport.JsonOption();
        var cmd = new Command("bench", "Speed of the suite's workloads against the same computations in PyTorch.") { workload, threads, repeats, noPeer, interleave, json };
        cmd.SetAction(r =>
        {
            var n = r.GetValue(threads);
            var reps = r.GetValue(repeats);
            if (n < 1) throw new ArgumentException($"--threads {n}: at least 1");
            if (reps < 1) throw new ArgumentException($"--repeats {reps}: at least 1");
            var names = r.GetValue(workload) is "all" ? SuiteBench.Workloads : [r.GetValue(workload)!];
            torch.set_num_threads(n);
            if (r.GetValue(interleave) && r.GetValue(noPeer)) throw new ArgumentException("--interleave needs the peer; leave out --no-peer");
            List<BenchMeasure> suite;
            (string Version, string Blas, Dictionary<string, double> Rows) peerRun;
            if (r.GetValue(interleave))
            {
                var suiteRounds = new List<List<BenchMeasure>>();
                var peerRounds = new List<(string Version, string Blas, Dictionary<string, double> Rows)>();
                for (var round = 0; round < reps; round++)
                {
                    suiteRounds.Add([.. names.SelectMany(w => SuiteBench.Run(w, 1))]);
                    peerRounds.Add(PyTorchPeer.Run(ShippedWeights.RepositoryRoot(), r.GetValue(workload)!, n, 1));
                }
                suite = [.. suiteRounds[0].Select((m, k) => m with { Value = Median(suiteRounds.Select(x => x[k].Value)) })];
                peerRun = (peerRounds[0].Version, peerRounds[0].Blas, peerRounds[0].Rows.Keys.ToDictionary(k => k, k => Median(peerRounds.Select(x => x.Rows[k]))));
            }
            else
            {
                suite = [.. names.SelectMany(w => SuiteBench.Run(w, reps))];
                peerRun = r.GetValue(noPeer) ? ("", "", new Dictionary<string, double>()) : PyTorchPeer.Run(ShippedWeights.RepositoryRoot(), r.GetValue(workload)!, n, reps);
            }
            var (peerVersion, peerBlas, peer) = peerRun;
            var rows = suite.Select(s =>
            {
                double? reference = peer.TryGetValue(s.Name, out var v) ? v : null;
                double? ratio = reference is { } p ? (s.HigherIsBetter ? p / s.Value : s.Value / p) : null;
                return new { name = s.Name, unit = s.Unit, suite = s.Value, pytorch = reference, ratio };
            }).ToList();

            Console.WriteLine($"TorchSharp (libtorch {torch.__version__}) against PyTorch {(peerVersion == "" ? "(not run)" : peerVersion)}; {n} thread(s), median of {reps} {(r.GetValue(interleave) ? "interleaved rounds" : "runs")}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"workload",-30} {"unit",-8} {"suite",10} {"PyTorch",10} {"ratio",7}");
            foreach (var row in rows)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.name,-30} {row.unit,-8} {row.suite,10:F2} {(row.pytorch is { } p ? p.ToString("F2", CultureInfo.InvariantCulture) : "-"),10} {(row.ratio is { } q ? q.ToString("F3", CultureInfo.InvariantCulture) : "-"),7}"));
            Console.WriteLine("ratio: the suite's time over PyTorch's; at most 1.00 is at least as fast");
            if (peerBlas.Length > 0) Console.WriteLine($"PyTorch's BLAS: {peerBlas}");
            if (peerBlas.Contains("core Prescott", StringComparison.Ordinal))
                Console.WriteLine("  OpenBLAS did not recognise this CPU and runs its generic SSE3 kernels, so PyTorch's matrix products are slow here; set OPENBLAS_CORETYPE (SkylakeX or Cooperlake for AVX-512, Haswell for AVX2) to give it this CPU's kernels");
            if (r.GetValue(json) is { } file)
                JsonOutput.Write(file, new { threads = n, repeats = reps, interleaved = r.GetValue(interleave), torchSharpLibtorch = torch.__version__, pytorch = peerVersion, pytorchBlas = peerBlas, rows });
            return 0;
        });
        return cmd;
    }

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
