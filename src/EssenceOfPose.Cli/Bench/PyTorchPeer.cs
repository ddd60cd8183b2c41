using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace EssenceOfPose.Cli.Bench;

/// <summary>
/// Runs bench/pytorch_peer.py with Debian's python3-torch (never at the same time as the suite's
/// side, so neither takes the other's cores) and reads its rows by name.
/// </summary>
internal static class PyTorchPeer
{
    public const string Python = "/usr/bin/python3";

    /// <returns>PyTorch's version, its BLAS (for OpenBLAS with the kernel set it chose: a generic "Prescott" on a newer CPU makes its matrix products several times slower) and the rows by name.</returns>
    public static (string Version, string Blas, Dictionary<string, double> Rows) Run(string repoRoot, string workload, int threads, int repeats)
    {
        var script = Path.Combine(repoRoot, "bench", "pytorch_peer.py");
        if (!File.Exists(script)) throw new FileNotFoundException($"{script}: the PyTorch peer is missing", script);
        if (!File.Exists(Python)) throw new InvalidOperationException($"{Python} not found: the peer needs Debian's python3-torch (apt-get install python3-torch)");
        var json = Path.Combine(Path.GetTempPath(), $"eop-peer-{Guid.NewGuid():N}.json");
        try
        {
            var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { script, "--workload", workload, "--threads", threads.ToString(CultureInfo.InvariantCulture), "--repeats", repeats.ToString(CultureInfo.InvariantCulture), "--json", json })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync(); // drained so a full pipe cannot stall the peer; its table is not needed
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{script} exited with {process.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}");
            using var doc = JsonDocument.Parse(File.ReadAllText(json));
            var rows = doc.RootElement.GetProperty("rows").EnumerateArray()
                .ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("value").GetDouble());
            var blas = doc.RootElement.TryGetProperty("blas", out var b) ? b.GetString() ?? "" : "";
            return (doc.RootElement.GetProperty("torch").GetString() ?? "?", blas, rows);
        }
        finally
        {
            File.Delete(json);
        }
    }
}
