using System.Diagnostics;
using System.Text.Json;

namespace EssenceOfPose.Notebooks;

// Runs one notebook: its C# cells in order in one kernel, parameters injected, other languages
// skipped with a note; the first failing cell stops it, and the cells after it keep no outputs.
// Writes the executed copy, even of a failed run, since that is where the error is shown.
internal sealed class NotebookExecution(NotebookRunOptions options, IReadOnlyDictionary<string, string> parameters, TextWriter log)
{
    public async Task<(NotebookRunResult Result, NotebookDocument? Executed)> RunAsync(
        string sourcePath, string executedPath, string reportPage, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        NotebookDocument notebook;
        try
        {
            notebook = NotebookDocument.Load(sourcePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException or InvalidOperationException)
        {
            return (Failure($"cannot read the notebook: {e.Message}"), null);
        }
        if (!CellLanguage.IsCSharp(notebook.KernelLanguage))
            return (Failure($"its kernel language is {notebook.KernelLanguage}; this runner runs C# notebooks only"), null);

        foreach (var cell in notebook.Cells) cell.ClearOutputs();
        var injected = NotebookParameters.Inject(notebook, parameters);
        var kernel = new ScriptKernel(sourcePath);
        var notes = new List<string>();
        var status = NotebookStatus.Ok;
        int? failedCell = null;
        string? message = null;
        var executionCount = 0;

        for (var index = 0; index < notebook.Cells.Count && status == NotebookStatus.Ok; index++)
        {
            var cell = notebook.Cells[index];
            var number = index + 1;
            if (!cell.IsCode) continue;
            if (CellLanguage.Of(cell) is { } language && !CellLanguage.IsCSharp(language))
            {
                notes.Add($"Cell {number} skipped: it is {language}, not C#.");
                log.WriteLine($"  cell {number} skipped ({language})");
                continue;
            }
            if (ReferenceEquals(cell, injected)) cell.Source = NotebookParameters.Source(parameters, kernel.VariableType);
            var code = CellLanguage.CodeOf(cell);
            if (string.IsNullOrWhiteSpace(code)) continue;

            var outputs = new CellOutputs();
            var outcome = await kernel.RunCellAsync(code, number, outputs, options.CellTimeout, cancellation);
            cell.SetOutputs(outputs.ToJson(), ++executionCount);
            if (outcome == CellOutcome.Succeeded) continue;
            status = outcome == CellOutcome.TimedOut ? NotebookStatus.TimedOut : NotebookStatus.Failed;
            failedCell = number;
            message = outputs.Error is { } error ? $"{error.Name}: {error.Value}" : "the cell failed";
        }

        notebook.Save(executedPath);
        var result = new NotebookRunResult(sourcePath, executedPath, reportPage, status, watch.Elapsed, failedCell, message, notes);
        return (result, notebook);

        NotebookRunResult Failure(string reason) =>
            new(sourcePath, null, null, NotebookStatus.Failed, watch.Elapsed, null, reason, []);
    }
}
