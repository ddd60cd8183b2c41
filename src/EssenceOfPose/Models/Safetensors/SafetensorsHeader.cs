using System.Buffers.Binary;
using System.Text.Json;

namespace EssenceOfPose.Models;

/// <summary>One tensor's entry in a safetensors header; <see cref="Begin"/> and <see cref="End"/> are offsets into the data buffer.</summary>
internal sealed record SafetensorsTensorInfo(string Name, ScalarType DType, IReadOnlyList<long> Shape, long Begin, long End)
{
    public long ByteLength => End - Begin;
}

/// <summary>
/// The validated header of a safetensors file: its tensors in header order, its metadata, and
/// the length of the JSON (padding included) that precedes the data buffer.
/// </summary>
internal sealed record SafetensorsHeader(string FilePath, long HeaderLength, IReadOnlyList<SafetensorsTensorInfo> Tensors,
    IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The file offset of the data buffer: the 8-byte length field, then the header.</summary>
    public long DataStart => 8 + HeaderLength;

    /// <summary>The reference implementation refuses larger headers; so does this one, before allocating.</summary>
    internal const long MaxHeaderLength = 100_000_000;

    internal const string MetadataKey = "__metadata__";

    /// <summary>Reads and checks the header of the file open in <paramref name="stream"/> against the file's length.</summary>
    internal static SafetensorsHeader Read(string path, Stream stream)
    {
        SafetensorsException Fail(string problem) => new(path, problem);
        var fileLength = stream.Length;
        if (fileLength < 8) throw Fail($"the file is {fileLength} bytes long, shorter than the 8-byte header length field");
        Span<byte> lengthField = stackalloc byte[8];
        stream.Position = 0;
        stream.ReadExactly(lengthField);
        var n = BinaryPrimitives.ReadUInt64LittleEndian(lengthField);
        if (n > (ulong)(fileLength - 8))
            throw Fail($"the header length {n} runs past the end of the file ({fileLength - 8} bytes follow the length field)");
        if (n > MaxHeaderLength) throw Fail($"the header length {n} exceeds the limit of {MaxHeaderLength} bytes");
        var json = new byte[n];
        stream.ReadExactly(json);

        // JsonDocument would accept invalid UTF-8 here and fail later, in a name, with a runtime message.
        if (System.Text.Unicode.Utf8.IsValid(json) is false)
            throw Fail($"the header is not UTF-8 text (invalid byte at offset {InvalidUtf8Offset(json)}); the format requires UTF-8 JSON");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Fail($"the header is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Fail($"the header is a JSON {Kind(root)}, not an object");
            var names = new HashSet<string>(StringComparer.Ordinal);
            var tensors = new List<SafetensorsTensorInfo>();
            IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
            foreach (var property in root.EnumerateObject())
            {
                if (!names.Add(property.Name)) throw Fail($"the header names '{property.Name}' twice (duplicate entry)");
                if (property.Name == MetadataKey) metadata = ReadMetadata(property.Value, Fail);
                else tensors.Add(ReadTensor(property.Name, property.Value, Fail));
            }
            CheckCoverage(tensors, fileLength - 8 - (long)n, Fail);
            return new SafetensorsHeader(path, (long)n, tensors, metadata);
        }
    }

    static Dictionary<string, string> ReadMetadata(JsonElement value, Func<string, SafetensorsException> fail)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value.ValueKind == JsonValueKind.Null) return metadata;
        if (value.ValueKind != JsonValueKind.Object) throw fail($"the metadata is a JSON {Kind(value)}; it must be an object of string to string");
        foreach (var entry in value.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw fail($"metadata entry '{entry.Name}' is a JSON {Kind(entry.Value)}; metadata must map strings to strings");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!)) throw fail($"the metadata names '{entry.Name}' twice (duplicate entry)");
        }
        return metadata;
    }

    static SafetensorsTensorInfo ReadTensor(string name, JsonElement value, Func<string, SafetensorsException> fail)
    {
        if (value.ValueKind != JsonValueKind.Object) throw fail($"tensor '{name}' is a JSON {Kind(value)}, not an object");
        if (!value.TryGetProperty("dtype", out var dtypeText) || dtypeText.ValueKind != JsonValueKind.String)
            throw fail($"tensor '{name}' has no dtype string");
        if (!SafetensorsDType.TryParse(dtypeText.GetString()!, out var dtype))
            throw fail($"tensor '{name}' has unknown dtype '{dtypeText.GetString()}' (known: {string.Join(", ", SafetensorsDType.Names)})");

        if (!value.TryGetProperty("shape", out var shapeJson) || shapeJson.ValueKind != JsonValueKind.Array)
            throw fail($"tensor '{name}' has no shape array");
        var shape = new List<long>();
        foreach (var d in shapeJson.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out var size)) throw fail($"tensor '{name}' has a shape entry that is not an integer: {d.GetRawText()}");
            if (size < 0) throw fail($"tensor '{name}' has shape [{string.Join(", ", shapeJson.EnumerateArray())}] with a negative dimension");
            shape.Add(size);
        }

        if (!value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array
            || offsets.GetArrayLength() != 2
            || !TryOffset(offsets[0], out var begin) || !TryOffset(offsets[1], out var end) || begin > end)
        {
            var text = value.TryGetProperty("data_offsets", out var o) ? o.GetRawText() : "missing";
            throw fail($"tensor '{name}' has data_offsets {text}; they must be two ascending non-negative integers [begin, end]");
        }

        long bytes;
        try
        {
            long numel = 1;
            foreach (var s in shape) numel = checked(numel * s);
            bytes = checked(numel * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw fail($"tensor '{name}' has shape [{string.Join(", ", shape)}], too large to address");
        }
        if (bytes > int.MaxValue)
            throw fail($"tensor '{name}' has {bytes} bytes; this reader takes at most {int.MaxValue} bytes (2 GiB) per tensor");
        if (bytes != end - begin)
            throw fail($"tensor '{name}' has byte length {end - begin} (data_offsets [{begin}, {end}]) but shape [{string.Join(", ", shape)}] of {SafetensorsDType.Name(dtype)} needs {bytes} bytes");
        return new SafetensorsTensorInfo(name, dtype, shape, begin, end);
    }

    static bool TryOffset(JsonElement e, out long value)
    {
        value = 0;
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value) && value >= 0;
    }

    /// <summary>The spec requires the tensors to tile the data buffer exactly: no overlap, no hole, nothing after.</summary>
    static void CheckCoverage(List<SafetensorsTensorInfo> tensors, long bufferLength, Func<string, SafetensorsException> fail)
    {
        foreach (var t in tensors)
            if (t.End > bufferLength)
                throw fail($"tensor '{t.Name}' has data_offsets [{t.Begin}, {t.End}] outside the {bufferLength}-byte data buffer");
        var ordered = tensors.OrderBy(t => t.Begin).ThenBy(t => t.End).ToList();
        long covered = 0;
        SafetensorsTensorInfo? previous = null;
        foreach (var t in ordered)
        {
            if (t.Begin < covered)
                throw fail($"tensor '{t.Name}' (bytes [{t.Begin}, {t.End}]) overlaps tensor '{previous!.Name}' (bytes [{previous.Begin}, {previous.End}])");
            if (t.Begin > covered)
                throw fail($"the data buffer is not contiguous: bytes [{covered}, {t.Begin}) before tensor '{t.Name}' belong to no tensor (a hole)");
            covered = t.End;
            previous = t;
        }
        if (covered != bufferLength)
            throw fail($"the data buffer has {bufferLength - covered} trailing bytes: it holds {bufferLength} bytes but the tensors cover {covered}");
    }

    static int InvalidUtf8Offset(byte[] bytes)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? -1 : read;
    }

    static string Kind(JsonElement e) => e.ValueKind.ToString().ToLowerInvariant();
}
