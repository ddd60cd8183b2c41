using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks;

// One cell of an executed notebook, a read-only view over its JSON object, for the report.
internal sealed class NotebookCell(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string CellType => (string?)Json["cell_type"] ?? "";

    public bool IsCode => CellType == "code";

    public bool IsMarkdown => CellType == "markdown";

    public JsonObject Metadata => Json["metadata"] as JsonObject ?? [];

    /// <summary>nbformat allows a string or a list of lines; either reads as one string.</summary>
    public string Source => Json["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };

    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? [.. tags.Select(t => (string?)t).OfType<string>()] : [];

    /// <summary>The cell's kernel as Polyglot Notebooks records it ("csharp", "pwsh", ...); null when it does not say.</summary>
    public string? Language => (string?)Metadata["polyglot_notebook"]?["kernelName"] ?? (string?)Metadata["dotnet_interactive"]?["language"];

    public JsonArray Outputs => Json["outputs"] as JsonArray ?? [];

    public int? ExecutionCount => Json["execution_count"] is JsonValue count && count.TryGetValue<int>(out var n) ? n : null;
}
