using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// A valid safetensors file taken apart (length field, JSON header, tensor bytes) for a corpus to
/// write edited copies of: <see cref="Write"/> any bytes as the next case, <see cref="Header"/> the
/// file with its header edited.
/// </summary>
internal sealed class SafetensorsCases(string dir, string prefix, string loader, string validPath)
{
    int n;

    public byte[] Bytes { get; } = File.ReadAllBytes(validPath);

    public int HeaderLength => (int)BinaryPrimitives.ReadUInt64LittleEndian(Bytes);

    public JsonObject HeaderJson => JsonNode.Parse(Encoding.UTF8.GetString(Bytes, 8, HeaderLength))!.AsObject();

    public byte[] Data => Bytes[(8 + HeaderLength)..];

    public (FuzzCase Case, string Path) Write(string name, byte[] content, Expect expect = Expect.Reject)
    {
        var path = Path.Combine(dir, $"{prefix}{n++:D3}.safetensors");
        File.WriteAllBytes(path, content);
        return (new FuzzCase(loader, name, expect, Path.GetFileName(path)), path);
    }

    /// <summary>The file with its header edited by <paramref name="edit"/> (and its tensor bytes replaced by <paramref name="body"/> if given).</summary>
    public (FuzzCase Case, string Path) Header(string name, Action<JsonObject> edit, Expect expect = Expect.Reject, byte[]? body = null)
    {
        var h = HeaderJson;
        edit(h);
        return Write(name, SafetensorsCorpus.Assemble(Encoding.UTF8.GetBytes(h.ToJsonString()), body ?? Data), expect);
    }

    public static JsonObject Meta(JsonObject header) => header["__metadata__"]!.AsObject();
}
