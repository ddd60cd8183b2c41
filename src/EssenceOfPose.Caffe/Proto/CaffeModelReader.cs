using System.Buffers.Binary;
using Google.Protobuf;
using static Google.Protobuf.WireFormat;
using Fields = EssenceOfPose.Caffe.CaffeProtoFields;

namespace EssenceOfPose.Caffe;

/// <summary>
/// Reads a binary <c>.caffemodel</c> at the wire level with <see cref="CodedInputStream"/>: no generated
/// classes, only the fields listed in <see cref="CaffeProtoFields"/>; everything else is skipped.
/// Repeated numbers are accepted packed and unpacked, as protobuf parsers must.
/// </summary>
sealed class CaffeModelReader
{
    readonly string source;
    readonly int size;
    readonly List<string> path = [];
    ProtoWireCursor at;

    CaffeModelReader(byte[] bytes, string source)
    {
        this.source = source;
        size = bytes.Length;
        at = new ProtoWireCursor(bytes, 0, bytes.Length);
    }

    public static CaffeModel Read(string path) => Read(File.ReadAllBytes(path), path);

    public static CaffeModel Read(byte[] bytes, string source)
    {
        var reader = new CaffeModelReader(bytes, source);
        try
        {
            return reader.ReadNet(reader.at);
        }
        catch (InvalidProtocolBufferException e)
        {
            var what = e.Message.Contains("truncated") ? $"the file is truncated or corrupt: {e.Message}" : e.Message;
            throw reader.Fail($"{what} (near byte {reader.at.Offset} of {reader.size})", e);
        }
    }

    CaffeFormatException Fail(string message, Exception? inner = null)
    {
        var where = path.Count == 0 ? "" : $"{string.Join(" > ", path)}: ";
        var text = $"{source}: {where}{message}";
        return inner is null ? new CaffeFormatException(text) : new CaffeFormatException(text, inner);
    }

    CaffeModel ReadNet(ProtoWireCursor net)
    {
        var name = "";
        var layers = new List<CaffeModelLayer>();
        var forms = new HashSet<CaffeLayerForm>();
        while (Next(net) is var tag and not 0)
        {
            switch (GetTagFieldNumber(tag))
            {
                case Fields.Net.Name:
                    name = String(net, tag, "NetParameter.name");
                    break;
                case Fields.Net.Layer:
                    forms.Add(CaffeLayerForm.Layer);
                    layers.Add(Within($"layer[{layers.Count}]", Nested(net, tag, "NetParameter.layer"), ReadLayer));
                    break;
                case Fields.Net.V1Layers:
                    forms.Add(CaffeLayerForm.V1);
                    layers.Add(Within($"layers[{layers.Count}]", Nested(net, tag, "NetParameter.layers"), ReadV1Layer));
                    break;
                default:
                    net.Input.SkipLastField();
                    break;
            }
        }
        if (forms.Count > 1)
            throw Fail("the file has both 'layer' (field 100) and V1 'layers' (field 2) entries; Caffe reads one kind per net");
        return new CaffeModel(name, layers, forms.Count == 0 ? CaffeLayerForm.Layer : forms.Single(), source);
    }

    CaffeModelLayer ReadLayer(ProtoWireCursor m)
    {
        var name = "";
        var type = "";
        List<string> bottoms = [], tops = [];
        var paramNames = new List<string?>();
        var blobs = new List<CaffeBlob>();
        while (Next(m) is var tag and not 0)
        {
            switch (GetTagFieldNumber(tag))
            {
                case Fields.Layer.Name:
                    name = String(m, tag, "LayerParameter.name");
                    path[^1] += $" '{name}'";
                    break;
                case Fields.Layer.Type: type = String(m, tag, "LayerParameter.type"); break;
                case Fields.Layer.Bottom: bottoms.Add(String(m, tag, "LayerParameter.bottom")); break;
                case Fields.Layer.Top: tops.Add(String(m, tag, "LayerParameter.top")); break;
                case Fields.Layer.Param: paramNames.Add(Within("param", Nested(m, tag, "LayerParameter.param"), ReadParamSpecName)); break;
                case Fields.Layer.Blobs: blobs.Add(Within($"blobs[{blobs.Count}]", Nested(m, tag, "LayerParameter.blobs"), ReadBlob)); break;
                default: m.Input.SkipLastField(); break;
            }
        }
        return new CaffeModelLayer(name, type, bottoms, tops, paramNames, blobs);
    }

