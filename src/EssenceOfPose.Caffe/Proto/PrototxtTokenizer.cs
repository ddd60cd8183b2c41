using System.Text;
using System.Text.RegularExpressions;

namespace EssenceOfPose.Caffe;

/// <summary>
/// Splits protobuf text format into tokens: identifiers, numbers (validated here, so a bad literal is
/// reported where it starts), quoted strings with C-style escapes, and single-character symbols.
/// <c>#</c> starts a comment to the end of the line. A minus sign is its own symbol; the parser joins it
/// with the number or <c>inf</c>/<c>nan</c> that follows.
/// </summary>
sealed partial class PrototxtTokenizer
{
    const string Symbols = "{}<>[]:;,-";

    readonly string text;
    readonly string file;
    int pos;
    int line = 1;
    int lineStart;

    public PrototxtTokenizer(string text, string file)
    {
        this.text = text;
        this.file = file;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            pos = 1;
            lineStart = 1;
        }
    }

    public PrototxtToken Next()
    {
        SkipBlanksAndComments();
        var at = Here();
        if (pos >= text.Length)
            return new PrototxtToken(PrototxtTokenKind.End, "", at);

        var c = text[pos];
        if (char.IsAsciiLetter(c) || c == '_')
            return new PrototxtToken(PrototxtTokenKind.Identifier, TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'), at);
        if (char.IsAsciiDigit(c) || (c == '.' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1])))
            return ReadNumber(at);
        if (c == '"' || c == '\'')
            return ReadString(at);
        if (Symbols.Contains(c))
        {
            pos++;
            return new PrototxtToken(PrototxtTokenKind.Symbol, c.ToString(), at);
        }
        throw CaffeFormatException.At(at, $"unexpected character '{c}'");
    }

    TextLocation Here() => new(file, line, pos - lineStart + 1);

    void SkipBlanksAndComments()
    {
        while (pos < text.Length)
        {
            var c = text[pos];
            if (c == '\n')
            {
                pos++;
                line++;
                lineStart = pos;
            }
            else if (char.IsWhiteSpace(c))
                pos++;
            else if (c == '#')
                while (pos < text.Length && text[pos] != '\n')
                    pos++;
            else
                return;
        }
    }

    string TakeWhile(Func<char, bool> accept)
    {
        var start = pos;
        while (pos < text.Length && accept(text[pos]))
            pos++;
        return text[start..pos];
    }

    PrototxtToken ReadNumber(TextLocation at)
    {
        // Take the whole run a literal could span (so "1.2.3" or "12ab" is one bad token, not two good ones),
        // letting a sign through only as an exponent sign.
        var start = pos;
        var hex = pos + 1 < text.Length && text[pos] == '0' && (text[pos + 1] is 'x' or 'X');
        while (pos < text.Length)
        {
            var c = text[pos];
            var exponentSign = !hex && (c is '+' or '-') && pos > start && (text[pos - 1] is 'e' or 'E');
            if (char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || exponentSign)
                pos++;
            else
                break;
        }
        var literal = text[start..pos];
        if (!IsValidNumber(literal))
            throw CaffeFormatException.At(at, $"bad number '{literal}'");
        return new PrototxtToken(PrototxtTokenKind.Number, literal, at);
    }

    public static bool IsValidNumber(string literal) =>
        DecimalInteger().IsMatch(literal) || HexInteger().IsMatch(literal) || OctalInteger().IsMatch(literal)
        || (FloatLiteral().IsMatch(literal) && !AllDigits().IsMatch(literal));

    PrototxtToken ReadString(TextLocation at)
    {
        var bytes = new List<byte>();
        // Adjacent literals ("a" 'b') are one string, as in C and in protobuf's own parser.
        while (pos < text.Length && (text[pos] == '"' || text[pos] == '\''))
        {
            ReadOneString(bytes, at);
            var (save, saveLine, saveLineStart) = (pos, line, lineStart);
            SkipBlanksAndComments();
            if (pos >= text.Length || (text[pos] != '"' && text[pos] != '\''))
            {
                (pos, line, lineStart) = (save, saveLine, saveLineStart);
                break;
            }
        }
        return new PrototxtToken(PrototxtTokenKind.String, Encoding.UTF8.GetString(bytes.ToArray()), at);
    }

    void ReadOneString(List<byte> bytes, TextLocation at)
    {
        var quote = text[pos++];
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (pos >= text.Length || text[pos] == '\n')
                throw CaffeFormatException.At(at, $"unterminated string: expected closing {quote} before end of {(pos >= text.Length ? "file" : "line")}");
            var c = text[pos];
            if (c == quote)
            {
                pos++;
                return;
            }
            if (c == '\\')
            {
                ReadEscape(bytes, utf8);
                continue;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(pos), out var rune, out var used) != System.Buffers.OperationStatus.Done)
                throw CaffeFormatException.At(Here(), "invalid UTF-16 in string");
            bytes.AddRange(utf8[..rune.EncodeToUtf8(utf8)]);
            pos += used;
        }
    }

    void ReadEscape(List<byte> bytes, Span<byte> utf8)
    {
        var at = Here();
        pos++;
        if (pos >= text.Length)
            throw CaffeFormatException.At(at, "escape at end of file");
        var e = text[pos++];
        switch (e)
        {
            case 'n': bytes.Add((byte)'\n'); break;
            case 't': bytes.Add((byte)'\t'); break;
            case 'r': bytes.Add((byte)'\r'); break;
            case 'a': bytes.Add(0x07); break;
            case 'b': bytes.Add(0x08); break;
            case 'f': bytes.Add(0x0C); break;
            case 'v': bytes.Add(0x0B); break;
            case '\\' or '\'' or '"' or '?': bytes.Add((byte)e); break;
            case >= '0' and <= '7':
                var octal = e - '0';
                for (var i = 0; i < 2 && pos < text.Length && text[pos] is >= '0' and <= '7'; i++)
                    octal = octal * 8 + (text[pos++] - '0');
                if (octal > 255)
                    throw CaffeFormatException.At(at, $"octal escape \\{Convert.ToString(octal, 8)} is above \\377");
                bytes.Add((byte)octal);
                break;
            case 'x' or 'X':
                bytes.Add((byte)HexDigits(at, 1, 2, "\\x"));
                break;
            case 'u' or 'U':
                var code = HexDigits(at, e == 'u' ? 4 : 8, e == 'u' ? 4 : 8, "\\" + e);
                if (code > 0x10FFFF || !Rune.IsValid((int)code))
                    throw CaffeFormatException.At(at, $"\\{e} escape U+{code:X} is not a Unicode scalar value");
                bytes.AddRange(utf8[..new Rune((int)code).EncodeToUtf8(utf8)]);
                break;
            default:
                throw CaffeFormatException.At(at, $"unknown escape '\\{e}' (expected one of \\n \\t \\r \\a \\b \\f \\v \\\\ \\' \\\" \\? \\ooo \\xhh \\uhhhh \\Uhhhhhhhh)");
        }
    }

    long HexDigits(TextLocation at, int min, int max, string escape)
    {
        var value = 0L;
        var count = 0;
        while (count < max && pos < text.Length && char.IsAsciiHexDigit(text[pos]))
        {
            value = value * 16 + Convert.ToInt32(text[pos].ToString(), 16);
            pos++;
            count++;
        }
        if (count < min)
            throw CaffeFormatException.At(at, $"{escape} escape needs {(min == max ? min.ToString() : $"{min} to {max}")} hex digits");
        return value;
    }

    [GeneratedRegex("^(0|[1-9][0-9]*)$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex("^0[xX][0-9A-Fa-f]+$")]
    private static partial Regex HexInteger();

    [GeneratedRegex("^0[0-7]+$")]
    private static partial Regex OctalInteger();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex AllDigits();

    [GeneratedRegex(@"^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fF]?$")]
    private static partial Regex FloatLiteral();
}
