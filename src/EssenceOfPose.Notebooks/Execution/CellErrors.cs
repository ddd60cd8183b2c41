using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace EssenceOfPose.Notebooks;

// Error outputs that say where: "Cell 3, line 2: ..." for code in a cell (each cell is compiled
// under its own file name, see CellFiles), "helpers.csx, line 4: ..." for #load-ed files.
internal sealed partial class CellErrors(CellFiles files)
{
    public CellError Compilation(IReadOnlyList<Diagnostic> errors, int cellNumber)
    {
        var lines = errors.Select(d =>
        {
            var span = d.Location.GetMappedLineSpan();
            return $"{Where(span.Path, span.StartLinePosition.Line + 1, cellNumber)}: error {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
        }).ToList();
        // The first error is the one to fix first; the summary line (index, log) shows it.
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more)" : "";
        return new CellError("CompilationErrorException", $"{lines[0]}{more}", lines);
    }

    public CellError Runtime(Exception e, int cellNumber)
    {
        e = Unwrap(e);
        var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames()
            .TakeWhile(f => !InNamespace(f, "Microsoft.CodeAnalysis"))
            .Where(f => !InNamespace(f, typeof(CellErrors).Namespace!) && !InNamespace(f, "System.Runtime."))
            .ToList();
        var origin = frames.FirstOrDefault(f => f.GetFileName() is not null);
        var where = origin is null ? $"Cell {cellNumber}" : Where(origin.GetFileName(), origin.GetFileLineNumber(), cellNumber);
        var type = e.GetType().FullName ?? e.GetType().Name;
        var traceback = new List<string> { $"{where}: {type}: {e.Message}" };
        traceback.AddRange(frames.Select(Describe));
        for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            traceback.Add($" ---> {inner.GetType().FullName}: {inner.Message}");
        return new CellError(type, e.Message, traceback);
    }

    public static CellError Timeout(int cellNumber, TimeSpan timeout)
    {
        var message = $"Cell {cellNumber} did not finish within {timeout.TotalSeconds:0.###} s; it was cancelled and abandoned.";
        return new CellError(typeof(TimeoutException).FullName!, message, [$"Cell {cellNumber}: {typeof(TimeoutException).FullName}: {message}"]);
    }

    public static CellError NuGetReference(int cellNumber, int line, string reference)
    {
        var message = $"#r \"{reference}\" is not supported: this runner works offline and cannot restore packages. " +
                      "Reference the DLL by a path relative to the notebook instead.";
        return new CellError(typeof(NotSupportedException).FullName!, message, [$"Cell {cellNumber}, line {line}: {message}"]);
    }

    private string Where(string? path, int line, int runningCell)
    {
        if (string.IsNullOrEmpty(path)) return $"Cell {runningCell}";
        var place = files.CellNumberOf(path) is int cell ? $"Cell {cell}" : Path.GetFileName(path);
        return line > 0 ? $"{place}, line {line}" : place;
    }

    private string Describe(StackFrame frame)
    {
        var name = MethodName(frame.GetMethod());
        return frame.GetFileName() is { } file ? $"   at {name} in {Where(file, frame.GetFileLineNumber(), 0)}" : $"   at {name}";
    }

    // Script methods as the notebook author wrote them: no Submission#N class, async state
    // machines by their method's name, and the cell's own top-level code as "<cell>".
    private static string MethodName(MethodBase? method)
    {
        if (method is null) return "?";
        var type = method.DeclaringType;
        var name = method.Name;
        if (name == "MoveNext" && type is not null && StateMachine().Match(type.Name) is { Success: true } match)
        {
            name = match.Groups[1].Value;
            type = type.DeclaringType;
        }
        if (name == "<Initialize>") return "<cell>";
        return type is null || type.Name.StartsWith("Submission#", StringComparison.Ordinal) ? name : $"{type.Name}.{name}";
    }

    [GeneratedRegex(@"^<(.+)>d__\d+$")]
    private static partial Regex StateMachine();

    // Below the cell's code are Roslyn's submission loop and the runner, and between a library and
    // the cell may be the runner's display(): none of them is the notebook author's business.
    private static bool InNamespace(StackFrame frame, string prefix) =>
        frame.GetMethod()?.DeclaringType?.Namespace?.StartsWith(prefix, StringComparison.Ordinal) == true;

    private static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Unwrap(aggregate.InnerExceptions[0]),
        _ => e,
    };
}