    string? ReadParamSpecName(ProtoWireCursor m)
    {
        string? name = null;
        while (Next(m) is var tag and not 0)
        {
            if (GetTagFieldNumber(tag) == Fields.ParamSpec.Name)
                name = String(m, tag, "ParamSpec.name");
            else
                m.Input.SkipLastField();
        }
        return name;
    }

    CaffeModelLayer ReadV1Layer(ProtoWireCursor m)
    {
        var name = "";
        var type = "";
        List<string> bottoms = [], tops = [];
        var paramNames = new List<string?>();
        var blobs = new List<CaffeBlob>();
        while (Next(m) is var tag and not 0)
        {
            switch (GetTagFieldNumber(tag))
            {
                case Fields.V1Layer.Name:
                    name = String(m, tag, "V1LayerParameter.name");
                    path[^1] += $" '{name}'";
                    break;
                case Fields.V1Layer.Type:
                    Expect(tag, WireType.Varint, "V1LayerParameter.type");
                    var number = m.Input.ReadEnum();
                    type = CaffeLayerTypes.FromV1Number(number) ?? throw Fail($"unknown V1 layer type number {number}");
                    break;
                case Fields.V1Layer.Bottom: bottoms.Add(String(m, tag, "V1LayerParameter.bottom")); break;
                case Fields.V1Layer.Top: tops.Add(String(m, tag, "V1LayerParameter.top")); break;
                case Fields.V1Layer.Param: paramNames.Add(String(m, tag, "V1LayerParameter.param")); break;
                case Fields.V1Layer.Blobs: blobs.Add(Within($"blobs[{blobs.Count}]", Nested(m, tag, "V1LayerParameter.blobs"), ReadBlob)); break;
                default: m.Input.SkipLastField(); break;
            }
        }
        return new CaffeModelLayer(name, type, bottoms, tops, paramNames, blobs);
    }

    CaffeBlob ReadBlob(ProtoWireCursor m)
    {
        var legacy = new long?[4];
        List<long>? shape = null;
        var data = new List<float[]>();
        var doubles = new List<double[]>();
        while (Next(m) is var tag and not 0)
        {
            var field = GetTagFieldNumber(tag);
            switch (field)
            {
                case Fields.Blob.Num or Fields.Blob.Channels or Fields.Blob.Height or Fields.Blob.Width:
                    Expect(tag, WireType.Varint, "BlobProto.num/channels/height/width");
                    legacy[field - Fields.Blob.Num] = m.Input.ReadInt64();
                    break;
                case Fields.Blob.Shape:
                    // Repeated occurrences of a message field merge, and merging a repeated field appends.
                    shape ??= [];
                    shape.AddRange(Within("shape", Nested(m, tag, "BlobProto.shape"), ReadShape));
                    break;
                case Fields.Blob.Data:
                    data.Add(Fixed(m, tag, WireType.Fixed32, "BlobProto.data", 4, (b, n) => ToFloats(b, n)));
                    break;
                case Fields.Blob.DoubleData:
                    doubles.Add(Fixed(m, tag, WireType.Fixed64, "BlobProto.double_data", 8, (b, n) => ToDoubles(b, n)));
                    break;
                default:
                    m.Input.SkipLastField();
                    break;
            }
        }
        return MakeBlob(legacy, shape, data.SelectMany(d => d).ToArray(), doubles.SelectMany(d => d).ToArray());
    }

