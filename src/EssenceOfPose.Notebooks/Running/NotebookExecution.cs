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
        var notes = new List<string>();
        // Cells run in the notebook's folder, as Jupyter and Polyglot Notebooks run them, so that
        // relative paths mean the same here as in an editor. NotebookRunner runs one notebook at a time.
        var workingDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(sourcePath)!;
        (NotebookStatus Status, int? FailedCell, string? Message) outcome;
        try
        {
            outcome = await RunCellsAsync(notebook, new ScriptKernel(sourcePath), injected, notes, cancellation);
        }
        finally
        {
            Environment.CurrentDirectory = workingDirectory;
        }

        notebook.Save(executedPath);
        var result = new NotebookRunResult(sourcePath, executedPath, reportPage, outcome.Status, watch.Elapsed, outcome.FailedCell, outcome.Message, notes);
        return (result, notebook);

        NotebookRunResult Failure(string reason) =>
            new(sourcePath, null, null, NotebookStatus.Failed, watch.Elapsed, null, reason, []);
    }

    private async Task<(NotebookStatus Status, int? FailedCell, string? Message)> RunCellsAsync(
        NotebookDocument notebook, ScriptKernel kernel, NotebookCell injected, List<string> notes, CancellationToken cancellation)
    {
        var executionCount = 0;
        for (var index = 0; index < notebook.Cells.Count; index++)
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
            var status = outcome == CellOutcome.TimedOut ? NotebookStatus.TimedOut : NotebookStatus.Failed;
            return (status, number, outputs.Error is { } error ? $"{error.Name}: {error.Value}" : "the cell failed");
        }
        return (NotebookStatus.Ok, null, null);
    }
}
