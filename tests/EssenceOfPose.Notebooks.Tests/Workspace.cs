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

    /// <summary>A #r line for a DLL of the test's bin folder (the core library and its dependencies are there).</summary>
    public static string Reference(string dll) => $"#r \"{Path.Combine(AppContext.BaseDirectory, dll)}\"";

    public string Write(TestNotebook notebook, string fileName = "test.ipynb") => notebook.WriteTo(Folder, fileName);

    public string WriteText(string fileName, string text)
    {
        var path = Path.Combine(Folder, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Copies a file to a folder relative to the notebooks.</summary>
    public void Copy(string sourcePath, string relativeTarget)
    {
        var target = Path.Combine(Folder, relativeTarget);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(sourcePath, target, overwrite: true);
    }

    public void CopyFixture(string name) => Copy(Path.Combine(FixturesFolder, name), name);

    public NotebookRunOptions Options(TimeSpan? cellTimeout = null) => new()
    {
        OutputDirectory = OutputFolder,
        CellTimeout = cellTimeout ?? TimeSpan.FromSeconds(120),
    };

    public Task<NotebookRunSummary> RunAsync(NotebookRunOptions options, params string[] notebooks) =>
        new NotebookRunner(options, Log).RunAsync(notebooks);

    /// <summary>What the runner logged, for assertions and for the test output on a failure.</summary>
    public StringWriter Log { get; } = new();

    public JsonObject Executed(string fileName = "test.ipynb") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OutputFolder, fileName)))!.AsObject();

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // under /tmp; a kernel process may still be going away
        }
    }
}

// Reading executed notebooks in assertions. Cell numbers are 1-based, as in the runner's messages.
internal static class Executed
{
    public static JsonObject Cell(this JsonObject notebook, int number) => notebook["cells"]![number - 1]!.AsObject();

    public static JsonArray Outputs(this JsonObject notebook, int number) => notebook.Cell(number)["outputs"]!.AsArray();

    public static JsonObject Single(this JsonArray outputs) => Assert.Single(outputs)!.AsObject();

    /// <summary>nbformat text: a string or a list of lines.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        _ => (string?)node ?? "",
    };

    public static string PlainText(this JsonObject output) => Text(output["data"]?["text/plain"]);

    /// <summary>What a value shows as: its text/plain, else its text/html without the markup (the
    /// kernel shows numbers and booleans as HTML, as Jupyter's front end wants).</summary>
    public static string Shown(this JsonObject output) =>
        output["data"]?["text/plain"] is { } text
            ? Text(text)
            : System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(
                System.Text.RegularExpressions.Regex.Replace(output.Data("text/html"), "<style[^>]*>.*?</style>", "", System.Text.RegularExpressions.RegexOptions.Singleline),
                "<[^>]*>", "")).Trim();

    public static string Data(this JsonObject output, string mimeType) => Text(output["data"]?[mimeType]);

    public static IReadOnlyList<string> Traceback(this JsonObject output) =>
        [.. output["traceback"]!.AsArray().Select(l => (string?)l ?? "")];
}
