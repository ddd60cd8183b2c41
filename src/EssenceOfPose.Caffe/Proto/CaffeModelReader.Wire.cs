using Google.Protobuf;
using static Google.Protobuf.WireFormat;

namespace EssenceOfPose.Caffe;

/// <summary>The reader's steps over the wire: the next tag, a nested message with its place in error messages, a string, a wire type check.</summary>
sealed partial class CaffeModelReader
{
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
