using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EssenceOfPose.Notebooks;

// One cell, a view over its JSON object: what the runner reads and writes goes through here,
// everything else in the object is left as it was.
internal sealed partial class NotebookCell(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string CellType => (string?)Json["cell_type"] ?? "";

    public bool IsCode => CellType == "code";

    public bool IsMarkdown => CellType == "markdown";

    public string? Id => (string?)Json["id"];

    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>nbformat allows a string or a list of lines; either reads as one string.</summary>
    public string Source
    {
        get => Json["source"] switch
        {
            JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
            JsonValue text => (string?)text ?? "",
            _ => "",
        };
        set => Json["source"] = new JsonArray([.. SplitLines(value).Select(l => JsonValue.Create(l))]);
    }

    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? [.. tags.Select(t => (string?)t).OfType<string>()] : [];

    public JsonArray Outputs => Json["outputs"] as JsonArray ?? [];

    public int? ExecutionCount => (int?)Json["execution_count"];

    public static NotebookCell CreateCode(string source, params string[] tags)
    {
        var cell = new NotebookCell(new JsonObject
        {
            ["cell_type"] = "code",
            ["id"] = NewId(),
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => JsonValue.Create(t))]) },
            ["execution_count"] = null,
            ["outputs"] = new JsonArray(),
        });
        cell.Source = source;
        return cell;
    }

    public void ClearOutputs()
    {
        if (!IsCode) return;
        Json["outputs"] = new JsonArray();
        Json["execution_count"] = null;
    }

    public void SetOutputs(JsonArray outputs, int executionCount)
    {
        Json["outputs"] = outputs;
        Json["execution_count"] = executionCount;
    }

    /// <summary>Brings the cell to nbformat 4.5: a unique valid id, metadata, and the fields its type requires.</summary>
    internal void Normalize(HashSet<string> usedIds)
    {
        if (Id is not { } id || !IdPattern().IsMatch(id) || usedIds.Contains(id)) Json["id"] = id = NewId();
        usedIds.Add(id);
        _ = Metadata;
        Json["source"] ??= "";
        if (IsCode)
        {
            Json["outputs"] ??= new JsonArray();
            if (!Json.ContainsKey("execution_count")) Json["execution_count"] = null;
        }
        else
        {
            Json.Remove("outputs");
            Json.Remove("execution_count");
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            yield return text[start..(i + 1)];
            start = i + 1;
        }
        if (start < text.Length) yield return text[start..];
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
