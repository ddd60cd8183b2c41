using System.Diagnostics;

namespace EssenceOfPose.Notebooks;

/// <summary>Runs C# notebooks on the .NET Interactive C# kernel, each in a kernel process of its own
/// (so that nothing a cell does can end the run), writes executed copies and an HTML report to the
/// output folder, and goes on past a failing notebook so that one run reports on all of them.</summary>
public sealed class NotebookRunner(NotebookRunOptions options, TextWriter? log = null)
{
    private readonly TextWriter _log = TextWriter.Synchronized(log ?? TextWriter.Null);

    public async Task<NotebookRunSummary> RunAsync(IEnumerable<string> notebookPaths, CancellationToken cancellation = default)
    {
        var paths = notebookPaths.Select(Path.GetFullPath).ToList();
        var parameters = options.InjectedValues();
        var outputDirectory = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(outputDirectory);
        var names = new OutputNames(outputDirectory, paths);
        var watch = Stopwatch.StartNew();
        var runs = new List<(NotebookRunResult Result, NotebookDocument? Executed)>();

        for (var i = 0; i < paths.Count; i++)
        {
            var stem = names.Reserve(paths[i]);
            _log.WriteLine($"[{i + 1}/{paths.Count}] {paths[i]}");
            var run = await RunOneAsync(paths[i], outputDirectory, stem, parameters, cancellation);
            runs.Add(run);
            _log.WriteLine(Describe(run.Result));
        }

        var reportPath = new ReportWriter(outputDirectory, options).Write(runs, watch.Elapsed);
        var summary = new NotebookRunSummary([.. runs.Select(r => r.Result)], watch.Elapsed, reportPath);
        _log.WriteLine($"{summary.Notebooks.Count} notebook(s) in {summary.Duration.TotalSeconds:0.0} s, " +
                       $"{summary.Failures.Count()} failed. Report: {reportPath}");
        foreach (var failure in summary.Failures) _log.WriteLine($"  FAILED {failure.Name}: {Reason(failure)}");
        return summary;
    }

    private async Task<(NotebookRunResult Result, NotebookDocument? Executed)> RunOneAsync(
        string source, string outputDirectory, string stem, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        var executedPath = Path.Combine(outputDirectory, stem + ".ipynb");
        var request = new KernelRequest(source, executedPath, Path.Combine(outputDirectory, stem + ".status.json"), options.CellTimeout, [.. parameters]);
        var (status, hasCopy) = await new KernelProcess(request, _log).RunAsync(cancellation);
        File.Delete(request.StatusPath);

        NotebookDocument? executed = null;
        if (hasCopy)
        {
            try
            {
                executed = NotebookDocument.Load(executedPath);
            }
            catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
            {
                status = status with { Notes = [.. status.Notes, $"The executed copy cannot be read: {e.Message}"] };
            }
        }
        var result = new NotebookRunResult(
            source,
            executed is null ? null : executedPath,
            executed is null ? null : Path.Combine(outputDirectory, stem + ".html"),
            status.Status switch
            {
                KernelStatus.Ok => NotebookStatus.Ok,
                KernelStatus.TimedOut => NotebookStatus.TimedOut,
                _ => NotebookStatus.Failed,
            },
            watch.Elapsed,
            status.Cell,
            status.Message,
            status.Notes);
        return (result, executed);
    }

    private static string Describe(NotebookRunResult result) =>
        result.Status == NotebookStatus.Ok
            ? $"  ok in {result.Duration.TotalSeconds:0.0} s"
            : $"  {(result.Status == NotebookStatus.TimedOut ? "TIMED OUT" : "FAILED")} in {result.Duration.TotalSeconds:0.0} s: {Reason(result)}";

    private static string Reason(NotebookRunResult result) =>
        result.FailedCell is int cell ? $"cell {cell}: {result.Message}" : result.Message ?? "";
}
