namespace EssenceOfPose.Caffe;

/// <summary>
/// Recursive-descent parser for the protobuf text format as Caffe's prototxt files use it:
/// <c>name: scalar</c>, <c>name { ... }</c> and <c>name: { ... }</c> (or <c>&lt; ... &gt;</c>),
/// repeated fields by repetition or as <c>name: [a, b]</c>, optional <c>;</c> or <c>,</c> after a field.
/// The result is a schema-free <see cref="TextMessage"/>; errors carry <c>file:line:column</c>.
/// </summary>
sealed class PrototxtParser
{
    const int MaxDepth = 100;

    readonly PrototxtTokenizer tokens;
    PrototxtToken current;

    PrototxtParser(string text, string file)
    {
        tokens = new PrototxtTokenizer(text, file);
        current = tokens.Next();
    }

    /// <summary>Parses a whole document; <paramref name="file"/> is only used in messages.</summary>
    public static TextMessage Parse(string text, string file = "<text>")
    {
        var parser = new PrototxtParser(text, file);
        var fields = parser.ParseFields(closer: null, opener: null, depth: 0);
        return new TextMessage(fields, new TextLocation(file, 1, 1));
    }

    PrototxtToken Advance()
    {
        var token = current;
        current = tokens.Next();
        return token;
    }

    List<TextField> ParseFields(char? closer, (string Name, TextLocation At)? opener, int depth)
    {
        var fields = new List<TextField>();
        while (true)
        {
            if (current.Kind == PrototxtTokenKind.End)
            {
                if (closer is null)
                    return fields;
                throw CaffeFormatException.At(current.Location,
                    $"expected '{closer}' to close '{opener!.Value.Name}' opened at {opener.Value.At.Line}:{opener.Value.At.Column}, found end of file");
            }
            if (closer is char c && current.IsSymbol(c))
            {
                Advance();
                return fields;
            }
            if (current.Kind != PrototxtTokenKind.Identifier)
            {
                var what = closer is null
                    ? (current.IsSymbol('}') || current.IsSymbol('>') ? $"unexpected {current.Describe()}: no message is open" : $"expected a field name, found {current.Describe()}")
                    : $"expected a field name or '{closer}' to close '{opener!.Value.Name}', found {current.Describe()}";
                throw CaffeFormatException.At(current.Location, what);
            }
            ParseField(fields, depth);
            if (current.IsSymbol(';') || current.IsSymbol(','))
                Advance();
        }
    }

    void ParseField(List<TextField> into, int depth)
    {
        var name = Advance();
        var colon = current.IsSymbol(':');
        if (colon)
            Advance();

        if (current.IsSymbol('{') || current.IsSymbol('<'))
        {
            into.Add(new TextField(name.Text, ParseMessage(name.Text, depth), name.Location));
            return;
        }
        if (!colon)
            throw CaffeFormatException.At(current.Location, $"expected ':' or '{{' after field name '{name.Text}', found {current.Describe()}");
        if (current.IsSymbol('['))
        {
            ParseList(name, into, depth);
            return;
        }
        into.Add(new TextField(name.Text, ParseScalar(name.Text), name.Location));
    }

    TextMessage ParseMessage(string name, int depth)
    {
        if (depth >= MaxDepth)
            throw CaffeFormatException.At(current.Location, $"messages nested deeper than {MaxDepth} levels");
        var open = Advance();
        var closer = open.Text == "{" ? '}' : '>';
        var fields = ParseFields(closer, (name, open.Location), depth + 1);
        return new TextMessage(fields, open.Location);
    }

    void ParseList(PrototxtToken name, List<TextField> into, int depth)
    {
        var open = Advance();
        if (current.IsSymbol(']'))
        {
            Advance();
            return;
        }
        while (true)
        {
            var at = current.Location;
            TextValue value = current.IsSymbol('{') || current.IsSymbol('<')
                ? ParseMessage(name.Text, depth)
                : ParseScalar(name.Text);
            into.Add(new TextField(name.Text, value, at));
            if (current.IsSymbol(','))
            {
                Advance();
                continue;
            }
            if (current.IsSymbol(']'))
            {
                Advance();
                return;
            }
            throw CaffeFormatException.At(current.Location,
                $"expected ',' or ']' in the list of '{name.Text}' opened at {open.Location.Line}:{open.Location.Column}, found {current.Describe()}");
        }
    }

    TextScalar ParseScalar(string field)
    {
        var token = current;
        switch (token.Kind)
        {
            case PrototxtTokenKind.Number:
                Advance();
                return new TextScalar(TextScalarKind.Number, token.Text, token.Location);
            case PrototxtTokenKind.String:
                Advance();
                return new TextScalar(TextScalarKind.String, token.Text, token.Location);
            case PrototxtTokenKind.Identifier:
                Advance();
                return new TextScalar(TextScalarKind.Identifier, token.Text, token.Location);
        }
        if (token.IsSymbol('-'))
        {
            Advance();
            var after = current;
            if (after.Kind == PrototxtTokenKind.Number)
            {
                Advance();
                return new TextScalar(TextScalarKind.Number, "-" + after.Text, token.Location);
            }
            if (after.Kind == PrototxtTokenKind.Identifier && IsNonFinite(after.Text))
            {
                Advance();
                return new TextScalar(TextScalarKind.Number, "-" + after.Text, token.Location);
            }
            throw CaffeFormatException.At(after.Location, $"expected a number after '-' for field '{field}', found {after.Describe()}");
        }
        throw CaffeFormatException.At(token.Location, $"expected a value for field '{field}', found {token.Describe()}");
    }

    public static bool IsNonFinite(string word) =>
        word.Equals("inf", StringComparison.OrdinalIgnoreCase)
        || word.Equals("infinity", StringComparison.OrdinalIgnoreCase)
        || word.Equals("nan", StringComparison.OrdinalIgnoreCase);
}
