using System.Text;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// The Caffe importer, driven only through `eop import caffe` in a process (the importer is moving
/// to an assembly of its own; this corpus does not depend on where it lives): the deploy prototxt of
/// the PoseNet tower with a caffemodel of exactly its shapes, written here at the protobuf wire level,
/// then broken prototxts and caffemodels, and the hostile file-system entries for each.
/// </summary>
internal static class CaffeCorpus
{
    public const string Loader = "Caffe import (prototxt + caffemodel)";

    /// <summary>The tower of pose-l1-torch7-deploy.prototxt: layer, weight shape, bias length.</summary>
    static readonly (string Name, string Type, long[] Weight, long Bias)[] Tower =
    [
        ("conv1", "Convolution", [20, 3, 7, 7], 20),
        ("conv2", "Convolution", [40, 20, 5, 5], 40),
        ("conv3", "Convolution", [80, 40, 4, 4], 80),
        ("conv4", "Convolution", [160, 80, 4, 4], 160),
        ("fc5", "InnerProduct", [500, 640], 500),
        ("fc6", "InnerProduct", [500, 500], 500),
    ];

    public static IEnumerable<ProcessCase> Build(string dir, string prototxt, bool slow)
    {
        var model = Caffemodel(Tower, 0.01f);
        var n = 0;
        string Write(string ext, byte[] content)
        {
            var path = Path.Combine(dir, $"case{n++:D3}{ext}");
            File.WriteAllBytes(path, content);
            return Path.GetFileName(path);
        }
        var validModel = Write(".caffemodel", model);
        var text = File.ReadAllText(prototxt);
        var validProto = Write(".prototxt", Encoding.UTF8.GetBytes(text));
        ProcessCase Import(string name, Expect expect, string proto, string caffemodel, string mustName, params string[] extra) =>
            // Exit 1 is the importer's refusal of a model that does not reproduce the Caffe net (NaN weights, say).
            new(new FuzzCase(Loader, name, expect, mustName), ["import", "caffe", "--prototxt", proto, "--caffemodel", caffemodel, "--out", $"out/{n++:D3}.safetensors", .. extra], RefuseCodes: [1, 2]);
        ProcessCase Model(string name, byte[] content, Expect expect = Expect.Reject)
        {
            var file = Write(".caffemodel", content);
            return Import(name, expect, validProto, file, file);
        }
        ProcessCase Proto(string name, string content, Expect expect = Expect.Reject)
        {
            var file = Write(".prototxt", Encoding.UTF8.GetBytes(content));
            return Import(name, expect, file, validModel, file);
        }

        yield return Import("the PoseNet tower (control)", Expect.Accept, validProto, validModel, "", "--mean", "104,117,123");
        yield return Import("--mean NaN,0,0", Expect.Reject, validProto, validModel, "--mean", "--mean", "NaN,0,0");
        yield return Model("caffemodel cut in half", model[..(model.Length / 2)]);
        yield return Model("caffemodel of one byte", [0x0A]);
        yield return Model("caffemodel with a 2^62-byte field length", [0xA2, 0x06, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]);
        yield return Model("conv1's weights of shape [20,3,7,8]", Caffemodel(Tower.Select(t => t.Name == "conv1" ? t with { Weight = [20, 3, 7, 8] } : t).ToArray(), 0.01f));
        yield return Model("fc5 missing", Caffemodel(Tower.Where(t => t.Name != "fc5").ToArray(), 0.01f));
        yield return Proto("unbalanced braces", text + "\nlayer {\n name: \"x\"\n");
        yield return Proto("num_output -1", text.Replace("num_output: 20", "num_output: -1"));
        yield return Proto("kernel_size 0", text.Replace("kernel_size: 7", "kernel_size: 0"));
        // The importer builds the suite's architecture (101×101 inputs) from the layers; whether it also refuses input_dim it does not use is its own affair.
        yield return Proto("input_dim 2^31", text.Replace("input_dim: 101", "input_dim: 2147483647"), Expect.Either);
        yield return Proto("unknown layer type", text.Replace("type: \"ReLU\"", "type: \"Frobnicate\""));
        yield return Proto("100000 nested braces", "layer " + string.Concat(Enumerable.Repeat("{ a ", 100_000)));
        yield return Proto("an unterminated string", text.Replace("name: \"conv1\"", "name: \"conv1"));
        if (!slow) yield break;
        yield return Proto("num_output 2^31-1", text.Replace("num_output: 500", "num_output: 2147483647"));
        yield return Proto("empty prototxt", "");
        yield return Model("empty caffemodel", []);
        yield return Import("prototxt of invalid UTF-8", Expect.Reject, Write(".prototxt", [.. Encoding.UTF8.GetBytes(text[..50]), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(text[50..])]), validModel, $"case{n - 1:D3}.prototxt");
        // The non-finite check of imported weights belongs to the importer's own work (issue #14, "someone else does that part"): either outcome passes here.
        yield return Model("NaN in conv1's weights", Caffemodel(Tower, float.NaN), Expect.Either);
        var rng = new Random(14);
        for (var i = 0; i < 6; i++)
            yield return Model($"caffemodel byte flips in the first 4 kB, seed 14 #{i}", Mutate.Flip(model, rng, 0, 4096, 2), Expect.Either);
        foreach (var (what, path) in Hostile.Entries(dir, "net").Where(e => e.Name is "named pipe" or "link to /dev/zero" or "folder" or "5 GB sparse file"))
        {
            var moved = Path.Combine(dir, $"{what.Replace(' ', '-').Replace('/', '-')}.caffemodel");
            if (Directory.Exists(path)) Directory.Move(path, moved); else File.Move(path, moved);
            yield return Import($"caffemodel is a {what}", Expect.Reject, validProto, Path.GetFileName(moved), Path.GetFileName(moved));
        }
    }

