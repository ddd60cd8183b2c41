using System.Text;

namespace EssenceOfPose.Caffe;

/// <summary>
/// Quoted strings as protobuf's text parser reads them: single or double quotes, C escapes (octal,
/// <c>\x</c>, <c>\u</c>, <c>\U</c>) decoded to UTF-8 bytes, adjacent literals joined.
/// </summary>
sealed partial class PrototxtTokenizer
{
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
}
