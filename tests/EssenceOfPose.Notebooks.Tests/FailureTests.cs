using System.Diagnostics;

namespace EssenceOfPose.Notebooks.Tests;

public sealed class FailureTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task A_compile_error_names_the_cell_and_line_and_stops_the_notebook()
    {
        var path = _workspace.Write(new TestNotebook()
            .Parameters("var Profile = \"quick\";")   // 1, then the injected cell 2
            .Code("var a = 1;")                        // 3
            .Code("var b = 2;\nundefinedName + a")     // 4
            .Code("var c = 3;"));                      // 5

        var summary = await _workspace.RunAsync(_workspace.Options(), path);

        var result = Assert.Single(summary.Notebooks);
        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Equal(4, result.FailedCell);
        var error = _workspace.Executed().Outputs(4).Single();
        Assert.Equal("error", (string?)error["output_type"]);
        Assert.Equal("CompilationErrorException", (string?)error["ename"]);
        Assert.Contains("Cell 4", (string?)error["evalue"]);
        Assert.Contains(error.Traceback(), l => l.StartsWith("Cell 4, line 2: error CS0103:", StringComparison.Ordinal) && l.Contains("undefinedName"));
        var after = _workspace.Executed().Cell(5);
        Assert.Empty(after["outputs"]!.AsArray());
        Assert.Null((int?)after["execution_count"]);
    }

    [Fact]
    public async Task A_runtime_exception_gives_its_type_message_and_the_cell_lines()
    {
        var path = _workspace.Write(new TestNotebook()
            .Code("void Fail() => throw new InvalidOperationException(\"boom\");")  // 2 (after the injected cell 1)
            .Code("var x = 1;\nFail();"));                                           // 3

        var summary = await _workspace.RunAsync(_workspace.Options(), path);

        Assert.Equal(3, summary.Notebooks[0].FailedCell);
        Assert.Equal("System.InvalidOperationException: boom", summary.Notebooks[0].Message);
        var error = _workspace.Executed().Outputs(3).Single();
        Assert.Equal("System.InvalidOperationException", (string?)error["ename"]);
        Assert.Equal("boom", (string?)error["evalue"]);
        var traceback = error.Traceback();
        Assert.Equal("Cell 2, line 1: System.InvalidOperationException: boom", traceback[0]);
        Assert.Contains("   at Fail in Cell 2, line 1", traceback);
        Assert.Contains("   at <cell> in Cell 3, line 2", traceback);
    }

    [Fact]
    public async Task A_nuget_reference_is_refused_with_a_clear_message()
    {
        var path = _workspace.Write(new TestNotebook().Code("#r \"nuget: Plotly.NET, 4.2.0\"\nvar x = 1;"));

        var summary = await _workspace.RunAsync(_workspace.Options(), path);

        Assert.Equal(NotebookStatus.Failed, summary.Notebooks[0].Status);
        var error = _workspace.Executed().Outputs(2).Single();
        Assert.Equal("System.NotSupportedException", (string?)error["ename"]);
        Assert.Contains("offline", (string?)error["evalue"]);
        Assert.StartsWith("Cell 2, line 1:", error.Traceback()[0]);
    }

    [Fact]
    public async Task A_cell_past_its_timeout_is_reported_and_the_next_notebook_still_runs()
    {
        // The loop ignores its token on purpose: the runner must stop waiting all the same.
        var slow = _workspace.Write(new TestNotebook()
            .Code("var start = DateTime.UtcNow;\nwhile (DateTime.UtcNow - start < TimeSpan.FromSeconds(20)) Thread.Sleep(50);")
            .Code("var never = 1;"), "slow.ipynb");
        var next = _workspace.Write(new TestNotebook().Code("1 + 1"), "next.ipynb");

        var watch = Stopwatch.StartNew();
        var summary = await _workspace.RunAsync(_workspace.Options(cellTimeout: TimeSpan.FromSeconds(2)), slow, next);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        Assert.Equal(NotebookStatus.TimedOut, summary.Notebooks[0].Status);
        Assert.Equal(2, summary.Notebooks[0].FailedCell);
        var error = _workspace.Executed("slow.ipynb").Outputs(2).Single();
        Assert.Equal("System.TimeoutException", (string?)error["ename"]);
        Assert.Contains("Cell 2 did not finish within 2 s", (string?)error["evalue"]);
        Assert.Equal(NotebookStatus.Ok, summary.Notebooks[1].Status);
        Assert.Equal("2", _workspace.Executed("next.ipynb").Outputs(2).Single().PlainText());
        Assert.Equal(1, summary.ExitCode);
    }

    [Fact]
    public async Task A_timed_out_cell_sees_its_token_cancelled()
    {
        var marker = Path.Combine(_workspace.Folder, "cancelled.txt");
        var path = _workspace.Write(new TestNotebook().Code(
            $"try {{ await Task.Delay(TimeSpan.FromMinutes(5), CancellationToken); }}\nfinally {{ File.WriteAllText(@\"{marker}\", \"yes\"); }}"));

        var summary = await _workspace.RunAsync(_workspace.Options(cellTimeout: TimeSpan.FromSeconds(2)), path);

        Assert.Equal(NotebookStatus.TimedOut, summary.Notebooks[0].Status);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!File.Exists(marker) && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(File.Exists(marker), "the cell's CancellationToken was not cancelled");
    }

    [Fact]
    public async Task A_failing_notebook_fails_the_run_but_the_next_one_runs()
    {
        var failing = _workspace.Write(new TestNotebook().Code("throw new Exception(\"first\");"), "first.ipynb");
        var passing = _workspace.Write(new TestNotebook().Code("Console.Write(\"second ran\");"), "second.ipynb");

        var summary = await _workspace.RunAsync(_workspace.Options(), failing, passing);

        Assert.Equal([NotebookStatus.Failed, NotebookStatus.Ok], summary.Notebooks.Select(n => n.Status));
        Assert.Equal(1, summary.ExitCode);
        Assert.False(summary.Succeeded);
        Assert.Equal("first.ipynb", Assert.Single(summary.Failures).Name);
        Assert.Equal("second ran", Executed.Text(_workspace.Executed("second.ipynb").Outputs(2).Single()["text"]));
    }

    [Fact]
    public async Task A_missing_or_malformed_notebook_is_a_failure_of_its_own()
    {
        var broken = Path.Combine(_workspace.Folder, "broken.ipynb");
        File.WriteAllText(broken, "{ \"cells\": [");
        var missing = Path.Combine(_workspace.Folder, "missing.ipynb");
        var fine = _workspace.Write(new TestNotebook().Code("1"), "fine.ipynb");

        var summary = await _workspace.RunAsync(_workspace.Options(), broken, missing, fine);

        Assert.Equal([NotebookStatus.Failed, NotebookStatus.Failed, NotebookStatus.Ok], summary.Notebooks.Select(n => n.Status));
        Assert.All(summary.Failures, f => Assert.StartsWith("cannot read the notebook", f.Message));
        Assert.True(File.Exists(summary.ReportPath));
    }
}
