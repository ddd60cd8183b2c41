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
