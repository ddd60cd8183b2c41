namespace EssenceOfPose.Notebooks;

/// <summary>How a notebook's run ended.</summary>
public enum NotebookStatus
{
    Ok,
    Failed,
    TimedOut,
}

/// <summary>The outcome of one notebook: status, the executed copy and its report page, time taken,
/// and for a failure the cell and the reason.</summary>
public sealed record NotebookRunResult(
    string SourcePath,
    string? ExecutedPath,
    string? ReportPage,
    NotebookStatus Status,
    TimeSpan Duration,
    int? FailedCell,
    string? Message,
    IReadOnlyList<string> Notes)
{
    public string Name => Path.GetFileName(SourcePath);
}

/// <summary>The outcome of a run over several notebooks, with the path of its HTML report.</summary>
public sealed record NotebookRunSummary(IReadOnlyList<NotebookRunResult> Notebooks, TimeSpan Duration, string ReportPath)
{
    public bool Succeeded => Notebooks.All(n => n.Status == NotebookStatus.Ok);

    public IEnumerable<NotebookRunResult> Failures => Notebooks.Where(n => n.Status != NotebookStatus.Ok);

    /// <summary>The process exit code for the run: 0 when every notebook ran to the end, else 1.</summary>
    public int ExitCode => Succeeded ? 0 : 1;
}
