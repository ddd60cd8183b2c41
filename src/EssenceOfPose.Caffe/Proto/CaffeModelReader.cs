using Google.Protobuf;
using static Google.Protobuf.WireFormat;
using Fields = EssenceOfPose.Caffe.CaffeProtoFields;

namespace EssenceOfPose.Caffe;

/// <summary>
/// Reads a binary <c>.caffemodel</c> at the wire level with <see cref="CodedInputStream"/>: no generated
/// classes, only the fields listed in <see cref="CaffeProtoFields"/>; everything else is skipped.
/// Repeated numbers are accepted packed and unpacked, as protobuf parsers must.
/// </summary>
sealed partial class CaffeModelReader
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
}