    CaffeBlob MakeBlob(long?[] legacy, List<long>? shape, float[] data, double[] doubles)
    {
        // Caffe's Blob::FromProto: any legacy dimension present means a 4-D legacy shape (absent ones are 0).
        var isLegacy = legacy.Any(d => d is not null);
        long[] dims = isLegacy ? legacy.Select(d => d ?? 0).ToArray() : shape?.ToArray() ?? [];
        if (dims.Any(d => d is < 0 or > int.MaxValue))
            throw Fail($"the blob's shape {string.Join('×', dims)} has a dimension outside [0, {int.MaxValue}]");
        var shapeInts = dims.Select(d => (int)d).ToArray();
        var count = dims.Aggregate(1L, (a, d) => a * d);
        if (data.Length > 0 && doubles.Length > 0)
            throw Fail("the blob has both float data and double_data");
        var values = doubles.Length > 0 ? Array.ConvertAll(doubles, d => (float)d) : data;
        if (values.Length != count)
            throw Fail($"the blob's shape {CaffeShapeTable.Format(shapeInts)}{(isLegacy ? " (legacy num/channels/height/width)" : "")} holds {count} values, but its data has {values.Length}");
        return new CaffeBlob(shapeInts, values, isLegacy);
    }

    List<long> ReadShape(ProtoWireCursor m)
    {
        var dims = new List<long>();
        while (Next(m) is var tag and not 0)
        {
            if (GetTagFieldNumber(tag) != Fields.BlobShape.Dim)
            {
                m.Input.SkipLastField();
                continue;
            }
            var wire = GetTagWireType(tag);
            if (wire == WireType.Varint)
                dims.Add(m.Input.ReadInt64());
            else if (wire == WireType.LengthDelimited)
            {
                var packed = m.Nested();
                while (!packed.IsAtEnd)
                    dims.Add(packed.Input.ReadInt64());
            }
            else
                throw Fail($"BlobShape.dim has wire type {wire}; expected Varint (unpacked) or LengthDelimited (packed)");
        }
        return dims;
    }

    /// <summary>A repeated fixed-width number: one element per tag (unpacked) or one length-delimited run (packed).</summary>
    T[] Fixed<T>(ProtoWireCursor m, uint tag, WireType element, string field, int width, Func<ReadOnlySpan<byte>, int, T[]> decode)
    {
        var wire = GetTagWireType(tag);
        if (wire == element)
        {
            Span<byte> one = stackalloc byte[8];
            if (width == 4)
                BinaryPrimitives.WriteUInt32LittleEndian(one, m.Input.ReadFixed32());
            else
                BinaryPrimitives.WriteUInt64LittleEndian(one, m.Input.ReadFixed64());
            return decode(one, 1);
        }
        if (wire != WireType.LengthDelimited)
            throw Fail($"{field} has wire type {wire}; expected {element} (unpacked) or LengthDelimited (packed)");
        var (start, length) = m.TakeLengthDelimited();
        if (length % width != 0)
            throw Fail($"packed {field} is {length} bytes long, not a multiple of {width}");
        return decode(m.Bytes(start, length), length / width);
    }

    static float[] ToFloats(ReadOnlySpan<byte> bytes, int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(4 * i, 4));
        return values;
    }

    static double[] ToDoubles(ReadOnlySpan<byte> bytes, int count)
    {
        var values = new double[count];
        for (var i = 0; i < count; i++)
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Slice(8 * i, 8));
        return values;
    }

    uint Next(ProtoWireCursor m)
    {
        at = m;
        return m.ReadTag();
    }

    T Within<T>(string step, ProtoWireCursor nested, Func<ProtoWireCursor, T> read)
    {
        path.Add(step);
        var outer = at;
        var value = read(nested);
        at = outer;
        path.RemoveAt(path.Count - 1);
        return value;
    }

    ProtoWireCursor Nested(ProtoWireCursor m, uint tag, string field)
    {
        Expect(tag, WireType.LengthDelimited, field);
        return m.Nested();
    }

    string String(ProtoWireCursor m, uint tag, string field)
    {
        Expect(tag, WireType.LengthDelimited, field);
        return m.Input.ReadString();
    }

    void Expect(uint tag, WireType wire, string field)
    {
        var actual = GetTagWireType(tag);
        if (actual != wire)
            throw Fail($"{field} (field {GetTagFieldNumber(tag)}) has wire type {actual}; expected {wire}");
    }
}
