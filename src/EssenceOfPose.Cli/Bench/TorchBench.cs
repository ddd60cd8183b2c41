using System.Diagnostics;
using System.Text.Json;

namespace EssenceOfPose.Cli.Bench;

/// <summary>One workload measured through the binding and from C++ (the reference program).</summary>
internal sealed record BenchRow(string Name, string Unit, double Binding, double Reference, string Goal);

/// <summary>
/// `eop bench torch`: the binding against libtorch called from C++ on the same workloads —
/// a 1024² float32 matmul, a conv2d (input 64×64×32×32, 128 filters 3×3, padding 1) and
/// the per-call cost of adding two 1-element tensors. Each figure is a median over repeats.
/// </summary>
internal static class TorchBench
{
    const double MatmulFlop = 2.0 * 1024 * 1024 * 1024;
    const double ConvFlop = 2.0 * 64 * 128 * 32 * 32 * 64 * 3 * 3;
    const int AddCalls = 100_000;

    public static IReadOnlyList<BenchRow> Run(int threads, int repeats)
    {
        torch.set_num_threads(threads);
        var reference = RunReference(threads, repeats);
        var rng = new Random(0);
        using var scope = torch.NewDisposeScope();

        var a = Randn(rng, 1024, 1024);
        var b = Randn(rng, 1024, 1024);
        var mm = Median(repeats, 5, () => a.mm(b).Dispose());

        var x = Randn(rng, 64, 64, 32, 32);
        var w = Randn(rng, 128, 64, 3, 3);
        var conv = Median(repeats, 2, () => F.conv2d(x, w, padding: [1, 1]).Dispose());

        var p = torch.tensor(new float[] { 1 }, [1]);
        var q = torch.tensor(new float[] { 1 }, [1]);
        var add = Median(repeats, 1, () =>
        {
            for (var i = 0; i < AddCalls; i++) (p + q).Dispose();
        });

        return
        [
            new("matmul 1024² f32", "GFLOP/s", MatmulFlop / mm / 1e9, reference.GetProperty("matmul_gflops").GetDouble(), "within 10%"),
            new("conv2d 64×64×32×32, 128×3×3", "GFLOP/s", ConvFlop / conv / 1e9, reference.GetProperty("conv2d_gflops").GetDouble(), "within 10%"),
            new("add, 1-element tensors", "µs/call", add / AddCalls * 1e6, reference.GetProperty("abi_add_us").GetDouble(), "within 2 µs"),
        ];
    }

    static Tensor Randn(Random rng, params long[] shape)
    {
        var n = shape.Aggregate(1L, (s, d) => s * d);
        var data = new float[n];
        for (var i = 0; i < n; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        return torch.tensor(data, shape);
    }

    /// <summary>Median seconds per call over <paramref name="repeats"/> timed runs of <paramref name="inner"/> calls, after one warm-up.</summary>
    static double Median(int repeats, int inner, Action body)
    {
        body();
        var s = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < inner; i++) body();
            s[r] = sw.Elapsed.TotalSeconds / inner;
        }
        Array.Sort(s);
        return s[repeats / 2];
    }

    static JsonElement RunReference(int threads, int repeats)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "eop_bench_reference");
        if (!File.Exists(exe)) throw new FileNotFoundException($"the C++ reference benchmark is missing: {exe} (it is built with the native shim by dotnet build)");
        var psi = new ProcessStartInfo(exe, [threads.ToString(), repeats.ToString()]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var proc = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {exe}");
        var stdout = proc.StandardOutput.ReadToEnd();
        var stderr = proc.StandardError.ReadToEnd();
        proc.WaitForExit();
        if (proc.ExitCode != 0) throw new InvalidOperationException($"{exe} exited with {proc.ExitCode}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
