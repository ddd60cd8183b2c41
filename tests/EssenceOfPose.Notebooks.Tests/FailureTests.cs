using System.Diagnostics;
using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks.Tests;

/// <summary>One run over notebooks that fail in every way a notebook can, then one that passes: each
/// failure is its notebook's alone, the run goes on, and the report is written. One run, so that
/// the kernel processes start once each.</summary>
public sealed class FailingNotebooks : IAsyncLifetime
{
    private readonly Workspace _workspace = new();

    public static readonly TimeSpan CellTimeout = TimeSpan.FromSeconds(5);

    internal NotebookRunSummary Summary { get; private set; } = null!;

    internal TimeSpan Elapsed { get; private set; }

    internal string Marker => Path.Combine(_workspace.Folder, "cancelled.txt");

    internal JsonObject Executed(string name) => _workspace.Executed(name);

    internal string Log => _workspace.Log.ToString();

    internal NotebookRunResult this[string name] => Summary.Notebooks.Single(n => n.Name == name);

    public async Task InitializeAsync()
    {
        var w = _workspace;
        string[] notebooks =
        [
            w.Write(new TestNotebook()
                .Parameters("var Profile = \"quick\";")   // 1, then the injected cell 2
                .Code("var a = 1;")                        // 3
                .Code("var b = 2;\nundefinedName + a")     // 4
                .Code("var c = 3;"), "compile.ipynb"),     // 5
            w.Write(new TestNotebook()
                .Code("void Fail() => throw new InvalidOperationException(\"boom\");")  // 2 (after the injected cell 1)
                .Code("var x = 1;\nFail();")                                             // 3
                .Code("var never = 1;"), "throws.ipynb"),                                // 4
            w.Write(new TestNotebook()
                .Code("Console.WriteLine(\"first cell ran\");")
                .Code("Console.WriteLine(\"before FailFast\");\nSystem.Threading.Thread.Sleep(1500);\nEnvironment.FailFast(\"boom from a cell\");")
                .Code("Console.WriteLine(\"never\");"), "failfast.ipynb"),
            w.Write(new TestNotebook().Code("int Down(int n) => Down(n + 1) + 1;").Code("Down(0)").Code("1"), "overflow.ipynb"),
            w.Write(new TestNotebook().Code("Console.WriteLine(\"before exit\");\nEnvironment.Exit(3);").Code("1"), "exit3.ipynb"),
            w.Write(new TestNotebook().Code("Environment.Exit(0);").Code("1"), "exit0.ipynb"),
            w.Write(new TestNotebook().Code("new System.Threading.Thread(() => throw new Exception(\"from a thread\")).Start();\nawait Task.Delay(10_000);"), "thread.ipynb"),
            // The loop ignores its token on purpose: the kernel process must give up on it all the same.
            w.Write(new TestNotebook().Code("var start = DateTime.UtcNow;\nwhile (DateTime.UtcNow - start < TimeSpan.FromSeconds(60)) { }").Code("var never = 1;"), "spin.ipynb"),
            w.Write(new TestNotebook().Code(
                "var token = Microsoft.DotNet.Interactive.KernelInvocationContext.Current.CancellationToken;\n" +
                $"try {{ await Task.Delay(TimeSpan.FromMinutes(5), token); }}\nfinally {{ System.IO.File.WriteAllText(@\"{Marker}\", \"yes\"); }}"), "cooperative.ipynb"),
            // The kernel imports what Jupyter's does, no more: System.IO is not among them.
            w.Write(new TestNotebook().Code("Path.Combine(\"a\", \"b\")"), "no-usings.ipynb"),
            w.Write(new TestNotebook().Code("#r \"nuget: Humanizer.Core, 2.14.1\"\n1"), "nuget.ipynb"),
            w.WriteText("malformed.ipynb", "{ \"cells\": ["),
            w.WriteText("null-source.ipynb", """{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": null}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"""),
            w.WriteText("number-source.ipynb", """{"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": 42}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}"""),
            w.WriteText("nbformat3.ipynb", """{"nbformat": 3, "worksheets": []}"""),
            Path.Combine(w.Folder, "missing.ipynb"),
            w.Write(new TestNotebook().Code("Console.Write(\"the run went on\");\n6 * 7"), "after.ipynb"),
        ];
        var watch = Stopwatch.StartNew();
        Summary = await w.RunAsync(w.Options(CellTimeout), notebooks);
        Elapsed = watch.Elapsed;
    }

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class FailureTests(FailingNotebooks run) : IClassFixture<FailingNotebooks>
{
    [Fact]
    public void Every_notebook_ran_and_only_the_last_passed()
    {
        Assert.Equal(17, run.Summary.Notebooks.Count);
        Assert.Equal(["after.ipynb"], run.Summary.Notebooks.Where(n => n.Status == NotebookStatus.Ok).Select(n => n.Name));
        Assert.Equal("the run went on", Executed.Text(run.Executed("after.ipynb").Outputs(2)[0]!["text"]));
        Assert.Equal(1, run.Summary.ExitCode);
        Assert.Contains("17 notebook(s) in ", run.Log);
        Assert.Contains(" 16 failed.", run.Log);
    }

    [Fact]
    public void The_report_lists_every_notebook_with_its_reason()
    {
        var index = File.ReadAllText(run.Summary.ReportPath);
        foreach (var notebook in run.Summary.Notebooks)
            Assert.Contains(System.Net.WebUtility.HtmlEncode(notebook.Name), index);
        Assert.Contains("stack overflow", index);
        Assert.Contains("Environment.FailFast: boom from a cell", index);
        Assert.Contains("cannot read the notebook", index);
    }

    [Fact]
    public void A_compile_error_names_the_cell_and_line_and_stops_the_notebook()
    {
        var result = run["compile.ipynb"];
        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(4, result.FailedCell);
        var error = run.Executed("compile.ipynb").Outputs(4).Single();
        Assert.Equal("error", (string?)error["output_type"]);
        Assert.Equal("CompilationError", (string?)error["ename"]);
        Assert.StartsWith("Cell 4, line 2: error CS0103:", (string?)error["evalue"]);
        Assert.Contains(error.Traceback(), l => l.StartsWith("Cell 4, line 2: error CS0103:", StringComparison.Ordinal) && l.Contains("undefinedName"));
        var after = run.Executed("compile.ipynb").Cell(5);
        Assert.Empty(after["outputs"]!.AsArray());
        Assert.Null((int?)after["execution_count"]);
    }

    [Fact]
    public void A_runtime_exception_gives_its_type_message_and_the_cell()
    {
        var result = run["throws.ipynb"];
        Assert.Equal(3, result.FailedCell);
        Assert.Equal("System.InvalidOperationException: boom", result.Message);
        var error = run.Executed("throws.ipynb").Outputs(3).Single();
        Assert.Equal("System.InvalidOperationException", (string?)error["ename"]);
        Assert.Equal("boom", (string?)error["evalue"]);
        Assert.Equal("Cell 3: System.InvalidOperationException: boom", error.Traceback()[0]);
        Assert.Contains(error.Traceback(), l => l.Contains("Fail()"));
    }

    [Theory]
    [InlineData("failfast.ipynb", 3, "Environment.FailFast: boom from a cell", "before FailFast\n")]
    [InlineData("overflow.ipynb", 3, "stack overflow", null)]
    [InlineData("exit3.ipynb", 2, "the process exited with code 3 while a cell was running", "before exit\n")]
    [InlineData("exit0.ipynb", 2, "the process exited with code 0 while a cell was running", null)]
    [InlineData("thread.ipynb", 2, "Unhandled exception. System.Exception: from a thread", null)]
    public void A_cell_that_ends_the_kernel_process_fails_its_notebook_with_the_reason(string name, int cell, string reason, string? printed)
    {
        var result = run[name];
        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(cell, result.FailedCell);
        Assert.StartsWith("the kernel process died: ", result.Message);
        Assert.Contains(reason, result.Message);

        // The executed copy keeps the cells before, what the cell printed, and the reason.
        var notebook = run.Executed(name);
        var outputs = notebook.Outputs(cell);
        if (printed is not null) Assert.Equal(printed, Executed.Text(outputs.First(o => (string?)o!["output_type"] == "stream")!["text"]));
        var error = outputs.Last()!.AsObject();
        Assert.Equal("KernelDied", (string?)error["ename"]);
        Assert.Contains(reason, (string?)error["evalue"]);
        Assert.NotNull((int?)notebook.Cell(cell - 1)["execution_count"]);
        Assert.True(File.Exists(result.ReportPage), "the notebook's report page was not written");
    }

    [Fact]
    public void A_cell_past_its_timeout_is_abandoned_and_reported()
    {
        var result = run["spin.ipynb"];
        Assert.Equal(NotebookStatus.TimedOut, result.Status);
        Assert.Equal(2, result.FailedCell);
        Assert.True(result.Duration < TimeSpan.FromSeconds(40), $"took {result.Duration}");
        var error = run.Executed("spin.ipynb").Outputs(2).Single();
        Assert.Equal("System.TimeoutException", (string?)error["ename"]);
        Assert.Contains("Cell 2 did not finish within 5 s", (string?)error["evalue"]);
        Assert.Null((int?)run.Executed("spin.ipynb").Cell(3)["execution_count"]);
    }

    [Fact]
    public void A_timed_out_cell_sees_its_token_cancelled()
    {
        Assert.Equal(NotebookStatus.TimedOut, run["cooperative.ipynb"].Status);
        Assert.True(File.Exists(run.Marker), "the cell's CancellationToken was not cancelled");
    }

    [Fact]
    public void The_kernel_imports_no_more_than_jupyters()
    {
        Assert.Equal(NotebookStatus.Failed, run["no-usings.ipynb"].Status);
        Assert.Contains("error CS0103: The name 'Path' does not exist", run["no-usings.ipynb"].Message);
    }

    [Fact]
    public void A_nuget_reference_fails_with_a_hint()
    {
        var error = run.Executed("nuget.ipynb").Outputs(2).Single();
        Assert.Contains(error.Traceback(), l => l.Contains("reference the DLL by a path relative to the notebook"));
    }

    [Theory]
    [InlineData("malformed.ipynb", "not valid JSON")]
    [InlineData("null-source.ipynb", "cell 1: 'source' must be a string or a list of strings (it is missing or null)")]
    [InlineData("number-source.ipynb", "cell 1: 'source' must be a string or a list of strings (it is 42)")]
    [InlineData("nbformat3.ipynb", "'nbformat' must be 4 (it is 3)")]
    [InlineData("missing.ipynb", "the file does not exist")]
    public void A_notebook_that_cannot_be_read_fails_with_its_name_and_why(string name, string why)
    {
        var result = run[name];
        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Null(result.ExecutedPath);
        Assert.StartsWith("cannot read the notebook: ", result.Message);
        Assert.Contains(why, result.Message);
        Assert.Contains($"  FAILED {name}: cannot read the notebook: ", run.Log);
    }
}
