using System.Globalization;

namespace EssenceOfPose.Caffe;

/// <summary>
/// Scalars converted as protobuf's text parser converts them: decimal, hex and octal integers with a
/// range check, floats with an optional <c>f</c>, <c>inf</c> and <c>nan</c>, and the five spellings of a bool.
/// </summary>
sealed partial class TextFieldReader
{
    string ToString(TextField field)
    {
        var s = AsScalar(field);
        return s.Kind == TextScalarKind.String ? s.Text : throw Error(s.Location, field.Name, "a quoted string", s);
    }

    long ToInt(TextField field, long min, long max)
    {
        var s = AsScalar(field);
        if (s.Kind != TextScalarKind.Number || !TryInt(s.Text, out var value))
            throw Error(s.Location, field.Name, "an integer", s);
        if (value < min || value > max)
            throw CaffeFormatException.At(s.Location, $"{Context}: '{field.Name}' is {value}, outside [{min}, {max}]");
        return value;
    }

    double ToDouble(TextField field)
    {
        var s = AsScalar(field);
        if (s.Kind == TextScalarKind.Identifier && PrototxtParser.IsNonFinite(s.Text))
            return NonFinite(s.Text);
        if (s.Kind == TextScalarKind.Number)
        {
            var negative = s.Text.StartsWith('-');
            var body = negative ? s.Text[1..] : s.Text;
            double magnitude;
            if (PrototxtParser.IsNonFinite(body))
                magnitude = NonFinite(body);
            else if (TryInt(body, out var integer))
                magnitude = integer;
            else
                magnitude = double.Parse(body.TrimEnd('f', 'F'), NumberStyles.Float, CultureInfo.InvariantCulture);
            return negative ? -magnitude : magnitude;
        }
        throw Error(s.Location, field.Name, "a number", s);
    }

    bool ToBool(TextField field)
    {
        var s = AsScalar(field);
        return (s.Kind, s.Text) switch
        {
            (TextScalarKind.Identifier, "true" or "True" or "t") => true,
            (TextScalarKind.Identifier, "false" or "False" or "f") => false,
            (TextScalarKind.Number, "1") => true,
            (TextScalarKind.Number, "0") => false,
            _ => throw Error(s.Location, field.Name, "true or false", s),
        };
    }

    static double NonFinite(string word) =>
        word.Equals("nan", StringComparison.OrdinalIgnoreCase) ? double.NaN : double.PositiveInfinity;

    /// <summary>Decimal, hex (0x) or octal (leading 0) integer, with an optional minus sign.</summary>
    static bool TryInt(string text, out long value)
    {
        value = 0;
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        ulong magnitude;
        try
        {
            if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
                magnitude = Convert.ToUInt64(body[2..], 16);
            else if (body.Length > 1 && body[0] == '0' && body.All(char.IsAsciiDigit))
                magnitude = Convert.ToUInt64(body, 8);
            else if (body.Length > 0 && body.All(char.IsAsciiDigit))
                magnitude = ulong.Parse(body, CultureInfo.InvariantCulture);
            else
                return false;
        }
        catch (Exception e) when (e is OverflowException or FormatException)
        {
            return false;
        }
        if (negative ? magnitude > (ulong)long.MaxValue + 1 : magnitude > long.MaxValue)
            return false;
        value = negative ? (long)(0 - magnitude) : (long)magnitude;
        return true;
    }

    CaffeFormatException Error(TextLocation at, string name, string expected, TextScalar found) =>
        CaffeFormatException.At(at, $"{Context}: '{name}' expects {expected}, found {Describe(found)}");

    static string Describe(TextScalar s) => s.Kind switch
    {
        TextScalarKind.String => $"string \"{s.Text}\"",
        TextScalarKind.Number => $"number {s.Text}",
        _ => $"'{s.Text}'",
    };
}
