using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace EssenceOfPose.Notebooks;

/// <summary>How a cell ended.</summary>
internal enum CellOutcome
{
    Succeeded,
    Failed,
    TimedOut,
}

// One notebook's C# session: every cell continues the same Roslyn script state, so variables,
// types and usings of earlier cells stay in scope, as in the .NET Interactive kernel.
internal sealed class ScriptKernel
{
    private readonly ScriptOptions _options;
    private readonly CellFiles _files;
    private readonly CellErrors _errors;
    private readonly NotebookGlobals _globals = new();
    private ScriptState<object?>? _state;

    public ScriptKernel(string notebookPath)
    {
        _files = new CellFiles(notebookPath);
        _errors = new CellErrors(_files);
        _options = KernelOptions.For(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!);
        ConsoleRouter.EnsureInstalled();
    }

    /// <summary>The type of a variable earlier cells declared, or null.</summary>
    public Type? VariableType(string name) => _state?.GetVariable(name)?.Type;

    /// <summary>Runs one cell. Its outputs (streams, displays, the last expression's value, or
    /// the error) go to <paramref name="outputs"/>; after <paramref name="timeout"/> the cell's
    /// token is cancelled and the runner stops waiting for it.</summary>
    public async Task<CellOutcome> RunCellAsync(string code, int cellNumber, CellOutputs outputs, TimeSpan timeout, CancellationToken cancellation)
    {
        if (FirstNuGetReference(code) is var (line, reference))
        {
            outputs.AddError(CellErrors.NuGetReference(cellNumber, line, reference));
            return CellOutcome.Failed;
        }

        // Compiling is not running: the timeout is for the cell's work, not for a slow first
        // compile on a busy machine.
        var options = _options.WithFilePath(_files.PathOf(cellNumber));
        var previous = _state;
        var script = previous is null
            ? CSharpScript.Create<object?>(code, options, typeof(NotebookGlobals))
            : previous.Script.ContinueWith<object?>(code, options);
        var errors = script.Compile(cancellation).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            outputs.AddError(_errors.Compilation(errors, cellNumber));
            return CellOutcome.Failed;
        }

        using var cellCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var context = new CellContext(outputs, cellCancellation.Token);
        // Task.Run: Roslyn runs the cell synchronously up to its first await, and a cell that
        // never awaits must not hold the runner past its timeout.
        var run = Task.Run(async () =>
        {
            CellContext.Current = context;
            var state = previous is null
                ? await script.RunAsync(_globals, cellCancellation.Token)
                : await script.RunFromAsync(previous, cellCancellation.Token);
            if (HasValue(state.Script.GetCompilation(), options.FilePath)) outputs.AddDisplay(DisplayFormatter.Format(state.ReturnValue));
            return state;
        }, CancellationToken.None);

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var finished = await Task.WhenAny(run, Task.Delay(timeout, timer.Token));
        timer.Cancel();
        if (finished != run)
        {
            cancellation.ThrowIfCancellationRequested();
            await cellCancellation.CancelAsync();
            outputs.AddError(CellErrors.Timeout(cellNumber, timeout));
            _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default); // observed, never awaited
            return CellOutcome.TimedOut;
        }

        try
        {
            _state = await run;
            return CellOutcome.Succeeded;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            outputs.AddError(_errors.Runtime(e, cellNumber));
        }
        return CellOutcome.Failed;
    }

    // Roslyn's rule, which it keeps internal: a cell ending in an expression without a semicolon
    // has a value (even null) unless the expression is void; `expr;` or a statement has none.
    private static bool HasValue(Compilation compilation, string cellPath)
    {
        var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == cellPath) ?? compilation.SyntaxTrees.Last();
        if (tree.GetCompilationUnitRoot().Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            || !statement.SemicolonToken.IsMissing)
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    // `#r "nuget:..."` would otherwise fail as a missing file; say why instead.
    private static (int Line, string Reference)? FirstNuGetReference(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script)).GetCompilationUnitRoot();
        foreach (ReferenceDirectiveTriviaSyntax directive in root.GetReferenceDirectives())
        {
            var reference = directive.File.ValueText;
            if (reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                return (directive.GetLocation().GetLineSpan().StartLinePosition.Line + 1, reference);
        }
        return null;
    }
}
