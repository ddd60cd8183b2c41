using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace EssenceOfPose.Notebooks;

/// <summary>nbformat error outputs (ename, evalue, traceback) for what can stop a cell, saying where:
/// "Cell 4, line 2: error CS0103: ..." for a compile error, the exception and the cell's own frames
/// for a runtime one.</summary>
internal static partial class CellErrors
{
    public const string CompilationError = "CompilationError";

    public static ErrorElement From(CommandFailed failed, int cell)
    {
        switch (Unwrap(failed.Exception))
        {
            case CodeSubmissionCompilationErrorException:
                // The message is every diagnostic, one a line: "(2,1): error CS0103: The name 'x' does not exist ...".
                var lines = failed.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(l => Position().Replace(l, m => $"Cell {cell}, line {m.Groups[1].Value}: "))
                    .ToArray();
                // The first error is the one to fix first; the summary (log, index) shows it.
                var more = lines.Length > 1 ? $" (and {lines.Length - 1} more)" : "";
                if (lines.Any(l => l.Contains("error CS0006: Metadata file 'nuget:", StringComparison.Ordinal)))
                    lines = [.. lines, NuGetHint];
                return new ErrorElement(lines.FirstOrDefault() + more, CompilationError, lines);
            case null:
                return new ErrorElement(failed.Message, "Error", [failed.Message]);
            case var e:
                var name = e.GetType().FullName ?? e.GetType().Name;
                var traceback = new List<string> { $"Cell {cell}: {name}: {e.Message}" };
                // The cell's own frames: below them are Roslyn's submission loop and the kernel.
                traceback.AddRange((e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => l.TrimEnd('\r'))
                    .TakeWhile(l => !l.StartsWith("   at Microsoft.CodeAnalysis.Scripting.", StringComparison.Ordinal))
                    .Where(l => !l.StartsWith("--- End of stack trace", StringComparison.Ordinal)));
                for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
                    traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
                return new ErrorElement(e.Message, name, [.. traceback]);
        }
    }

    // The NuGet support of #r lives in the dotnet-interactive tool (Jupyter, VS Code); the suite's
    // notebooks run offline and reference the library by path.
    private const string NuGetHint =
        "#r \"nuget: ...\" needs the NuGet support of the dotnet-interactive tool, which `eop notebooks run` (offline) does not load: " +
        "reference the DLL by a path relative to the notebook instead.";

    public static ErrorElement Timeout(int cell, TimeSpan timeout)
    {
        var message = $"Cell {cell} did not finish within {timeout.TotalSeconds:0.###} s; it was cancelled and the notebook stopped.";
        return new ErrorElement(message, typeof(TimeoutException).FullName, [$"{typeof(TimeoutException).FullName}: {message}"]);
    }

    /// <summary>For the cell that was running when the kernel process ended (written by the runner).</summary>
    public const string KernelDied = "KernelDied";

    [GeneratedRegex(@"^\((\d+),(\d+)\): ")]
    private static partial Regex Position();

    private static Exception? Unwrap(Exception? e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => e,
    };
}
