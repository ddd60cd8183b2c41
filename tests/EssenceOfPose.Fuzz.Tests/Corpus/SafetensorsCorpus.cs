using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using EssenceOfPose.Models;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// Checkpoints (safetensors with the suite's metadata): a valid PoseNet checkpoint, then its header
/// rewritten field by field (lengths, UTF-8, JSON, dtypes, shapes, offsets, metadata values), its
/// tensors filled with NaN and infinities, seeded byte flips and truncations, and the hostile
/// file-system entries. Each is loaded with <see cref="Checkpoint.Load"/>, as every verb does.
/// </summary>
internal static class SafetensorsCorpus
{
    public const string Loader = "safetensors checkpoints";

    public static IEnumerable<(FuzzCase Case, string Path)> Build(string dir)
    {
        var valid = Path.Combine(dir, "valid.safetensors");
        using (var net = new PoseNet())
            Checkpoint.Save(valid, net, new CheckpointInfo { Architecture = PoseNet.Name, Mean = [104, 117, 123] });
        var cases = new SafetensorsCases(dir, "case", Loader, valid);
        var (bytes, headerLength, header, data) = (cases.Bytes, cases.HeaderLength, cases.HeaderJson, cases.Data);
        var Write = cases.Write;
        var Header = cases.Header;
        var Meta = SafetensorsCases.Meta;

        yield return Write("valid PoseNet checkpoint (control)", bytes, Expect.Accept);
        yield return Header("header re-serialised unchanged (control)", _ => { }, Expect.Accept);

        // The 8-byte length field.
        yield return Write("7 bytes", bytes[..7]);
        yield return Write("length field only", bytes[..8]);
        yield return Write("header length 2^64-1", Mutate.Overwrite(bytes, 0, BitConverter.GetBytes(ulong.MaxValue)));
        yield return Write("header length past the end", Mutate.Overwrite(bytes, 0, BitConverter.GetBytes((ulong)bytes.Length)));
        yield return Write("header length 0", Mutate.Overwrite(bytes, 0, BitConverter.GetBytes(0UL)));
        yield return Write("header length one short", Mutate.Overwrite(bytes, 0, BitConverter.GetBytes((ulong)headerLength - 1)));
        yield return Write("header length 200 MB in a small file", Mutate.Overwrite(bytes, 0, BitConverter.GetBytes(200_000_000UL)));

        // The header's bytes and JSON.
        var raw = Encoding.UTF8.GetBytes(header.ToJsonString());
        var name = Encoding.UTF8.GetBytes("conv1.weight");
        var at = raw.AsSpan().IndexOf(name);
        yield return Write("invalid UTF-8 in a tensor name", Assemble(Mutate.Overwrite(raw, at + 2, [0xFF, 0xFE]), data));
        yield return Write("overlong UTF-8 NUL in a tensor name", Assemble(Mutate.Overwrite(raw, at + 2, [0xC0, 0x80]), data));
        yield return Write("header is a JSON array", Assemble("[1,2,3]"u8.ToArray(), data));
        yield return Write("header is JSON null", Assemble("null"u8.ToArray(), data));
        yield return Write("header is not JSON", Assemble("{\"conv1.weight\": {"u8.ToArray(), data));
        yield return Write("header nested 10000 deep", Assemble(Encoding.UTF8.GetBytes(new string('[', 10000) + new string(']', 10000)), data));
        yield return Write("header of spaces", Assemble(Encoding.UTF8.GetBytes(new string(' ', 64)), data));
        yield return Write("BOM before the header", Assemble([0xEF, 0xBB, 0xBF, .. raw], data));
        yield return Write("no tensors, no metadata", Assemble("{}"u8.ToArray(), []));

        // Tensor entries.
        yield return Header("unknown dtype", h => h["conv1.weight"]!["dtype"] = "F13");
        yield return Header("dtype is a number", h => h["conv1.weight"]!["dtype"] = 7);
        yield return Header("dtype F64 for F32 data", h => h["conv1.weight"]!["dtype"] = "F64");
        yield return Header("negative dimension", h => h["conv1.bias"]!["shape"] = new JsonArray(-20));
        yield return Header("fractional dimension", h => h["conv1.bias"]!["shape"] = new JsonArray(2.5));
        yield return Header("dimension 2^62", h => h["conv1.bias"]!["shape"] = new JsonArray(1L << 62, 4));
        yield return Header("shape of 2^40 elements", h => h["conv1.bias"]!["shape"] = new JsonArray(1 << 20, 1 << 20));
        yield return Header("shape is a string", h => h["conv1.bias"]!["shape"] = "20");
        yield return Header("shape and byte length disagree", h => h["conv1.bias"]!["shape"] = new JsonArray(21));
        yield return Header("transposed shape, same bytes", h => h["fc5.weight"]!["shape"] = new JsonArray(640, 500));
        yield return Header("offsets reversed", h => h["conv1.bias"]!["data_offsets"] = Reversed(h["conv1.bias"]!["data_offsets"]!));
        yield return Header("offsets negative", h => h["conv1.bias"]!["data_offsets"] = new JsonArray(-80, 0));
        yield return Header("offsets beyond the buffer", h => h["conv1.bias"]!["data_offsets"] = new JsonArray(long.MaxValue - 80, long.MaxValue));
        yield return Header("three offsets", h => h["conv1.bias"]!["data_offsets"] = new JsonArray(0, 80, 160));
        yield return Header("two tensors share bytes", h => h["conv2.bias"]!["data_offsets"] = h["conv1.bias"]!["data_offsets"]!.DeepClone());
        yield return Header("a tensor missing", h => h.Remove("conv1.bias"));
        yield return Header("an unexpected tensor", h => h["conv9.weight"] = h["conv1.bias"]!.DeepClone());
        yield return Header("a tensor entry is a number", h => h["conv1.bias"] = 5);
        yield return Write("data cut by 100 bytes", bytes[..^100]);
        yield return Write("data cut at the header", bytes[..(8 + headerLength)]);
        yield return Write("4 trailing bytes", [.. bytes, 1, 2, 3, 4]);

        // Metadata that contradicts the tensors or is out of range.
        yield return Header("no __metadata__", h => h.Remove("__metadata__"));
        yield return Header("__metadata__ is a list", h => h["__metadata__"] = new JsonArray());
        yield return Header("metadata value is a number", h => Meta(h)["input_size"] = 101);
        yield return Header("format of another tool", h => Meta(h)["format"] = "pt");
        yield return Header("unknown architecture", h => Meta(h)["architecture"] = "resnet");
        yield return Header("architecture smallnet-v5 over PoseNet tensors", h => Meta(h)["architecture"] = "smallnet-v5");
        yield return Header("input_size 0", h => Meta(h)["input_size"] = "0");
        yield return Header("input_size 100000", h => Meta(h)["input_size"] = "100000");
        yield return Header("input_size -1", h => Meta(h)["input_size"] = "-1");
        yield return Header("input_size 102", h => Meta(h)["input_size"] = "102");
        yield return Header("input_size not a number", h => Meta(h)["input_size"] = "a hundred");
        yield return Header("input_size 2^40", h => Meta(h)["input_size"] = "1099511627776");
        yield return Header("mean of two values", h => Meta(h)["mean"] = "[1,2]");
        yield return Header("mean NaN", h => Meta(h)["mean"] = "[\"NaN\",0,0]");
        yield return Header("mean 1e999", h => Meta(h)["mean"] = "[1e999,0,0]");
        yield return Header("mean 300", h => Meta(h)["mean"] = "[300,0,0]");
        yield return Header("mean -1", h => Meta(h)["mean"] = "[-1,0,0]");
        yield return Header("mean is null", h => Meta(h)["mean"] = "null");
        yield return Header("label kind unknown", h => Meta(h)["label_kind"] = "Dof7");
        yield return Header("pose_outputs 5 for Dof6", h => Meta(h)["pose_outputs"] = "5");
        yield return Header("label stats std negative", h => Meta(h)["label_stats"] = Stats("[0,0,0,0,0,0]", "[1,1,-1,1,1,1]", 10));
        yield return Header("label stats of 3 values", h => Meta(h)["label_stats"] = Stats("[0,0,0]", "[1,1,1]", 10, names: "[\"a\",\"b\",\"c\"]"));
        yield return Header("label stats count 0", h => Meta(h)["label_stats"] = Stats("[0,0,0,0,0,0]", "[1,1,1,1,1,1]", 0));
        yield return Header("label stats mean 1e999", h => Meta(h)["label_stats"] = Stats("[1e999,0,0,0,0,0]", "[1,1,1,1,1,1]", 10));
        yield return Header("label stats for another kind", h => Meta(h)["label_stats"] = Stats("[0,0]", "[1,1]", 10, kind: "Dof2", names: "[\"a\",\"b\"]"));
        yield return Header("provenance is not JSON", h => Meta(h)["provenance"] = "{not json");
        yield return Header("valid label stats (control)", h => Meta(h)["label_stats"] = Stats("[0,0,0,0,0,0]", "[1,1,0,1,1,1]", 10), Expect.Accept);

        // Non-finite weights.
        foreach (var (what, value) in new[] { ("NaN", float.NaN), ("+infinity", float.PositiveInfinity), ("-infinity", float.NegativeInfinity) })
            foreach (var tensor in new[] { "conv1.weight", "fc6.bias", "ptch_fc.weight" })
                yield return Write($"{what} in {tensor}", Poison(bytes, headerLength, header, tensor, value));
        yield return Write("largest finite float (control)", Poison(bytes, headerLength, header, "fc5.weight", float.MaxValue), Expect.Accept);

        // Seeded blind mutations.
        var rng = new Random(14);
        for (var i = 0; i < 12; i++)
            yield return Write($"header byte flips, seed 14 #{i}", Mutate.Flip(bytes, rng, 8, 8 + headerLength, 1 + i % 3), Expect.Either);
        for (var i = 0; i < 6; i++)
            yield return Write($"data byte flips, seed 14 #{i}", Mutate.Flip(bytes, rng, 8 + headerLength, bytes.Length, 8), Expect.Either);
        for (var i = 0; i < 6; i++)
            yield return Write($"truncated at a random byte, seed 14 #{i}", Mutate.Truncate(bytes, rng.Next(0, bytes.Length - 1)));

        foreach (var (what, path) in Hostile.Entries(dir, "model.safetensors"))
            yield return (new FuzzCase(Loader, what, Expect.Reject, Path.GetFileName(path)), path);
    }

