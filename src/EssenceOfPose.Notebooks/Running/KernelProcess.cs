using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks;

/// <summary>Runs one notebook in a kernel process of its own (this assembly, <c>kernel</c> verb), as
/// Jupyter runs a kernel, so that a stack overflow, Environment.FailFast or Environment.Exit in a
/// cell ends that notebook only: the runner says why and goes on to the next one.</summary>
internal sealed class KernelProcess(KernelRequest request, TextWriter log)
{
    // The kernel process ends a cell itself at its timeout (plus a short grace); this is for a
    // process that stops answering altogether: no new cell, no end, this long after the timeout.
    private static readonly TimeSpan s_watchdogMargin = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(250);

    public async Task<(KernelStatus Status, bool ExecutedCopy)> RunAsync(CancellationToken cancellation)
    {
        File.Delete(request.StatusPath);
        File.Delete(request.ExecutedPath);
        using var process = new Process { StartInfo = StartInfo(request.ToArguments()) };
        var stderr = new StderrKeeper();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.WriteLine($"  | {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.Add(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (new KernelStatus { Status = KernelStatus.Failed, Message = $"the kernel process could not start ({process.StartInfo.FileName}): {e.Message}" }, false);
        }
        process.StandardInput.Close(); // a cell that reads stdin gets end-of-file, not the terminal
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var stalled = false;
        var exited = process.WaitForExitAsync(CancellationToken.None); // also drains the redirected streams
        try
        {
            while (!exited.IsCompleted)
            {
                await Task.WhenAny(exited, Task.Delay(s_poll, cancellation));
                cancellation.ThrowIfCancellationRequested();
                if (exited.IsCompleted || !Stalled(process)) continue;
                stalled = true;
                process.Kill(entireProcessTree: true);
                break;
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await exited;

        var status = KernelStatus.TryRead(request.StatusPath);
        var executed = File.Exists(request.ExecutedPath);
        if (status is { Status: not KernelStatus.Running }) return (status, executed);

        // The process ended without saying how the notebook ended: it crashed, exited, or stalled and was killed.
        var reason = stalled
            ? $"the kernel process stopped responding ({(request.CellTimeout + s_watchdogMargin).TotalSeconds:0} s without finishing a cell) and was killed"
            : $"the kernel process died: {ExitReason.Describe(process.ExitCode, stderr.Lines(), inCell: status is not null)}";
        if (status is { CellIndex: int index } && executed) AddCrashOutput(index, reason, stderr.Lines());
        return (new KernelStatus
        {
            Status = stalled ? KernelStatus.TimedOut : KernelStatus.Failed,
            Cell = status?.Cell,
            Message = reason,
            Notes = status?.Notes ?? [],
        }, executed);
    }

    // No status written (start-up) or the last one (a cell's start) older than a cell may take.
    private bool Stalled(Process process)
    {
        var since = File.Exists(request.StatusPath) ? File.GetLastWriteTimeUtc(request.StatusPath) : process.StartTime.ToUniversalTime();
        return DateTime.UtcNow - since > request.CellTimeout + s_watchdogMargin;
    }

    // The executed copy the kernel process saved while the fatal cell ran: give that cell an error output.
    private void AddCrashOutput(int cellIndex, string reason, IReadOnlyList<string> stderr)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(request.ExecutedPath))!.AsObject();
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return; // the report shows the reason all the same
        }
        if (root["cells"] is not JsonArray cells || cellIndex >= cells.Count || cells[cellIndex] is not JsonObject cell) return;
        if (cell["outputs"] is not JsonArray outputs) cell["outputs"] = outputs = [];
        outputs.Add(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = CellErrors.KernelDied,
            ["evalue"] = $"Cell {cellIndex + 1}: {reason}",
            // What the runtime wrote, down to where the cell's frames end and the kernel's begin.
            ["traceback"] = new JsonArray([.. stderr
                .TakeWhile(l => !l.StartsWith("   at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal))
                .Take(40)
                .Select(l => JsonValue.Create(l))]),
        });
        Files.WriteAtomically(request.ExecutedPath, root.ToJsonString(NotebookDocument.WriteOptions) + "\n");
    }

    /// <summary>This assembly run by the dotnet that runs this process, with its own runtimeconfig
    /// and deps.json (copied beside it into every executable that references it).</summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(KernelProcess).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // No crash dump for a notebook's stack overflow or FailFast.
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        return start;
    }

    // <root>/shared/Microsoft.NETCore.App/<version>/ holds the running runtime; <root>/dotnet is its host.
    private static string DotnetHost()
    {
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
