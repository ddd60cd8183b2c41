using System.Globalization;
using System.Text;

namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// Reads and writes a view's <c>.txt</c> (3D Street View README; FACTS.md, "The dataset"): line 1
/// <c>d</c> and 17 space-separated values, optional line 2 <c>a</c> and 40 values. Numbers are
/// written in the invariant culture with the shortest round-trip form, so
/// <c>Parse(Write(r)) == r</c> exactly.
/// </summary>
public static class StreetViewText
{
    /// <summary>Parses the text of one <c>.txt</c>; <paramref name="path"/> only names the file in errors.</summary>
    /// <exception cref="StreetViewFormatException">The first problem found, with file, line and field.</exception>
    public static StreetViewRecord Parse(string path, string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        StreetViewRecord? record = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var tokens = lines[i].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length == 0) continue;
            var lineNo = i + 1;
            switch (tokens[0])
            {
                case "d" when record is null:
                    record = ParseData(new FieldCursor(path, lineNo, tokens));
                    break;
                case "d":
                    throw new StreetViewFormatException(path, lineNo, "prefix", "one 'd' line only", "a second 'd' line");
                case "a" when record is null:
                    throw new StreetViewFormatException(path, lineNo, "prefix", "the 'd' line before the 'a' line", "'a' first");
                case "a" when record.Alignment is not null:
                    throw new StreetViewFormatException(path, lineNo, "prefix", "one 'a' line only", "a second 'a' line");
                case "a":
                    record = record with { Alignment = ParseAlignment(new FieldCursor(path, lineNo, tokens)) };
                    break;
                default:
                    throw new StreetViewFormatException(path, lineNo, "prefix", "a line starting with 'd' or 'a'", $"'{Shorten(tokens[0])}'");
            }
        }
        return record ?? throw new StreetViewFormatException(path, 1, "prefix", "a line starting with 'd'", "no data line (empty file)");
    }

    /// <summary>The <c>.txt</c> text of a record: the <c>d</c> line, then the <c>a</c> line if any, each ending in <c>\n</c>.</summary>
    public static string Write(StreetViewRecord record)
    {
        var sb = new StringBuilder(256);
        sb.Append('d');
        foreach (var id in new[] { record.DatasetId, record.TargetId, record.PatchId, record.StreetViewId })
        {
            if (!IdText.IsValid(id))
                throw new ArgumentException($"id '{id}' is not {IdText.Expectation}", nameof(record));
            sb.Append(' ').Append(id);
        }
        Append(sb, record.TargetLat, record.TargetLon, record.TargetHeight,
            record.TargetNormal.X, record.TargetNormal.Y, record.TargetNormal.Z,
            record.CameraLat, record.CameraLon, record.CameraHeight,
            record.Distance, record.Heading, record.Pitch, record.Roll);
        sb.Append('\n');
        if (record.Alignment is { } a)
        {
            sb.Append('a');
            Append(sb, a.CorrectedCentre.X, a.CorrectedCentre.Y);
            Append(sb, a.Warp.Values());
            Append(sb, a.BoundingBox.Values());
            Append(sb, a.Registration.Values());
            sb.Append(' ').Append(a.SiftFlowEnergy.ToString(CultureInfo.InvariantCulture));
            Append(sb, a.RansacInlierRatio, a.Similarity, a.Distortion);
            Append(sb, a.CorrectedBoundingBox.Values());
            sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Round-trip text of a double: shortest form that parses back to the same bits (NaN, ±Infinity included).</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static StreetViewRecord ParseData(FieldCursor c)
    {
        c.ExpectCount(StreetViewRecord.DataValueCount);
        return new StreetViewRecord
        {
            DatasetId = c.Id("datasetId"),
            TargetId = c.Id("targetId"),
            PatchId = c.Id("patchId"),
            StreetViewId = c.Id("streetViewId"),
            TargetLat = c.Number("targetLat", -90, 90, "a latitude in degrees, -90 to 90"),
            TargetLon = c.Number("targetLon", -180, 180, "a longitude in degrees, -180 to 180"),
            TargetHeight = c.Number("targetHeight", -MaxHeight, MaxHeight, HeightExpected),
            TargetNormal = new Vec3(c.Number("targetNormal.x", -2, 2, NormalExpected), c.Number("targetNormal.y", -2, 2, NormalExpected), c.Number("targetNormal.z", -2, 2, NormalExpected)),
            CameraLat = c.Number("cameraLat", -90, 90, "a latitude in degrees, -90 to 90"),
            CameraLon = c.Number("cameraLon", -180, 180, "a longitude in degrees, -180 to 180"),
            CameraHeight = c.Number("cameraHeight", -MaxHeight, MaxHeight, HeightExpected),
            Distance = c.Number("distance", 0, MaxDistance, $"a distance in metres, 0 to {MaxDistance}"),
            Heading = c.Number("heading", -360, 360, "a heading in degrees, -360 to 360"),
            Pitch = c.Number("pitch", -90, 90, "a pitch in degrees, -90 to 90"),
            Roll = c.Number("roll", -180, 180, "a roll in degrees, -180 to 180"),
        };
    }

    // The d line is validated where it enters: a NaN or an out-of-range coordinate would otherwise
    // flow silently into labels, splits and metrics. (The a line's values are kept as written.)
    private const double MaxHeight = 100_000;
    private const double MaxDistance = 100_000;
    private const string HeightExpected = "a height in metres, finite, within ±100000";
    private const string NormalExpected = "a component of a unit normal, finite, within ±2";

    private static StreetViewAlignment ParseAlignment(FieldCursor c)
    {
        c.ExpectCount(StreetViewAlignment.ValueCount);
        return new StreetViewAlignment
        {
            CorrectedCentre = new Point2(c.Number("correctedCentre.x"), c.Number("correctedCentre.y")),
            Warp = Matrix(c, "warp"),
            BoundingBox = Quad(c, "boundingBox"),
            Registration = Matrix(c, "registration"),
            SiftFlowEnergy = c.Integer("siftFlowEnergy"),
            RansacInlierRatio = c.Number("ransacInlierRatio"),
            Similarity = c.Number("similarity"),
            Distortion = c.Number("distortion"),
            CorrectedBoundingBox = Quad(c, "correctedBoundingBox"),
        };
    }

    private static Matrix3 Matrix(FieldCursor c, string name) => new(
        c.Number($"{name}[1,1]"), c.Number($"{name}[1,2]"), c.Number($"{name}[1,3]"),
        c.Number($"{name}[2,1]"), c.Number($"{name}[2,2]"), c.Number($"{name}[2,3]"),
        c.Number($"{name}[3,1]"), c.Number($"{name}[3,2]"), c.Number($"{name}[3,3]"));

    private static Quad2 Quad(FieldCursor c, string name) => new(
        new Point2(c.Number($"{name}[1].x"), c.Number($"{name}[1].y")),
        new Point2(c.Number($"{name}[2].x"), c.Number($"{name}[2].y")),
        new Point2(c.Number($"{name}[3].x"), c.Number($"{name}[3].y")),
        new Point2(c.Number($"{name}[4].x"), c.Number($"{name}[4].y")));

    private static void Append(StringBuilder sb, params double[] values) => Append(sb, (IEnumerable<double>)values);

    private static void Append(StringBuilder sb, IEnumerable<double> values)
    {
        foreach (var v in values) sb.Append(' ').Append(FormatNumber(v));
    }

    internal static string Shorten(string token) => token.Length <= 40 ? token : token[..40] + "…";

    /// <summary>Walks the values of one line, naming each field as it is read.</summary>
    private sealed class FieldCursor(string path, int line, string[] tokens)
    {
        private int _next = 1;

        public void ExpectCount(int count)
        {
            var got = tokens.Length - 1;
            if (got != count)
                throw new StreetViewFormatException(path, line, tokens[0], $"{count} values after '{tokens[0]}'", $"{got}");
        }

        public string Id(string field)
        {
            var t = tokens[_next++];
            return IdText.IsValid(t) ? t : throw Bad(field, IdText.Expectation, t);
        }

        public double Number(string field)
        {
            var t = tokens[_next++];
            if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
            // MATLAB and C printf write infinities as Inf / inf, which .NET does not read.
            return t.ToLowerInvariant() switch
            {
                "inf" or "+inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                _ => throw Bad(field, "a number", t),
            };
        }

        /// <summary>A number within [<paramref name="min"/>, <paramref name="max"/>]; NaN and infinities are refused.</summary>
        public double Number(string field, double min, double max, string expected)
        {
            var t = tokens[_next];
            var v = Number(field);
            return v >= min && v <= max ? v : throw Bad(field, expected, t);
        }

        public long Integer(string field)
        {
            var t = tokens[_next++];
            return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw Bad(field, "an integer", t);
        }

        private StreetViewFormatException Bad(string field, string expected, string got) =>
            new(path, line, field, expected, $"'{Shorten(got)}'");
    }
}
