using System.Diagnostics;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// Runs `eop ARGS` as a process of its own, as a user would: a stack overflow or an abort is then
/// a result (a crash), not the end of the suite. Its peak memory is the larger of its VmHWM, read
/// every 20 ms while it runs, and the rise of getrusage's largest-child figure once it is reaped.
/// </summary>
internal static class EopProcess
{
    /// <summary>The most resident memory one `eop` process may reach (it starts at about 150 MiB with libtorch loaded).</summary>
    public const long CeilingBytes = 1L << 30;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(90);

    /// <param name="refuseCodes">Exit codes that mean "refused": 2 for bad input; `dataset verify` also exits 1 on a mismatch.</param>
    /// <param name="report">The verb prints a multi-line report on stdout: the input must be named there, and stderr must stay empty.</param>
    public static CaseResult Run(FuzzCase c, string workDir, IReadOnlyList<string> args, int[]? refuseCodes = null, bool report = false)
    {
        refuseCodes ??= [2];
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(EopDll.Value);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        start.Environment["EOP_DEBUG"] = "0";
        var peakFile = Path.Combine(Path.GetTempPath(), $"eop-peak-{Guid.NewGuid():N}");
        start.Environment["EOP_PEAK_RSS_FILE"] = peakFile;

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        long polled = 0;
        var finished = false;
        while (watch.Elapsed < TimeLimit)
        {
            if (process.WaitForExit(10))
            {
                finished = true;
                break;
            }
            polled = Math.Max(polled, Memory.PeakOf(process.Id) ?? 0);
            if (polled > CeilingBytes) break;
        }
        if (!finished) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        watch.Stop();
        // eop writes its VmHWM as it exits (EOP_PEAK_RSS_FILE); a process that crashed or was killed has only the samples.
        var reported = File.Exists(peakFile) && long.TryParse(File.ReadAllText(peakFile), out var r) ? r : 0;
        File.Delete(peakFile);
        var peak = Math.Max(polled, reported);
        var err = stderr.Result.Trim();
        var output = stdout.Result;

        if (peak > CeilingBytes)
            return new CaseResult(c, Outcome.BlowUp, $"peak RSS {peak >> 20} MiB over the ceiling of {CeilingBytes >> 20} MiB", peak, watch.Elapsed);
        if (!finished) return new CaseResult(c, Outcome.Hang, $"still running after {TimeLimit.TotalSeconds} s; killed", peak, watch.Elapsed);
        var code = process.ExitCode;
        if (code == 0)
            return new CaseResult(c, Classify.Acceptance(c), (report ? FirstLine(output) : "exit 0"), peak, watch.Elapsed);
        if (code >= 128 || code == 70 || err.Contains("Unhandled exception", StringComparison.Ordinal) || !refuseCodes.Contains(code))
            return new CaseResult(c, Outcome.Crash, $"exit {code}: {Shorten(err)}", peak, watch.Elapsed);
        if (report)
        {
            var outcome = err.Length == 0 && output.Contains(c.MustName, StringComparison.Ordinal) ? Outcome.Clear : Outcome.Unclear;
            var named = output.Split('\n').FirstOrDefault(l => l.Contains(c.MustName, StringComparison.Ordinal))?.Trim() ?? FirstLine(output);
            return new CaseResult(c, c.Expect == Expect.Accept ? Outcome.Unclear : outcome, $"exit {code}: {named}{(err.Length > 0 ? " | stderr: " + Shorten(err) : "")}", peak, watch.Elapsed);
        }
        // Every line of stderr is one of eop's own ("eop VERB: …"), and one of them names the input.
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var own = lines.Length > 0 && lines.All(l => l.StartsWith("eop", StringComparison.Ordinal));
        var naming = lines.FirstOrDefault(l => l.Contains(c.MustName, StringComparison.Ordinal)) ?? err;
        var result = own ? Classify.RefusalOf(c, naming) : Outcome.Unclear;
        return new CaseResult(c, result, $"exit {code}: {Shorten(err)}", peak, watch.Elapsed);
    }

    static string FirstLine(string text) => text.Split('\n').FirstOrDefault()?.Trim() ?? "";

    static string Shorten(string text) => text.Length <= 400 ? text.ReplaceLineEndings(" | ") : text[..400].ReplaceLineEndings(" | ") + "…";

    /// <summary>The eop.dll the build wrote beside the sources (scripts/test.sh builds the solution first), else the copy in this output folder.</summary>
    static readonly Lazy<string> EopDll = new(() =>
    {
        var here = AppContext.BaseDirectory;
        var configuration = new DirectoryInfo(here).Parent?.Name ?? "Release";
        for (var dir = new DirectoryInfo(here); dir is not null; dir = dir.Parent)
        {
            var built = Path.Combine(dir.FullName, "src", "EssenceOfPose.Cli", "bin", configuration, "net10.0", "eop.dll");
            if (File.Exists(built)) return built;
        }
        return Path.Combine(here, "eop.dll");
    });
}
