using System.Buffers.Binary;
using Google.Protobuf;
using static Google.Protobuf.WireFormat;
using Fields = EssenceOfPose.Caffe.CaffeProtoFields;

namespace EssenceOfPose.Caffe;

/// <summary>
/// The blobs of a <c>.caffemodel</c>: a shape (BlobShape, or the legacy num/channels/height/width) and
/// float or double data, each either packed or one value per tag.
/// </summary>
sealed partial class CaffeModelReader
{
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
}
