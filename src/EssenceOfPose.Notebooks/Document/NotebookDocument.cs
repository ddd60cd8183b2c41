using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks;

// An nbformat 4 notebook held as its JSON tree, so that every field this runner does not know
// (kernelspec, Polyglot metadata, widget state, ...) survives the round trip untouched.
internal sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions s_writeOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1, // as Jupyter writes notebooks
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, not HTML: keep non-ASCII readable
    };

    private readonly JsonObject _root;
    private readonly JsonArray _cells;

    private NotebookDocument(JsonObject root, JsonArray cells)
    {
        _root = root;
        _cells = cells;
        Cells = [.. cells.Select(c => new NotebookCell(c as JsonObject ?? throw new InvalidDataException("A cell is not a JSON object.")))];
    }

    public List<NotebookCell> Cells { get; }

    public JsonObject Metadata => _root["metadata"] as JsonObject ?? (JsonObject)(_root["metadata"] = new JsonObject());

    public static NotebookDocument Load(string path) => Parse(File.ReadAllText(path));

    public static NotebookDocument Parse(string json)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true }) as JsonObject
                   ?? throw new InvalidDataException("The notebook is not a JSON object.");
        var major = root["nbformat"]?.GetValue<int>();
        if (major != 4) throw new InvalidDataException($"Only nbformat 4 notebooks are supported (this one says {major?.ToString() ?? "nothing"}).");
        if (root["cells"] is not JsonArray cells) throw new InvalidDataException("The notebook has no 'cells' array.");
        return new NotebookDocument(root, cells);
    }

    /// <summary>The kernelspec language, e.g. "C#"; null when the notebook does not say.</summary>
    public string? KernelLanguage => (string?)Metadata["kernelspec"]?["language"] ?? (string?)Metadata["language_info"]?["name"];

    public void Insert(int index, NotebookCell cell) => Cells.Insert(index, cell);

    public void Remove(NotebookCell cell) => Cells.Remove(cell);

    /// <summary>The notebook as nbformat 4.5: every cell has a unique id, code cells have outputs.</summary>
    public string ToJson()
    {
        _root["nbformat"] = 4;
        _root["nbformat_minor"] = Math.Max(5, (int?)_root["nbformat_minor"] ?? 0);
        var ids = new HashSet<string>();
        _cells.Clear();
        foreach (var cell in Cells)
        {
            cell.Normalize(ids);
            _cells.Add(cell.Json.Parent is null ? cell.Json : cell.Json.DeepClone());
        }
        return _root.ToJsonString(s_writeOptions) + "\n";
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson());
    }
}
