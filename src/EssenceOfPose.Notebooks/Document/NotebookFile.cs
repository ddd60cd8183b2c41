using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace EssenceOfPose.Notebooks;

/// <summary>A notebook read with Microsoft.DotNet.Interactive.Documents, as the kernel process runs
/// it, after a structural check of our own (Documents reads a null or numeric source as "", and raw
/// cells as code), and written back as nbformat 4.5 by Documents with what it gets wrong put right.</summary>
internal sealed class NotebookFile
{
    public const long MaxBytes = 64L << 20;

    // A named pipe blocks its reader until something writes to it: give up on it after this long.
    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(10);

    private readonly JsonObject _source;
    private readonly Dictionary<InteractiveDocumentElement, JsonObject> _sourceCells = new(ReferenceEqualityComparer.Instance);

    private NotebookFile(InteractiveDocument document, JsonObject source)
    {
        Document = document;
        _source = source;
    }

    public InteractiveDocument Document { get; }

    /// <summary>The kernels a C# notebook may name: the kernelspec says "C#", Polyglot cells say "csharp".</summary>
    private static KernelInfoCollection KernelInfos() =>
    [
        new KernelInfo("csharp", "C#", ["c#", "C#", "cs", ".net-csharp"]),
        new KernelInfo("fsharp", "F#", ["f#", "F#", "fs", ".net-fsharp"]),
        new KernelInfo("pwsh", "PowerShell", ["powershell", ".net-pwsh"]),
        new KernelInfo("html", "HTML"),
        new KernelInfo("javascript", "JavaScript", ["js"]),
        new KernelInfo("mermaid", "Mermaid"),
        new KernelInfo("http", "HTTP"),
        new KernelInfo("value"),
    ];

    /// <summary>True for a cell that was "raw" in the file: Documents turns those into code cells.</summary>
    public bool IsRaw(InteractiveDocumentElement element) =>
        _sourceCells.TryGetValue(element, out var json) && (string?)json["cell_type"] == "raw";

    /// <summary>Reads and checks a notebook; an <see cref="InvalidDataException"/> says what is wrong, and where.</summary>
    public static NotebookFile Load(string path)
    {
        var text = ReadText(path);
        var (root, cells) = Check(text);
        InteractiveDocument document;
        try
        {
            document = Notebook.Parse(text, KernelInfos());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new InvalidDataException($"Microsoft.DotNet.Interactive.Documents cannot read it: {e.Message}", e);
        }
        if (document.Elements.Count != cells.Count)
            throw new InvalidDataException($"Microsoft.DotNet.Interactive.Documents read {document.Elements.Count} cells where the file has {cells.Count}");
        var file = new NotebookFile(document, root);
        for (var i = 0; i < cells.Count; i++) file._sourceCells[document.Elements[i]] = cells[i];
        return file;
    }

    /// <summary>The text of a notebook file, refusing what is not one: a folder, a file over
    /// <see cref="MaxBytes"/> (or a device that never ends), text that is not UTF-8, a named pipe.</summary>
    public static string ReadText(string path, TimeSpan? timeout = null)
    {
        var limit = timeout ?? s_readTimeout;
        if (Directory.Exists(path)) throw new InvalidDataException("it is a folder, not a notebook file");
        if (!File.Exists(path)) throw new InvalidDataException("the file does not exist");
        try
        {
            // A named pipe or a device is refused before it is opened (the bounded read below stays for a file that grows).
            EssenceOfPose.Data.InputFile.Check(path, "a notebook", MaxBytes);
        }
        catch (EssenceOfPose.Data.InputFileException e)
        {
            throw new InvalidDataException($"it {e.Problem}", e);
        }
        var read = Task.Run(() => ReadBounded(path));
        if (Task.WhenAny(read, Task.Delay(limit)).GetAwaiter().GetResult() != read)
            throw new InvalidDataException($"nothing could be read from it within {limit.TotalSeconds:0.#} s; is it a named pipe?");
        return read.GetAwaiter().GetResult();
    }