    internal static byte[] Assemble(byte[] header, byte[] data)
    {
        var padded = (header.Length + 7) / 8 * 8;
        var result = new byte[8 + padded + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)padded);
        header.CopyTo(result, 8);
        result.AsSpan(8 + header.Length, padded - header.Length).Fill((byte)' ');
        data.CopyTo(result, 8 + padded);
        return result;
    }

    static JsonArray Reversed(JsonNode offsets) => new(offsets[1]!.GetValue<long>(), offsets[0]!.GetValue<long>());

    static string Stats(string mean, string std, int count, string kind = "Dof6", string names = "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"]") =>
        $"{{\"kind\":\"{kind}\",\"names\":{names},\"mean\":{mean},\"std\":{std},\"count\":{count}}}";

    /// <summary>The file with one float of <paramref name="tensor"/> (its middle one) set to <paramref name="value"/>.</summary>
    internal static byte[] Poison(byte[] bytes, int headerLength, JsonObject header, string tensor, float value)
    {
        var offsets = header[tensor]!["data_offsets"]!;
        long begin = offsets[0]!.GetValue<long>(), end = offsets[1]!.GetValue<long>();
        var at = 8 + headerLength + (int)(begin + (end - begin) / 8 * 4);
        return Mutate.Overwrite(bytes, at, BitConverter.GetBytes(value));
    }
}
