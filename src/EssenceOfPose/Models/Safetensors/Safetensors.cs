using System.Buffers.Binary;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EssenceOfPose.Models;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors): an 8-byte little-endian
/// header length N, N bytes of UTF-8 JSON describing each tensor (dtype, shape, data_offsets)
/// plus optional string metadata, then the tensors' bytes, contiguous and little-endian.
/// Data is copied between the file and tensor memory; nothing is memory-mapped.
/// </summary>
internal static class Safetensors
{
    /// <summary>
    /// Writes <paramref name="tensors"/> (any device, any layout) in sorted name order, with the
    /// header padded with spaces to a multiple of 8 bytes as the reference implementation does.
    /// Atomic: the data goes to a temporary file in the same folder, which replaces
    /// <paramref name="path"/> only once complete and flushed; on failure the old file is untouched.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        RequireLittleEndian();
        var full = Path.GetFullPath(path);
        var entries = tensors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => Entry(full, e.Key, e.Value)).ToList();
        var header = Header(entries, metadata, full);

        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Span<byte> length = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
                file.Write(length);
                file.Write(header);
                foreach (var (_, tensor, bytes) in entries) WriteData(file, tensor, bytes);
                file.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting; a stray temporary file is harmless.
        }
    }

    /// <summary>
    /// Reads every tensor of the file (onto <paramref name="device"/>, CPU by default) after
    /// validating the whole header against the file; on any problem it throws
    /// <see cref="SafetensorsException"/> and keeps no tensor.
    /// </summary>
    public static SafetensorsData Load(string path, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        RequireLittleEndian();
        using var file = Open(path, 1 << 16, FileOptions.SequentialScan);
        var header = SafetensorsHeader.Read(path, file);
        var loaded = new Tensor?[header.Tensors.Count];
        try
        {
            foreach (var i in Enumerable.Range(0, loaded.Length).OrderBy(i => header.Tensors[i].Begin))
            {
                var t = ReadData(file, header, header.Tensors[i]);
                loaded[i] = t;
                if (device is { type: not DeviceType.CPU } d)
                {
                    loaded[i] = t.to(d);
                    t.Dispose();
                }
            }
            var result = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
            for (var i = 0; i < loaded.Length; i++) result.Add(header.Tensors[i].Name, loaded[i]!);
            return new SafetensorsData(result, header.Metadata);
        }
        catch
        {
            foreach (var t in loaded) t?.Dispose();
            throw;
        }
    }

    /// <summary>The validated header alone: names, dtypes, shapes, offsets and metadata, reading no tensor data.</summary>
    public static SafetensorsHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = Open(path, 4096, FileOptions.None);
        return SafetensorsHeader.Read(path, file);
    }

    /// <summary>A regular file only: a folder, a FIFO or a device given as a checkpoint is refused before it is opened.</summary>
    static FileStream Open(string path, int bufferSize, FileOptions options)
    {
        try
        {
            return Data.InputFile.OpenRead(path, "a safetensors file", Data.InputFile.WeightsLimit, bufferSize, options);
        }
        catch (Data.InputFileException e)
        {
            throw new SafetensorsException(path, e.Problem, e);
        }
    }

    static (string name, Tensor tensor, long bytes) Entry(string path, string name, Tensor tensor)
    {
        if (name == SafetensorsHeader.MetadataKey) throw new SafetensorsException(path, $"a tensor cannot be named '{name}', which the format reserves for metadata");
        ArgumentNullException.ThrowIfNull(tensor, name);
        return (name, tensor, tensor.numel() * tensor.ElementSize);
    }

    static byte[] Header(List<(string name, Tensor tensor, long bytes)> entries, IReadOnlyDictionary<string, string>? metadata, string path)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafetensorsHeader.MetadataKey);
                foreach (var (k, v) in metadata.OrderBy(e => e.Key, StringComparer.Ordinal))
                    json.WriteString(k, v ?? throw new SafetensorsException(path, $"metadata entry '{k}' is null; metadata values must be strings"));
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var (name, tensor, bytes) in entries)
            {
                json.WriteStartObject(name);
                json.WriteString("dtype", SafetensorsDType.Name(tensor.dtype));
                json.WriteStartArray("shape");
                foreach (var s in tensor.shape) json.WriteNumberValue(s);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset += bytes);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        var padded = (buffer.Length + 7) / 8 * 8;
        while (buffer.Length < padded) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    static void WriteData(FileStream file, Tensor tensor, long bytes)
    {
        using var detached = tensor.detach();
        using var cpu = detached.cpu();
        using var contiguous = cpu.contiguous();
        file.Write(contiguous.bytes);
    }

    static Tensor ReadData(FileStream file, SafetensorsHeader header, SafetensorsTensorInfo info)
    {
        var t = torch.empty(info.Shape.ToArray(), info.DType);
        try
        {
            file.Position = header.DataStart + info.Begin;
            file.ReadExactly(t.bytes);
            return t;
        }
        catch (EndOfStreamException e)
        {
            t.Dispose();
            throw new SafetensorsException(header.FilePath, $"the file ended inside tensor '{info.Name}' (did it change while being read?)", e);
        }
        catch
        {
            t.Dispose();
            throw;
        }
    }

    static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data is little-endian; this machine is not");
    }
}

/// <summary>What <see cref="Safetensors.Load"/> returns: the tensors in header order and the metadata. Disposing frees the tensors.</summary>
internal sealed class SafetensorsData(OrderedDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string> metadata) : IDisposable
{
    /// <summary>The tensors by name, in header order; take ones you keep out before disposing this.</summary>
    public OrderedDictionary<string, Tensor> Tensors { get; } = tensors;

    public IReadOnlyDictionary<string, string> Metadata { get; } = metadata;

    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
        Tensors.Clear();
    }
}