    private static string ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int n; (n = stream.Read(chunk)) > 0;)
        {
            if (buffer.Length + n > MaxBytes) throw new InvalidDataException($"it is larger than the limit of {MaxBytes} bytes for a notebook");
            buffer.Write(chunk, 0, n);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new InvalidDataException("it is not UTF-8 text");
        }
    }

    // The nbformat 4 structure Documents relies on, checked so that nothing is silently read as empty.
    private static (JsonObject Root, List<JsonObject> Cells) Check(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not valid JSON: {e.Message}");
        }
        if (root is not JsonObject notebook) throw new InvalidDataException("the top level is not a JSON object");
        if (notebook["nbformat"] is not JsonValue major || !major.TryGetValue<int>(out var version) || version != 4)
            throw new InvalidDataException($"'nbformat' must be 4 (it is {notebook["nbformat"]?.ToJsonString() ?? "missing"})");
        if (notebook["metadata"] is not null and not JsonObject) throw new InvalidDataException("'metadata' is not an object");
        if (notebook["cells"] is not JsonArray cells) throw new InvalidDataException("'cells' is missing or not a list");
        var result = new List<JsonObject>();
        for (var i = 0; i < cells.Count; i++)
        {
            var where = $"cell {i + 1}";
            if (cells[i] is not JsonObject cell) throw new InvalidDataException($"{where} is not an object");
            var type = cell["cell_type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
            if (type is not ("code" or "markdown" or "raw")) throw new InvalidDataException($"{where}: 'cell_type' must be code, markdown or raw");
            if (!IsText(cell["source"]))
                throw new InvalidDataException($"{where}: 'source' must be a string or a list of strings (it is {cell["source"]?.ToJsonString() ?? "missing or null"})");
            if (cell["metadata"] is not null and not JsonObject) throw new InvalidDataException($"{where}: 'metadata' is not an object");
            if (cell["metadata"]?["tags"] is { } tags && (tags is not JsonArray list || !list.All(x => x is JsonValue v && v.TryGetValue<string>(out _))))
                throw new InvalidDataException($"{where}: 'metadata.tags' must be a list of strings");
            if (type == "code" && cell["outputs"] is not null and not JsonArray) throw new InvalidDataException($"{where}: 'outputs' is not a list");
            result.Add(cell);
        }
        return (notebook, result);

        static bool IsText(JsonNode? node) => node switch
        {
            JsonValue v => v.TryGetValue<string>(out _),
            JsonArray lines => lines.All(l => l is JsonValue lv && lv.TryGetValue<string>(out _)),
            _ => false,
        };
    }

    /// <summary>The notebook as nbformat 4.5 text.</summary>
    public string ToJson()
    {
        // nbformat 4.5 wants a unique id on every cell; notebooks saved before 4.5 have none.
        var used = new HashSet<string>();
        foreach (var element in Document.Elements)
        {
            if (element.Id is { } id && IsValidId(id) && used.Add(id)) continue;
            do element.Id = Guid.NewGuid().ToString("N")[..12]; while (!used.Add(element.Id));
        }

        var root = JsonNode.Parse(Document.ToJupyterJson())!.AsObject();
        root["nbformat"] = 4;
        root["nbformat_minor"] = 5;
        // Documents writes the metadata it knows (kernelspec, Polyglot's): keep the rest of the file's.
        root["metadata"] ??= new JsonObject();
        AddMissing(root["metadata"]!.AsObject(), _source["metadata"] as JsonObject);
        AddMissing(root, _source);

        var cells = root["cells"]!.AsArray();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            var element = Document.Elements[i];
            if (_sourceCells.TryGetValue(element, out var source))
            {
                if ((string?)source["cell_type"] == "raw")
                {
                    // Documents has no raw cells: put the original back, with the id given above.
                    var raw = source.DeepClone().AsObject();
                    raw["id"] = element.Id;
                    cells[i] = raw;
                    continue;
                }
                cell["metadata"] ??= new JsonObject();
                AddMissing(cell["metadata"]!.AsObject(), source["metadata"] as JsonObject);
                AddMissing(cell, source); // attachments (images pasted into markdown), fields of other tools
            }
            if ((string?)cell["cell_type"] != "code")
            {
                cell.Remove("outputs");
                cell.Remove("execution_count");
                continue;
            }
            // A cell that did not run has no execution count (null), not 0.
            cell["execution_count"] = element.ExecutionOrder > 0 ? element.ExecutionOrder : null;
            if (cell["outputs"] is JsonArray outputs)
                foreach (var output in outputs.OfType<JsonObject>())
                    if (output["data"] is JsonObject data) RestoreJsonMimeTypes(data);
        }
        return root.ToJsonString(NotebookDocument.WriteOptions) + "\n";
    }

    public void Save(string path) => Files.WriteAtomically(path, ToJson());

    // Source fields the written notebook lacks; never outputs or an execution count of the source.
    private static void AddMissing(JsonObject target, JsonObject? source)
    {
        if (source is null) return;
        foreach (var (key, value) in source)
            if (!target.ContainsKey(key) && key is not ("outputs" or "execution_count" or "cells")) target[key] = value?.DeepClone();
    }

    // Documents writes every MIME value as a list of lines; nbformat (and every renderer) wants
    // application/json and */*+json as JSON. Text that is not JSON is left as it was.
    private static void RestoreJsonMimeTypes(JsonObject data)
    {
        foreach (var (mimeType, value) in data.ToList())
        {
            if (!IsJsonMimeType(mimeType) || value is not JsonArray lines) continue;
            try
            {
                data[mimeType] = JsonNode.Parse(string.Concat(lines.Select(l => (string?)l)));
            }
            catch (JsonException)
            {
            }
        }
    }

    private static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal);

    private static bool IsValidId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
