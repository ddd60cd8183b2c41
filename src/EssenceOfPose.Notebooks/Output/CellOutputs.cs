using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks;

// What one cell produced, in order: stream text (consecutive writes to one stream merge, as
// Jupyter shows them), displayed values and at most one error. Thread-safe: a cell may write
// from several threads, and a timed-out cell may go on writing after its notebook moved on.
internal sealed class CellOutputs
{
    private readonly Lock _lock = new();
    private readonly List<object> _items = [];

    public void AppendStream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_lock)
        {
            if (_items.Count > 0 && _items[^1] is StreamText last && last.Name == name) last.Text.Append(text);
            else _items.Add(new StreamText(name, new StringBuilder(text)));
        }
    }

    public void AddDisplay(MimeBundle bundle)
    {
        lock (_lock) _items.Add(bundle);
    }

    public void AddError(CellError error)
    {
        lock (_lock) _items.Add(error);
    }

    /// <summary>The first error the cell reported, if any.</summary>
    public CellError? Error
    {
        get
        {
            lock (_lock) return _items.OfType<CellError>().FirstOrDefault();
        }
    }

    /// <summary>The outputs as nbformat 4 output objects.</summary>
    public JsonArray ToJson()
    {
        lock (_lock) return [.. _items.Select(ToJson)];
    }

    private static JsonNode ToJson(object item) => item switch
    {
        StreamText s => new JsonObject { ["output_type"] = "stream", ["name"] = s.Name, ["text"] = s.Text.ToString() },
        MimeBundle b => new JsonObject { ["output_type"] = "display_data", ["data"] = Data(b), ["metadata"] = new JsonObject() },
        CellError e => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = e.Name,
            ["evalue"] = e.Value,
            ["traceback"] = new JsonArray([.. e.Traceback.Select(l => JsonValue.Create(l))]),
        },
        _ => throw new InvalidOperationException($"Unknown output {item.GetType()}."),
    };

    // nbformat stores JSON MIME types as JSON, everything else (base64 PNG included) as text.
    private static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mimeType, text) in bundle.Entries)
            data[mimeType] = IsJson(mimeType) && TryParse(text) is { } json ? json : JsonValue.Create(text);
        return data;
    }

    public static bool IsJson(string mimeType) => mimeType == "application/json" || mimeType.EndsWith("+json", StringComparison.Ordinal);

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    private sealed record StreamText(string Name, StringBuilder Text);
}

/// <summary>An error output: nbformat's ename, evalue and traceback lines.</summary>
internal sealed record CellError(string Name, string Value, IReadOnlyList<string> Traceback);
