using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;

namespace EssenceOfPose.Notebooks;

/// <summary>The kernel process: runs one notebook on an in-process C# kernel, in the notebook's
/// folder as Jupyter does, and writes the executed copy (before each cell, every second while one
/// runs, and at the end, so that a crash leaves what ran) and its status for the runner.</summary>
internal static class NotebookSession
{
    // How long a cancelled cell gets to stop by itself before the process stops waiting for it.
    private static readonly TimeSpan s_grace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_checkpoint = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(KernelRequest request)
    {
        // Progress for the runner's log, on the real stdout: the kernel redirects Console.Out while a cell runs.
        var log = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var source = Path.GetFullPath(request.Notebook);
        NotebookFile notebook;
        try
        {
            notebook = NotebookFile.Load(source);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            new KernelStatus { Status = KernelStatus.Invalid, Message = $"cannot read the notebook: {e.Message}" }.Write(request.StatusPath);
            return 2;
        }

        var document = notebook.Document;
        foreach (var element in document.Elements)
        {
            element.Outputs.Clear();
            element.ExecutionOrder = 0;
        }
        var injected = NotebookParameters.Inject(document);
        var notes = new List<string>();

        // Cells run in the notebook's folder, as in Jupyter: the kernel resolves #r and #load against
        // the working directory.
        Environment.CurrentDirectory = Path.GetDirectoryName(source)!;
        CompositeKernel kernel;
        try
        {
            kernel = await KernelFactory.CreateAsync();
        }
        catch (Exception e) // whatever stops the kernel from starting, the runner is told why
        {
            new KernelStatus { Status = KernelStatus.Failed, Message = $"the C# kernel did not start: {e.Message}" }.Write(request.StatusPath);
            return 1;
        }

        var executionCount = 0;
        var running = (Index: -1, Outputs: (CellOutputs?)null);
        // Environment.Exit in a cell: keep what the cell printed before it (a crash keeps the cells before).
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (running.Outputs is { } outputs) Flush(running.Index, outputs);
        };
        using var subscription = kernel.KernelEvents.Subscribe(e => running.Outputs?.On(e, running.Index + 1));

        for (var index = 0; index < document.Elements.Count; index++)
        {
            var element = document.Elements[index];
            var number = index + 1;
            if (element.KernelName == "markdown" || notebook.IsRaw(element)) continue;
            if (element.KernelName != "csharp")
            {
                notes.Add($"Cell {number} skipped: it is {element.KernelName}, not C#.");
                continue;
            }
            if (ReferenceEquals(element, injected))
                element.Contents = NotebookParameters.Source(request.Parameters, name => KernelFactory.VariableType(kernel, name));
            if (string.IsNullOrWhiteSpace(element.Contents)) continue;

            var outputs = new CellOutputs(++executionCount);
            element.ExecutionOrder = executionCount;
            running = (index, outputs);
            lock (notebook) notebook.Save(request.ExecutedPath); // with this cell's execution count, in case it never returns
            new KernelStatus { Cell = number, CellIndex = index, Notes = notes }.Write(request.StatusPath);

            var watch = Stopwatch.StartNew();
            var submit = SubmitAsync(kernel, element.Contents, request.CellTimeout);
            // A crash (FailFast, stack overflow) runs no handler, and what the cell printed before it is
            // the best clue to why: checkpoint a long cell's outputs.
            for (var saved = outputs.Version; await Task.WhenAny(submit, Task.Delay(s_checkpoint)) != submit;)
            {
                if (outputs.Version == saved) continue;
                saved = outputs.Version;
                Flush(index, outputs);
            }
            var timedOut = !await submit;
            if (timedOut) outputs.ReplaceErrors(CellErrors.Timeout(number, request.CellTimeout));
            running = (-1, null);
            Flush(index, outputs);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cell {number}: {watch.Elapsed.TotalSeconds:0.0} s"));

            if (timedOut) return Finish(KernelStatus.TimedOut, number, outputs.Error!.ErrorValue);
            if (outputs.Error is { } error) return Finish(KernelStatus.Failed, number, $"{error.ErrorName}: {error.ErrorValue}");
        }
        return Finish(KernelStatus.Ok, null, null);

        void Flush(int index, CellOutputs outputs)
        {
            lock (notebook) // the main loop, and ProcessExit on the thread of a cell that called Environment.Exit
            {
                var element = document.Elements[index];
                element.Outputs.Clear();
                element.Outputs.AddRange(outputs.ToElements());
                notebook.Save(request.ExecutedPath);
            }
        }

        int Finish(string status, int? cell, string? message)
        {
            lock (notebook) notebook.Save(request.ExecutedPath);
            new KernelStatus { Status = status, Cell = cell, Message = message, Notes = notes }.Write(request.StatusPath);
            // A timed-out cell may still be running, on any thread: end the process, not just Main.
            var code = status == KernelStatus.Ok ? 0 : 1;
            Environment.Exit(code);
            return code;
        }
    }

    /// <summary>Runs one cell; false when it passed its timeout. Then the kernel is sent a Cancel, as
    /// Jupyter's interrupt does, which cancels the cell's token
    /// (KernelInvocationContext.Current.CancellationToken), and a cell that ignores it is abandoned
    /// after a grace period.</summary>
    private static async Task<bool> SubmitAsync(Kernel kernel, string code, TimeSpan timeout)
    {
        // Task.Run: the kernel runs a cell synchronously up to its first await, and a cell that never
        // awaits must not hold this loop past its timeout.
        var run = Task.Run(() => kernel.SendAsync(new SubmitCode(code, "csharp")));
        if (await Task.WhenAny(run, Task.Delay(timeout)) == run)
        {
            await run; // a failing cell is a CommandFailed event, not an exception
            return true;
        }
        _ = Task.Run(() => kernel.SendAsync(new Cancel()));
        await Task.WhenAny(run, Task.Delay(s_grace));
        return false;
    }
}
