using System.Diagnostics;

namespace EssenceOfPose.Notebooks;

/// <summary>Runs C# notebooks headless, the way the .NET Interactive kernel would (Roslyn scripting,
/// same conventions), writes executed copies and an HTML report to the output folder, and goes on
/// past a failing notebook so that one run reports on all of them. Cells run with the notebook's
/// folder as working directory, which is process-wide, so runs in one process take turns.</summary>
public sealed class NotebookRunner(NotebookRunOptions options, TextWriter? log = null)
{
    private static readonly SemaphoreSlim s_oneRunAtATime = new(1, 1);
    private readonly TextWriter _log = log ?? TextWriter.Null;

    public async Task<NotebookRunSummary> RunAsync(IEnumerable<string> notebookPaths, CancellationToken cancellation = default)
    {
        await s_oneRunAtATime.WaitAsync(cancellation);
        try
        {
            return await RunAllAsync(notebookPaths, cancellation);
        }
        finally
        {
            s_oneRunAtATime.Release();
        }
    }

    private async Task<NotebookRunSummary> RunAllAsync(IEnumerable<string> notebookPaths, CancellationToken cancellation)
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
            var execution = new NotebookExecution(options, parameters, _log);
            var run = await execution.RunAsync(paths[i],
                Path.Combine(outputDirectory, stem + ".ipynb"), Path.Combine(outputDirectory, stem + ".html"), cancellation);
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

    private static string Describe(NotebookRunResult result) =>
        result.Status == NotebookStatus.Ok
            ? $"  ok in {result.Duration.TotalSeconds:0.0} s"
            : $"  {(result.Status == NotebookStatus.TimedOut ? "TIMED OUT" : "FAILED")} in {result.Duration.TotalSeconds:0.0} s: {Reason(result)}";

    private static string Reason(NotebookRunResult result) =>
        result.FailedCell is int cell ? $"cell {cell}: {result.Message}" : result.Message ?? "";
}
