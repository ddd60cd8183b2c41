using System.Text.Json;
using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks;

// An executed notebook as its JSON tree, read for the report. (The kernel process reads and writes
// notebooks with Microsoft.DotNet.Interactive.Documents, see NotebookFile; the report reads the
// nbformat that process wrote, outputs as Jupyter stores them.)
internal sealed class NotebookDocument
{
    private NotebookDocument(JsonObject root, IReadOnlyList<NotebookCell> cells)
    {
        Root = root;
        Cells = cells;
    }

    public JsonObject Root { get; }

    public IReadOnlyList<NotebookCell> Cells { get; }

    public static NotebookDocument Load(string path) => Parse(NotebookFile.ReadText(path));

    public static NotebookDocument Parse(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException("The notebook is not a JSON object.");
        if (root["nbformat"] is not JsonValue major || !major.TryGetValue<int>(out var version) || version != 4)
            throw new InvalidDataException($"Only nbformat 4 notebooks are supported (this one says {root["nbformat"]?.ToJsonString() ?? "nothing"}).");
        if (root["cells"] is not JsonArray cells) throw new InvalidDataException("The notebook has no 'cells' array.");
        return new NotebookDocument(root, [.. cells.Select(c => new NotebookCell(c as JsonObject ?? throw new InvalidDataException("A cell is not a JSON object.")))]);
    }

    public static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1, // as Jupyter writes notebooks
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, not HTML: keep non-ASCII readable
    };
}
