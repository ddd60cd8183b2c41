using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EssenceOfPose.Notebooks.Tests;

/// <summary>One run of two notebooks of the same name, written into the folder of the first.</summary>
public sealed class FormatRun : IAsyncLifetime
{
    private readonly Workspace _workspace = new();

    internal static TestNotebook Sample => new TestNotebook()
        .Markdown("# Sample")
        .Parameters("var Profile = \"quick\";")
        .Code("Console.WriteLine(\"out\");\ndisplay(1);\n2")
        .Raw("raw text")
        .Code("Get-Date", language: "pwsh")
        .Code("throw new Exception(\"stop\");")
        .Code("3");

    internal string First { get; private set; } = "";

    internal byte[] FirstBefore { get; private set; } = [];

    internal NotebookRunSummary Summary { get; private set; } = null!;

    internal JsonObject Executed { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_workspace.Folder, "a"));
        Directory.CreateDirectory(Path.Combine(_workspace.Folder, "b"));
        First = _workspace.Write(Sample, Path.Combine("a", "index.ipynb"));
        FirstBefore = File.ReadAllBytes(First);
        var second = _workspace.Write(new TestNotebook().Code("2"), Path.Combine("b", "index.ipynb"));
        // Into the first notebook's own folder: its copy must not overwrite it.
        Summary = await _workspace.RunAsync(_workspace.Options() with { OutputDirectory = Path.GetDirectoryName(First)! }, First, second);
        Executed = JsonNode.Parse(File.ReadAllText(Summary.Notebooks[0].ExecutedPath!))!.AsObject();
    }

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }
}

