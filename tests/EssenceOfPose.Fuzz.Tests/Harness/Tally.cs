using System.Collections.Concurrent;
using System.Text;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// Collects every case's result per loader and writes the table the suite reports:
/// <c>fuzz-report.md</c> beside the test assembly (or at <c>EOP_FUZZ_REPORT</c>), rewritten after each loader.
/// </summary>
internal static class Tally
{
    static readonly ConcurrentDictionary<string, List<CaseResult>> s_results = new(StringComparer.Ordinal);

    public static void Add(string loader, IEnumerable<CaseResult> results)
    {
        var list = s_results.GetOrAdd(loader, _ => []);
        lock (list) list.AddRange(results);
        lock (s_results) File.WriteAllText(ReportPath, Render());
    }

    public static string ReportPath => Environment.GetEnvironmentVariable("EOP_FUZZ_REPORT") is { Length: > 0 } p
        ? p
        : Path.Combine(AppContext.BaseDirectory, "fuzz-report.md");

    public static string Render()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"| loader | cases | clear | accepted | crash | hang | blow-up | silent | unclear | peak memory |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (loader, results) in s_results.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            List<CaseResult> rs;
            lock (results) rs = [.. results];
            int N(Outcome o) => rs.Count(r => r.Outcome == o);
            sb.AppendLine($"| {loader} | {rs.Count} | {N(Outcome.Clear)} | {N(Outcome.Accepted)} | {N(Outcome.Crash)} | {N(Outcome.Hang)} | {N(Outcome.BlowUp)} | {N(Outcome.Silent)} | {N(Outcome.Unclear)} | {rs.Max(r => r.PeakBytes) >> 20} MiB |");
        }
        sb.AppendLine();
        sb.AppendLine($"Ceilings: an in-process case may raise the test process's RSS by {InProcessRunner.CeilingBytes >> 20} MiB (\"peak memory\": the largest rise); an `eop` process may reach {EopProcess.CeilingBytes >> 20} MiB (\"peak memory\": its peak RSS).");
        sb.AppendLine();
        foreach (var (loader, results) in s_results.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            lock (results)
                foreach (var r in results) sb.AppendLine("- " + r.ToString().Replace("|", "\\|"));
        }
        return sb.ToString();
    }
}
