using System.CommandLine;
using EssenceOfPose.Cli.Bench;

namespace EssenceOfPose.Cli;

/// <summary>`eop bench torch`: speed of the binding against libtorch from C++.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var threads = new Option<int>("--threads") { Description = "libtorch threads (default: all cores)", DefaultValueFactory = _ => Environment.ProcessorCount };
        var repeats = new Option<int>("--repeats") { Description = "timed runs per workload; the median is reported", DefaultValueFactory = _ => 7 };
        var json = new Option<FileInfo?>("--json") { Description = "write the numbers to this JSON file" };
        var torchCmd = new Command("torch", "GFLOP/s of matmul and conv2d and µs per tiny op, through the binding and from C++.") { threads, repeats, json };
        torchCmd.SetAction(r =>
        {
            var n = r.GetValue(threads);
            var rows = TorchBench.Run(n, r.GetValue(repeats));
            Console.WriteLine($"libtorch {torch.__version__}, {n} thread(s), median of {r.GetValue(repeats)} runs, {Environment.ProcessorCount} cores");
            Console.WriteLine($"{"workload",-30} {"unit",-8} {"binding",10} {"C++",10} {"ratio",7}  goal");
            foreach (var row in rows)
                Console.WriteLine($"{row.Name,-30} {row.Unit,-8} {row.Binding,10:F2} {row.Reference,10:F2} {row.Binding / row.Reference,7:F3}  {row.Goal}");
            if (r.GetValue(json) is { } file)
                JsonOutput.Write(file, new { threads = n, repeats = r.GetValue(repeats), torch = torch.__version__, rows });
            return 0;
        });
        return new Command("bench", "Benchmarks.") { torchCmd };
    }
}