public sealed partial class NotebookFormatTests(FormatRun run) : IClassFixture<FormatRun>
{
    [Fact]
    public void The_executed_copy_is_nbformat_4_5_with_a_unique_id_on_every_cell()
    {
        var notebook = run.Executed;
        Assert.Equal(4, (int?)notebook["nbformat"]);
        Assert.Equal(5, (int?)notebook["nbformat_minor"]);
        Assert.IsType<JsonObject>(notebook["metadata"]);
        var cells = notebook["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(8, cells.Count); // with the injected cell
        Assert.Equal(cells.Count, cells.Select(c => (string?)c["id"]).Distinct().Count());
        foreach (var cell in cells)
        {
            Assert.Matches(CellId(), (string?)cell["id"]);
            Assert.IsType<JsonObject>(cell["metadata"]);
            Assert.NotNull(cell["source"]);
            switch ((string?)cell["cell_type"])
            {
                case "markdown" or "raw":
                    Assert.False(cell.ContainsKey("outputs"));
                    Assert.False(cell.ContainsKey("execution_count"));
                    break;
                case "code":
                    Assert.True(cell.ContainsKey("execution_count"));
                    Assert.All(cell["outputs"]!.AsArray(), o => AssertValidOutput(o!.AsObject()));
                    break;
                default:
                    Assert.Fail($"unexpected cell type {cell["cell_type"]}");
                    break;
            }
        }
        var kinds = cells.SelectMany(c => c["outputs"]?.AsArray() ?? []).Select(o => (string?)o!["output_type"]).Distinct().Order();
        Assert.Equal(["display_data", "error", "execute_result", "stream"], kinds);
    }

    [Fact]
    public void The_source_notebook_is_left_untouched_and_its_metadata_is_kept_in_the_copy()
    {
        Assert.Equal(run.FirstBefore, File.ReadAllBytes(run.First));
        var notebook = run.Executed;
        Assert.Equal(".net-csharp", (string?)notebook["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)notebook["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.Equal("kept", (string?)notebook["metadata"]!["custom_field"]);
        Assert.Equal("pwsh", (string?)notebook.Cell(6)["metadata"]!["dotnet_interactive"]!["language"]);
        Assert.Equal("raw text", Executed.Text(notebook.Cell(5)["source"]));
    }

    [Fact]
    public void Notebooks_with_the_same_name_get_distinct_copies_and_never_overwrite_a_source()
    {
        var copies = run.Summary.Notebooks.Select(n => n.ExecutedPath!).ToList();
        Assert.Equal(2, copies.Distinct().Count());
        Assert.DoesNotContain(run.First, copies);
        Assert.All(copies, c => Assert.NotEqual("index.ipynb", Path.GetFileName(c))); // index.html is the report's
        var second = JsonNode.Parse(File.ReadAllText(copies[1]))!.AsObject();
        Assert.Equal("2", second.Outputs(2).Single().Shown());
    }

    [Fact]
    public void Cells_after_the_failing_one_keep_no_outputs_and_no_count()
    {
        Assert.Equal(7, run.Summary.Notebooks[0].FailedCell);
        var last = run.Executed.Cell(8);
        Assert.Empty(last["outputs"]!.AsArray());
        Assert.Null(last["execution_count"]);
    }

    private static void AssertValidOutput(JsonObject output)
    {
        switch ((string?)output["output_type"])
        {
            case "stream":
                Assert.Contains((string?)output["name"], new[] { "stdout", "stderr" });
                Assert.NotNull(output["text"]);
                break;
            case "display_data":
                Assert.IsType<JsonObject>(output["data"]);
                Assert.IsType<JsonObject>(output["metadata"]);
                break;
            case "execute_result":
                Assert.IsType<JsonObject>(output["data"]);
                Assert.IsType<JsonObject>(output["metadata"]);
                Assert.NotNull((int?)output["execution_count"]);
                break;
            case "error":
                Assert.NotNull((string?)output["ename"]);
                Assert.NotNull((string?)output["evalue"]);
                Assert.NotEmpty(output["traceback"]!.AsArray());
                break;
            default:
                Assert.Fail($"unexpected output type {output["output_type"]}");
                break;
        }
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CellId();
}

/// <summary>Reading notebooks: what is refused before any kernel starts, and the kernel process's arguments.</summary>
public sealed class NotebookFileTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public void A_named_pipe_is_refused_instead_of_blocking()
    {
        var fifo = Path.Combine(_workspace.Folder, "pipe.ipynb");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        var e = Assert.Throws<InvalidDataException>(() => NotebookFile.ReadText(fifo, TimeSpan.FromSeconds(1)));
        Assert.Contains("named pipe", e.Message);
    }

    [Fact]
    public void A_device_that_never_ends_and_a_folder_are_refused()
    {
        Assert.Contains("is a device", Assert.Throws<InvalidDataException>(() => NotebookFile.ReadText("/dev/zero")).Message);
        var huge = Path.Combine(_workspace.Folder, "huge.ipynb");
        using (var f = new FileStream(huge, FileMode.Create)) f.SetLength(NotebookFile.MaxBytes + 1);
        Assert.Contains("over the limit", Assert.Throws<InvalidDataException>(() => NotebookFile.ReadText(huge)).Message);
        Assert.Contains("folder", Assert.Throws<InvalidDataException>(() => NotebookFile.ReadText(_workspace.Folder)).Message);
    }

    [Fact]
    public void Text_that_is_not_utf8_is_refused()
    {
        var path = Path.Combine(_workspace.Folder, "latin1.ipynb");
        File.WriteAllBytes(path, [0x7B, 0xE9, 0x7D]);
        Assert.Contains("UTF-8", Assert.Throws<InvalidDataException>(() => NotebookFile.Load(path)).Message);
    }

    [Theory]
    [InlineData("""{"cells": [], "nbformat": 4, "metadata": []}""", "'metadata' is not an object")]
    [InlineData("""{"cells": {}, "nbformat": 4}""", "'cells' is missing or not a list")]
    [InlineData("""{"cells": [1], "nbformat": 4}""", "cell 1 is not an object")]
    [InlineData("""{"cells": [{"cell_type": "heading", "source": ""}], "nbformat": 4}""", "cell 1: 'cell_type' must be code, markdown or raw")]
    [InlineData("""{"cells": [{"cell_type": "code", "source": ["a", 1]}], "nbformat": 4}""", "cell 1: 'source' must be a string or a list of strings")]
    [InlineData("""{"cells": [{"cell_type": "code", "source": "", "metadata": {"tags": "parameters"}}], "nbformat": 4}""", "cell 1: 'metadata.tags' must be a list of strings")]
    [InlineData("""{"cells": [{"cell_type": "code", "source": "", "outputs": {}}], "nbformat": 4}""", "cell 1: 'outputs' is not a list")]
    [InlineData("""[]""", "the top level is not a JSON object")]
    public void A_structural_fault_is_named(string json, string message)
    {
        var path = _workspace.WriteText("bad.ipynb", json);
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => NotebookFile.Load(path)).Message);
    }

    [Fact]
    public void The_kernel_process_arguments_round_trip()
    {
        var request = new KernelRequest("/n b/x.ipynb", "/o/x.ipynb", "/o/x.status.json", TimeSpan.FromSeconds(2.5),
            [new("Profile", "full"), new("Name", "a=b --timeout 1")]);
        var arguments = request.ToArguments().ToList();
        Assert.Equal(KernelRequest.Verb, arguments[0]);
        var parsed = KernelRequest.Parse(arguments[1..]);
        Assert.Equal(request with { Parameters = [] }, parsed with { Parameters = [] });
        Assert.Equal(request.Parameters, parsed.Parameters);
        Assert.Throws<FormatException>(() => KernelRequest.Parse(["x.ipynb", "--executed", "e", "--status", "s", "--timeout", "-1"]));
        Assert.Throws<FormatException>(() => KernelRequest.Parse(["x.ipynb", "--status", "s"]));
    }

    [Theory]
    [InlineData(134, new[] { "Stack overflow.", "Repeat 1000 times:" }, "stack overflow (exit 134)")]
    [InlineData(134, new[] { "Process terminated.", "boom", "   at X" }, "Environment.FailFast: boom (exit 134)")]
    [InlineData(137, new string[0], "the process was killed (SIGKILL, exit 137; out of memory?)")]
    [InlineData(134, new[] { "Unhandled exception. System.Exception: from a thread", "   at X" }, "Unhandled exception. System.Exception: from a thread (exit 134)")]
    [InlineData(3, new string[0], "the process exited with code 3 while a cell was running (Environment.Exit in a cell?)")]
    public void The_reason_a_kernel_process_died_is_read_from_its_exit_and_stderr(int exitCode, string[] stderr, string reason) =>
        Assert.Equal(reason, ExitReason.Describe(exitCode, stderr));
}
