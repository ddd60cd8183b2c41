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
    private const string Symbols = "{}<>[]:;,-";

    private readonly string _text;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public PrototxtTokenizer(string text, string file)
    {
        _text = text;
        _file = file;
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _pos = 1;
            _lineStart = 1;
        }
    }

    public PrototxtToken Next()
    {
        SkipBlanksAndComments();
        var at = Here();
        if (_pos >= _text.Length)
            return new PrototxtToken(PrototxtTokenKind.End, "", at);

        char c = _text[_pos];
        if (char.IsAsciiLetter(c) || c == '_')
            return new PrototxtToken(PrototxtTokenKind.Identifier, TakeWhile(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'), at);
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsAsciiDigit(_text[_pos + 1])))
            return ReadNumber(at);
        if (c == '"' || c == '\'')
            return ReadString(at);
        if (Symbols.Contains(c))
        {
            _pos++;
            return new PrototxtToken(PrototxtTokenKind.Symbol, c.ToString(), at);
        }
        throw CaffeFormatException.At(at, $"unexpected character '{c}'");
    }

    private TextLocation Here() => new(_file, _line, _pos - _lineStart + 1);

    private void SkipBlanksAndComments()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n')
            {
                _pos++;
                _line++;
                _lineStart = _pos;
            }
            else if (char.IsWhiteSpace(c))
                _pos++;
            else if (c == '#')
                while (_pos < _text.Length && _text[_pos] != '\n')
                    _pos++;
            else
                return;
        }
    }

    private string TakeWhile(Func<char, bool> accept)
    {
        int start = _pos;
        while (_pos < _text.Length && accept(_text[_pos]))
            _pos++;
        return _text[start.._pos];
    }

    private PrototxtToken ReadNumber(TextLocation at)
    {
        // Take the whole run a literal could span (so "1.2.3" or "12ab" is one bad token, not two good ones),
        // letting a sign through only as an exponent sign.
        int start = _pos;
        bool hex = _pos + 1 < _text.Length && _text[_pos] == '0' && (_text[_pos + 1] is 'x' or 'X');
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            bool exponentSign = !hex && (c is '+' or '-') && _pos > start && (_text[_pos - 1] is 'e' or 'E');
            if (char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.' || exponentSign)
                _pos++;
            else
                break;
        }
        string literal = _text[start.._pos];
        if (!IsValidNumber(literal))
            throw CaffeFormatException.At(at, $"bad number '{literal}'");
        return new PrototxtToken(PrototxtTokenKind.Number, literal, at);
    }

    internal static bool IsValidNumber(string literal) =>
        DecimalInteger().IsMatch(literal) || HexInteger().IsMatch(literal) || OctalInteger().IsMatch(literal)
        || (FloatLiteral().IsMatch(literal) && !AllDigits().IsMatch(literal));

    private PrototxtToken ReadString(TextLocation at)
    {
        var bytes = new List<byte>();
        // Adjacent literals ("a" 'b') are one string, as in C and in protobuf's own parser.
        while (_pos < _text.Length && (_text[_pos] == '"' || _text[_pos] == '\''))
        {
            ReadOneString(bytes, at);
            int save = _pos, saveLine = _line, saveLineStart = _lineStart;
            SkipBlanksAndComments();
            if (_pos >= _text.Length || (_text[_pos] != '"' && _text[_pos] != '\''))
            {
                (_pos, _line, _lineStart) = (save, saveLine, saveLineStart);
                break;
            }
        }
        return new PrototxtToken(PrototxtTokenKind.String, Encoding.UTF8.GetString(bytes.ToArray()), at);
    }

    private void ReadOneString(List<byte> bytes, TextLocation at)
    {
        char quote = _text[_pos++];
        Span<byte> utf8 = stackalloc byte[4];
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
                throw CaffeFormatException.At(at, $"unterminated string: expected closing {quote} before end of {(_pos >= _text.Length ? "file" : "line")}");
            char c = _text[_pos];
            if (c == quote)
            {
                _pos++;
                return;
            }
            if (c == '\\')
            {
                ReadEscape(bytes, utf8);
                continue;
            }
            if (Rune.DecodeFromUtf16(_text.AsSpan(_pos), out var rune, out int used) != System.Buffers.OperationStatus.Done)
                throw CaffeFormatException.At(Here(), "invalid UTF-16 in string");
            bytes.AddRange(utf8[..rune.EncodeToUtf8(utf8)]);
            _pos += used;
        }
    }

    private void ReadEscape(List<byte> bytes, Span<byte> utf8)
    {
        var at = Here();
        _pos++;
        if (_pos >= _text.Length)
            throw CaffeFormatException.At(at, "escape at end of file");
        char e = _text[_pos++];
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
                int octal = e - '0';
                for (int i = 0; i < 2 && _pos < _text.Length && _text[_pos] is >= '0' and <= '7'; i++)
                    octal = octal * 8 + (_text[_pos++] - '0');
                if (octal > 255)
                    throw CaffeFormatException.At(at, $"octal escape \\{Convert.ToString(octal, 8)} is above \\377");
                bytes.Add((byte)octal);
                break;
            case 'x' or 'X':
                bytes.Add((byte)HexDigits(at, 1, 2, "\\x"));
                break;
            case 'u' or 'U':
                long code = HexDigits(at, e == 'u' ? 4 : 8, e == 'u' ? 4 : 8, "\\" + e);
                if (code > 0x10FFFF || !Rune.IsValid((int)code))
                    throw CaffeFormatException.At(at, $"\\{e} escape U+{code:X} is not a Unicode scalar value");
                bytes.AddRange(utf8[..new Rune((int)code).EncodeToUtf8(utf8)]);
                break;
            default:
                throw CaffeFormatException.At(at, $"unknown escape '\\{e}' (expected one of \\n \\t \\r \\a \\b \\f \\v \\\\ \\' \\\" \\? \\ooo \\xhh \\uhhhh \\Uhhhhhhhh)");
        }
    }

    private long HexDigits(TextLocation at, int min, int max, string escape)
    {
        long value = 0;
        int count = 0;
        while (count < max && _pos < _text.Length && char.IsAsciiHexDigit(_text[_pos]))
        {
            value = value * 16 + Convert.ToInt32(_text[_pos].ToString(), 16);
            _pos++;
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
