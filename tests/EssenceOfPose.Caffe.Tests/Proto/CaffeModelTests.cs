using Google.Protobuf;
using static Google.Protobuf.WireFormat;

namespace EssenceOfPose.Caffe.Tests;

public class CaffeModelTests
{
    static float[] Ramp(int count, float scale) => Enumerable.Range(0, count).Select(i => (i - count / 2) * scale).ToArray();

    static CaffeModel Small() => new("Small",
    [
        new("conv1", "Convolution", ["data"], ["conv1"], ["conv1_w", "conv1_b"],
            [new CaffeBlob([2, 3, 3, 3], Ramp(54, 0.25f)), new CaffeBlob([2], [0.5f, -1.5f])]),
        new("relu1", "ReLU", ["conv1"], ["conv1"], [], []),
        new("fc", "InnerProduct", ["conv1"], ["fc"], ["fc_w", "fc_b"],
            [new CaffeBlob([4, 18], Ramp(72, -0.125f)), new CaffeBlob([4], [1, 2, 3, float.MaxValue])]),
    ], CaffeLayerForm.Layer, "memory");

    static CaffeModel Read(byte[] bytes, string name = "test.caffemodel") => CaffeModelReader.Read(bytes, name);

    // Forms go by name: CaffeLayerForm is internal, and a public test method cannot take it.
    public static TheoryData<string, bool, bool> Forms()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var form in new[] { nameof(CaffeLayerForm.Layer), nameof(CaffeLayerForm.V1) })
            foreach (var legacy in new[] { false, true })
                foreach (var packed in new[] { true, false })
                    data.Add(form, legacy, packed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Round_trip_keeps_layers_shapes_values_and_param_names(string formName, bool legacyShape, bool packed)
    {
        var form = Enum.Parse<CaffeLayerForm>(formName);
        var options = new CaffeModelWriteOptions(form, legacyShape, packed);
        var original = Small();
        var read = Read(CaffeModelWriter.ToBytes(original, options));

        Assert.Equal("Small", read.Name);
        Assert.Equal(form, read.Form);
        Assert.Equal(original.Layers.Select(l => (l.Name, l.Type)), read.Layers.Select(l => (l.Name, l.Type)));
        Assert.Equal(["conv1", "fc"], read.BlobsByLayer.Keys.Order());
        for (var i = 0; i < original.Layers.Count; i++)
        {
            var (want, got) = (original.Layers[i], read.Layers[i]);
            Assert.Equal(want.Bottoms, got.Bottoms);
            Assert.Equal(want.Tops, got.Tops);
            Assert.Equal(want.ParamNames, got.ParamNames);
            Assert.Equal(want.Blobs.Count, got.Blobs.Count);
            for (var b = 0; b < want.Blobs.Count; b++)
            {
                var expectedShape = legacyShape ? Enumerable.Repeat(1, 4 - want.Blobs[b].Shape.Length).Concat(want.Blobs[b].Shape).ToArray() : want.Blobs[b].Shape;
                Assert.Equal(expectedShape, got.Blobs[b].Shape);
                Assert.Equal(legacyShape, got.Blobs[b].IsLegacyShape);
                Assert.Equal(want.Blobs[b].Data, got.Blobs[b].Data);
            }
        }
    }

    [Fact]
    public void Packed_floats_are_smaller_than_unpacked_ones_so_both_paths_are_really_exercised()
    {
        var packed = CaffeModelWriter.ToBytes(Small(), new(PackedFloats: true)).Length;
        var unpacked = CaffeModelWriter.ToBytes(Small(), new(PackedFloats: false)).Length;
        // Unpacked: one tag byte per float (132 floats). Packed: one tag and a length per blob (10 bytes for 4 blobs).
        Assert.True(unpacked - packed >= 132 - 10, $"packed {packed} bytes, unpacked {unpacked}");
    }

    [Fact]
    public void Load_reads_a_file_and_names_it_in_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"eop-caffe-{Guid.NewGuid():N}.caffemodel");
        try
        {
            CaffeModelWriter.Write(path, Small());
            Assert.Equal(3, CaffeModel.Load(path).Layers.Count);
            var bytes = File.ReadAllBytes(path);
            File.WriteAllBytes(path, bytes[..(bytes.Length - 7)]);
            var e = Assert.Throws<CaffeFormatException>(() => CaffeModel.Load(path));
            Assert.StartsWith($"{path}: ", e.Message);
            Assert.Contains("truncated", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_truncation_either_reads_whole_layers_or_fails_as_a_format_error()
    {
        var bytes = CaffeModelWriter.ToBytes(Small(), new(CaffeLayerForm.V1, PackedFloats: false));
        var failures = 0;
        for (var length = 0; length < bytes.Length; length++)
        {
            try
            {
                var model = Read(bytes[..length]);
                Assert.True(model.Layers.Count < 3, $"a {length}-byte prefix read all layers");
            }
            catch (CaffeFormatException e)
            {
                Assert.StartsWith("test.caffemodel: ", e.Message);
                failures++;
            }
        }
        Assert.True(failures > bytes.Length * 9 / 10, $"only {failures} of {bytes.Length} prefixes failed");
    }

    [Fact]
    public void Truncation_inside_a_layer_says_so()
    {
        var bytes = CaffeModelWriter.ToBytes(Small());
        var e = Assert.Throws<CaffeFormatException>(() => Read(bytes[..(bytes.Length - 3)]));
        Assert.Matches(@"^test\.caffemodel: the file is truncated or corrupt: .* \(near byte \d+ of \d+\)$", e.Message);
    }

    // Hand-written messages for the spellings the writer does not produce.
    static byte[] Message(Action<CodedOutputStream> body)
    {
        using var buffer = new MemoryStream();
        using (var o = new CodedOutputStream(buffer, leaveOpen: true))
            body(o);
        return buffer.ToArray();
    }

    static void Bytes(CodedOutputStream o, int field, byte[] content)
    {
        o.WriteTag(field, WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(content));
    }

    static void Text(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireType.LengthDelimited);
        o.WriteString(value);
    }

    static byte[] NetWithBlob(byte[] blob) => Message(n => Bytes(n, 100, Message(l =>
    {
        Text(l, 1, "layer0");
        Text(l, 2, "InnerProduct");
        Bytes(l, 7, blob);
    })));

    [Fact]
    public void Unpacked_dims_packed_and_unpacked_doubles_and_unknown_fields_are_read()
    {
        var blob = Message(b =>
        {
            b.WriteTag(42, WireType.Varint);            // unknown field: skipped
            b.WriteInt64(7);
            Bytes(b, 7, Message(s =>
            {
                s.WriteTag(1, WireType.Varint); s.WriteInt64(2);
                s.WriteTag(1, WireType.Varint); s.WriteInt64(3);
            }));
            b.WriteTag(8, WireType.Fixed64); b.WriteDouble(0.5);
            Bytes(b, 8, Message(d => { foreach (var v in new[] { 1.5, -2.0, 3.25, 1e-3, 7 }) d.WriteDouble(v); }));
            Bytes(b, 6, Message(d => d.WriteFloat(9)));  // diff: skipped
        });
        var model = Read(Message(n =>
        {
            Text(n, 1, "Hand");
            Bytes(n, 999, [1, 2, 3]);                   // unknown field: skipped
            Bytes(n, 100, Message(l =>
            {
                Text(l, 1, "layer0");
                Text(l, 2, "InnerProduct");
                Bytes(l, 6, Message(p => Text(p, 1, "shared_w")));
                Bytes(l, 7, blob);
            }));
        }));
        var read = Assert.Single(model.Layers);
        Assert.Equal(["shared_w"], read.ParamNames);
        var b = Assert.Single(read.Blobs);
        Assert.Equal([2, 3], b.Shape);
        Assert.Equal([0.5f, 1.5f, -2f, 3.25f, 1e-3f, 7f], b.Data);
    }

    [Fact]
    public void A_blob_whose_data_does_not_fill_its_shape_is_refused()
    {
        var model = Small() with { Layers = [new("conv", "Convolution", [], [], [], [new CaffeBlob([2, 3], [1, 2, 3, 4, 5])])] };
        var e = Assert.Throws<CaffeFormatException>(() => Read(CaffeModelWriter.ToBytes(model)));
        Assert.Equal("test.caffemodel: layer[0] 'conv' > blobs[0]: the blob's shape 2×3 holds 6 values, but its data has 5", e.Message);
        var legacy = Assert.Throws<CaffeFormatException>(() => Read(CaffeModelWriter.ToBytes(model, new(LegacyBlobShape: true))));
        Assert.Contains("the blob's shape 1×1×2×3 (legacy num/channels/height/width) holds 6 values", legacy.Message);
    }

    [Fact]
    public void Wrong_wire_types_are_named_with_field_and_path()
    {
        var name = Message(n => Bytes(n, 100, Message(l => { l.WriteTag(1, WireType.Varint); l.WriteInt32(5); })));
        Assert.Equal("test.caffemodel: layer[0]: LayerParameter.name (field 1) has wire type Varint; expected LengthDelimited",
            Assert.Throws<CaffeFormatException>(() => Read(name)).Message);

        var data = NetWithBlob(Message(b => { b.WriteTag(5, WireType.Varint); b.WriteInt32(1); }));
        Assert.Equal("test.caffemodel: layer[0] 'layer0' > blobs[0]: BlobProto.data has wire type Varint; expected Fixed32 (unpacked) or LengthDelimited (packed)",
            Assert.Throws<CaffeFormatException>(() => Read(data)).Message);

        var packed = NetWithBlob(Message(b => Bytes(b, 5, [0, 0, 128, 63, 0, 0])));
        Assert.Contains("packed BlobProto.data is 6 bytes long, not a multiple of 4", Assert.Throws<CaffeFormatException>(() => Read(packed)).Message);

        var v1 = Message(n => Bytes(n, 2, Message(l => { Text(l, 4, "odd"); l.WriteTag(5, WireType.Varint); l.WriteEnum(77); })));
        Assert.Equal("test.caffemodel: layers[0] 'odd': unknown V1 layer type number 77", Assert.Throws<CaffeFormatException>(() => Read(v1)).Message);
    }

    [Fact]
    public void Mixing_layer_and_v1_layers_is_refused_and_garbage_is_a_format_error()
    {
        var both = Message(n => { Bytes(n, 100, Message(l => Text(l, 1, "a"))); Bytes(n, 2, Message(l => Text(l, 4, "b"))); });
        Assert.Contains("both 'layer' (field 100) and V1 'layers' (field 2)", Assert.Throws<CaffeFormatException>(() => Read(both)).Message);
        var garbage = new byte[] { 0x0F, 0xFF, 0xFF, 0xFF };
        Assert.StartsWith("test.caffemodel: ", Assert.Throws<CaffeFormatException>(() => Read(garbage)).Message);
    }

    [Fact]
    public void An_empty_file_is_an_empty_model()
    {
        var model = Read([]);
        Assert.Empty(model.Layers);
        Assert.Equal("", model.Name);
    }
}