    /// <summary>A NetParameter in the current layer form: one LayerParameter per layer, its blobs with packed shapes and floats all equal to <paramref name="value"/>.</summary>
    static byte[] Caffemodel((string Name, string Type, long[] Weight, long Bias)[] layers, float value)
    {
        var net = new MemoryStream();
        Field(net, 1, 2, Encoding.UTF8.GetBytes("PoseNet"));
        foreach (var (name, type, weight, bias) in layers)
        {
            var layer = new MemoryStream();
            Field(layer, 1, 2, Encoding.UTF8.GetBytes(name));
            Field(layer, 2, 2, Encoding.UTF8.GetBytes(type));
            Field(layer, 7, 2, Blob(weight, value));
            Field(layer, 7, 2, Blob([bias], value));
            Field(net, 100, 2, layer.ToArray());
        }
        return net.ToArray();
    }

    static byte[] Blob(long[] shape, float value)
    {
        var blob = new MemoryStream();
        var count = shape.Aggregate(1L, (a, d) => a * d);
        var data = new byte[count * 4];
        for (var i = 0; i < count; i++) BitConverter.TryWriteBytes(data.AsSpan(i * 4), value * ((i % 7) - 3));
        Field(blob, 5, 2, data);
        var dims = new MemoryStream();
        foreach (var d in shape) Varint(dims, (ulong)d);
        var blobShape = new MemoryStream();
        Field(blobShape, 1, 2, dims.ToArray());
        Field(blob, 7, 2, blobShape.ToArray());
        return blob.ToArray();
    }

    static void Field(Stream s, int number, int wireType, byte[] payload)
    {
        Varint(s, (ulong)((number << 3) | wireType));
        Varint(s, (ulong)payload.Length);
        s.Write(payload);
    }

    static void Varint(Stream s, ulong v)
    {
        while (v >= 0x80)
        {
            s.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        s.WriteByte((byte)v);
    }
}
