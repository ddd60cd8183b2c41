using Google.Protobuf;
using static Google.Protobuf.WireFormat;
using Fields = EssenceOfPose.Caffe.CaffeProtoFields;

namespace EssenceOfPose.Caffe;

/// <summary>How <see cref="CaffeModelWriter"/> spells a model: which layer list, which blob shape fields, packed or not.</summary>
sealed record CaffeModelWriteOptions(
    CaffeLayerForm Form = CaffeLayerForm.Layer,
    bool LegacyBlobShape = false,
    bool PackedFloats = true)
{
    public override string ToString() =>
        $"{Form} layers, {(LegacyBlobShape ? "num/channels/height/width" : "BlobShape")}, {(PackedFloats ? "packed" : "unpacked")} floats";
}

/// <summary>
/// Writes a <c>.caffemodel</c> with <see cref="CodedOutputStream"/>, in either of caffe.proto's forms, so that
/// tests (and documentation) can round-trip small models through <see cref="CaffeModelReader"/>. Only the
/// fields the reader uses are written; a blob's shape is written as given (a legacy shape is left-padded to 4-D).
/// </summary>
static class CaffeModelWriter
{
    public static void Write(string path, CaffeModel model, CaffeModelWriteOptions? options = null) =>
        File.WriteAllBytes(path, ToBytes(model, options));

    public static byte[] ToBytes(CaffeModel model, CaffeModelWriteOptions? options = null)
    {
        options ??= new CaffeModelWriteOptions();
        return Message(o =>
        {
            if (model.Name.Length > 0)
                WriteString(o, Fields.Net.Name, model.Name);
            foreach (var layer in model.Layers)
            {
                if (options.Form == CaffeLayerForm.Layer)
                    WriteMessage(o, Fields.Net.Layer, l => WriteLayer(l, layer, options));
                else
                    WriteMessage(o, Fields.Net.V1Layers, l => WriteV1Layer(l, layer, options));
            }
        });
    }

    static void WriteLayer(CodedOutputStream o, CaffeModelLayer layer, CaffeModelWriteOptions options)
    {
        WriteString(o, Fields.Layer.Name, layer.Name);
        WriteString(o, Fields.Layer.Type, layer.Type);
        foreach (var b in layer.Bottoms) WriteString(o, Fields.Layer.Bottom, b);
        foreach (var t in layer.Tops) WriteString(o, Fields.Layer.Top, t);
        foreach (var p in layer.ParamNames)
            WriteMessage(o, Fields.Layer.Param, s => { if (p is not null) WriteString(s, Fields.ParamSpec.Name, p); });
        foreach (var blob in layer.Blobs)
            WriteMessage(o, Fields.Layer.Blobs, b => WriteBlob(b, blob, options));
    }

    static void WriteV1Layer(CodedOutputStream o, CaffeModelLayer layer, CaffeModelWriteOptions options)
    {
        // Field order as protoc emits it (by number): bottom 2, top 3, name 4, type 5, blobs 6, param 1001.
        foreach (var b in layer.Bottoms) WriteString(o, Fields.V1Layer.Bottom, b);
        foreach (var t in layer.Tops) WriteString(o, Fields.V1Layer.Top, t);
        WriteString(o, Fields.V1Layer.Name, layer.Name);
        var type = CaffeLayerTypes.ToV1Number(layer.Type)
            ?? throw new ArgumentException($"layer '{layer.Name}': type {layer.Type} has no V1 enum value", nameof(layer));
        o.WriteTag(Fields.V1Layer.Type, WireType.Varint);
        o.WriteEnum(type);
        foreach (var blob in layer.Blobs)
            WriteMessage(o, Fields.V1Layer.Blobs, b => WriteBlob(b, blob, options));
        foreach (var p in layer.ParamNames)
            WriteString(o, Fields.V1Layer.Param, p ?? "");
    }

    static void WriteBlob(CodedOutputStream o, CaffeBlob blob, CaffeModelWriteOptions options)
    {
        if (options.LegacyBlobShape)
        {
            if (blob.Shape.Length > 4)
                throw new ArgumentException($"a {blob.Shape.Length}-axis blob has no legacy 4-D form", nameof(blob));
            var four = Enumerable.Repeat(1, 4 - blob.Shape.Length).Concat(blob.Shape).ToArray();
            for (var i = 0; i < 4; i++)
            {
                o.WriteTag(Fields.Blob.Num + i, WireType.Varint);
                o.WriteInt64(four[i]);
            }
        }
        if (options.PackedFloats)
        {
            o.WriteTag(Fields.Blob.Data, WireType.LengthDelimited);
            o.WriteLength(checked(blob.Data.Length * 4));
            foreach (var v in blob.Data)
                o.WriteFloat(v);
        }
        else
        {
            foreach (var v in blob.Data)
            {
                o.WriteTag(Fields.Blob.Data, WireType.Fixed32);
                o.WriteFloat(v);
            }
        }
        if (!options.LegacyBlobShape)
            WriteMessage(o, Fields.Blob.Shape, s =>
            {
                var dims = Message(d => { foreach (var dim in blob.Shape) d.WriteInt64(dim); });
                s.WriteTag(Fields.BlobShape.Dim, WireType.LengthDelimited);
                s.WriteBytes(ByteString.CopyFrom(dims));
            });
    }

    static void WriteString(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireType.LengthDelimited);
        o.WriteString(value);
    }

    static void WriteMessage(CodedOutputStream o, int field, Action<CodedOutputStream> body)
    {
        o.WriteTag(field, WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(Message(body)));
    }

    static byte[] Message(Action<CodedOutputStream> body)
    {
        using var buffer = new MemoryStream();
        using (var o = new CodedOutputStream(buffer, leaveOpen: true))
        {
            body(o);
            o.Flush();
        }
        return buffer.ToArray();
    }
}
