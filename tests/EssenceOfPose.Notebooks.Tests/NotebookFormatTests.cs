using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EssenceOfPose.Notebooks.Tests;

public sealed partial class NotebookFormatTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public void Dispose() => _workspace.Dispose();

    private static TestNotebook Sample => new TestNotebook()
        .Markdown("# Sample")
        .Parameters("var Profile = \"quick\";")
        .Code("Console.WriteLine(\"out\");\ndisplay(1);\n2")
        .Code("Get-Date", language: "pwsh")
        .Code("throw new Exception(\"stop\");")
        .Code("3");

    [Fact]
    public async Task The_executed_copy_is_nbformat_4_5()
    {
        var path = _workspace.Write(Sample);
        await _workspace.RunAsync(_workspace.Options(), path);

        var notebook = _workspace.Executed();
        Assert.Equal(4, (int?)notebook["nbformat"]);
        Assert.Equal(5, (int?)notebook["nbformat_minor"]);
        Assert.IsType<JsonObject>(notebook["metadata"]);
        var cells = notebook["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal(7, cells.Count);
        Assert.Equal(cells.Count, cells.Select(c => (string?)c["id"]).Distinct().Count());
        foreach (var cell in cells)
        {
            Assert.Matches(CellId(), (string?)cell["id"]);
            Assert.IsType<JsonObject>(cell["metadata"]);
            Assert.NotNull(cell["source"]);
            switch ((string?)cell["cell_type"])
            {
                case "markdown":
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
        Assert.Equal(["display_data", "error", "stream"], kinds);
    }

    [Fact]
    public async Task The_source_notebook_is_left_untouched_and_its_metadata_is_kept_in_the_copy()
    {
        var path = _workspace.Write(Sample);
        var before = File.ReadAllBytes(path);

        await _workspace.RunAsync(_workspace.Options(), path);

        Assert.Equal(before, File.ReadAllBytes(path));
        var notebook = _workspace.Executed();
        Assert.Equal(".net-csharp", (string?)notebook["metadata"]!["kernelspec"]!["name"]);
        Assert.Equal("csharp", (string?)notebook["metadata"]!["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]);
        Assert.Equal("kept", (string?)notebook["metadata"]!["custom_field"]);
        Assert.Equal("pwsh", (string?)notebook.Cell(5)["metadata"]!["dotnet_interactive"]!["language"]);
    }

    [Fact]
    public async Task Writing_into_the_notebooks_own_folder_never_overwrites_it()
    {
        var path = _workspace.Write(Sample, "sample.ipynb");
        var before = File.ReadAllBytes(path);

        var summary = await _workspace.RunAsync(_workspace.Options() with { OutputDirectory = _workspace.Folder }, path);

        Assert.Equal(before, File.ReadAllBytes(path));
        var executed = summary.Notebooks[0].ExecutedPath!;
        Assert.NotEqual(Path.GetFullPath(path), executed);
        Assert.True(File.Exists(executed));
    }

    [Fact]
    public async Task Notebooks_with_the_same_name_get_distinct_copies()
    {
        Directory.CreateDirectory(Path.Combine(_workspace.Folder, "a"));
        Directory.CreateDirectory(Path.Combine(_workspace.Folder, "b"));
        var first = _workspace.Write(new TestNotebook().Code("1"), Path.Combine("a", "index.ipynb"));
        var second = _workspace.Write(new TestNotebook().Code("2"), Path.Combine("b", "index.ipynb"));

        var summary = await _workspace.RunAsync(_workspace.Options(), first, second);

        var copies = summary.Notebooks.Select(n => n.ExecutedPath!).ToList();
        Assert.Equal(2, copies.Distinct().Count());
        Assert.DoesNotContain(Path.Combine(_workspace.OutputFolder, "index.ipynb"), copies); // index.html is the report's
        Assert.Equal("2", _workspace.Executed(Path.GetFileName(copies[1])).Outputs(2).Single().PlainText());
    }

    [Fact]
    public void A_notebook_of_another_nbformat_is_refused() =>
        Assert.Throws<InvalidDataException>(() => NotebookDocument.Parse("{\"nbformat\": 3, \"worksheets\": []}"));

    [Fact]
    public void Unknown_fields_survive_a_round_trip()
    {
        const string json = """{"cells":[{"cell_type":"raw","metadata":{"x":1},"source":"r","extra":true}],"metadata":{"widgets":{"state":{}}},"nbformat":4,"nbformat_minor":4,"top":"level"}""";
        var copy = JsonNode.Parse(NotebookDocument.Parse(json).ToJson())!;
        Assert.Equal("level", (string?)copy["top"]);
        Assert.NotNull(copy["metadata"]!["widgets"]);
        Assert.True((bool?)copy["cells"]![0]!["extra"]);
        Assert.Equal(1, (int?)copy["cells"]![0]!["metadata"]!["x"]);
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
                Assert.NotNull(output["data"]!["text/plain"]);
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
