namespace EssenceOfPose.Caffe;

enum PrototxtTokenKind
{
    Identifier,
    Number,
    String,
    /// <summary>One of <c>{ } &lt; &gt; [ ] : ; , -</c>.</summary>
    Symbol,
    End,
}

/// <summary>A token with its decoded text (strings unescaped) and where it starts.</summary>
readonly record struct PrototxtToken(PrototxtTokenKind Kind, string Text, TextLocation Location)
{
    public bool IsSymbol(char c) => Kind == PrototxtTokenKind.Symbol && Text.Length == 1 && Text[0] == c;

    /// <summary>How the token reads in an error message: <c>'}'</c>, <c>number '5'</c>, <c>end of file</c>.</summary>
    public string Describe() => Kind switch
    {
        PrototxtTokenKind.Symbol => $"'{Text}'",
        PrototxtTokenKind.Number => $"number '{Text}'",
        PrototxtTokenKind.String => $"string \"{Text}\"",
        PrototxtTokenKind.Identifier => $"identifier '{Text}'",
        _ => "end of file",
    };
}
