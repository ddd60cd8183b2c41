using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks.Tests;

// A temporary folder holding test notebooks, their fixtures and the run's output folder.
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Folder = Path.Combine(Path.GetTempPath(), "eop-notebook-tests", Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string OutputFolder => Path.Combine(Folder, "out");

    public static string FixturesFolder => Path.Combine(AppContext.BaseDirectory, "fixtures", "notebooks");

    public string Write(TestNotebook notebook, string fileName = "test.ipynb") => notebook.WriteTo(Folder, fileName);

    /// <summary>Copies a file from tests/fixtures/notebooks (or the test's bin folder) to a folder relative to the notebooks.</summary>
    public void Copy(string sourcePath, string relativeTarget)
    {
        var target = Path.Combine(Folder, relativeTarget);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(sourcePath, target, overwrite: true);
    }

    public void CopyFixture(string name) => Copy(Path.Combine(FixturesFolder, name), name);

    /// <summary>The core library and its binding, as real notebooks #r them, under lib/.</summary>
    public void CopyCoreLibrary()
    {
        foreach (var dll in new[] { "EssenceOfPose.dll", "EssenceOfPose.Torch.dll" })
            Copy(Path.Combine(AppContext.BaseDirectory, dll), Path.Combine("lib", dll));
    }

    public NotebookRunOptions Options(TimeSpan? cellTimeout = null) => new()
    {
        OutputDirectory = OutputFolder,
        CellTimeout = cellTimeout ?? TimeSpan.FromSeconds(120),
    };

    public Task<NotebookRunSummary> RunAsync(NotebookRunOptions options, params string[] notebooks) =>
        new NotebookRunner(options).RunAsync(notebooks);

    public JsonObject Executed(string fileName = "test.ipynb") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OutputFolder, fileName)))!.AsObject();

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { } // a timed-out cell may still hold a file; the folder is under /tmp
    }
}

// Reading executed notebooks in assertions. Cell numbers are 1-based, as in the runner's messages.
internal static class Executed
{
    public static JsonObject Cell(this JsonObject notebook, int number) => notebook["cells"]![number - 1]!.AsObject();

    public static JsonArray Outputs(this JsonObject notebook, int number) => notebook.Cell(number)["outputs"]!.AsArray();

    public static JsonObject Single(this JsonArray outputs) => Assert.Single(outputs)!.AsObject();

    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)node ?? "",
    };

    public static string PlainText(this JsonObject output) => Text(output["data"]?["text/plain"]);

    public static IReadOnlyList<string> Traceback(this JsonObject output) =>
        [.. output["traceback"]!.AsArray().Select(l => (string?)l ?? "")];
}
