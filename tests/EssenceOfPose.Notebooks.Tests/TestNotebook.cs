using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks.Tests;

// Builds small .ipynb files the way Polyglot Notebooks saves them (C# kernelspec, Polyglot
// metadata on the notebook and on each cell), for the runner to execute.
internal sealed class TestNotebook
{
    private readonly JsonArray _cells = [];

    public TestNotebook Markdown(string source) => Add(new JsonObject
    {
        ["cell_type"] = "markdown",
        ["metadata"] = new JsonObject(),
        ["source"] = source,
    });

    public TestNotebook Raw(string source) => Add(new JsonObject
    {
        ["cell_type"] = "raw",
        ["metadata"] = new JsonObject { ["format"] = "text/plain" },
        ["source"] = source,
    });

    public TestNotebook Code(string source, string language = "csharp", params string[] tags) => Add(new JsonObject
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = language },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = language },
            ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]),
        },
        ["outputs"] = new JsonArray(),
        ["source"] = new JsonArray([.. Lines(source).Select(l => JsonValue.Create(l))]),
    });

    public TestNotebook Parameters(string source) => Code(source, "csharp", NotebookParameters.ParametersTag);

    public string ToJson() => new JsonObject
    {
        ["cells"] = _cells.DeepClone(),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            ["language_info"] = new JsonObject { ["name"] = "C#" },
            ["polyglot_notebook"] = new JsonObject
            {
                ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp", ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp" }) },
            },
            ["custom_field"] = "kept",
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 2,
    }.ToJsonString();

    public string WriteTo(string folder, string fileName)
    {
        var path = Path.Combine(folder, fileName);
        File.WriteAllText(path, ToJson());
        return path;
    }

    private TestNotebook Add(JsonObject cell)
    {
        _cells.Add(cell);
        return this;
    }

    // nbformat's list-of-lines form: every line but the last keeps its newline.
    private static IEnumerable<string> Lines(string text)
    {
        var lines = text.Split('\n');
        return lines.Select((line, i) => i < lines.Length - 1 ? line + "\n" : line).Where(line => line.Length > 0);
    }
}
