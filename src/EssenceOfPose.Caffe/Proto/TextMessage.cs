namespace EssenceOfPose.Caffe;

/// <summary>A value in a protobuf text-format tree: a scalar or a nested message.</summary>
abstract record TextValue(TextLocation Location);

/// <summary>What a scalar looked like in the file; the typed layer decides what it may mean.</summary>
enum TextScalarKind
{
    /// <summary>Integer or floating literal, kept as written (sign included) so conversions can report it.</summary>
    Number,
    /// <summary>Quoted string, escapes decoded, adjacent literals joined.</summary>
    String,
    /// <summary>Bare word: an enum name, <c>true</c>/<c>false</c>, <c>inf</c>, <c>nan</c>.</summary>
    Identifier,
}

sealed record TextScalar(TextScalarKind Kind, string Text, TextLocation Location) : TextValue(Location)
{
    public override string ToString() => Kind == TextScalarKind.String ? $"\"{Text}\"" : Text;
}

/// <summary>One <c>name: value</c> or <c>name { ... }</c> entry, in file order.</summary>
sealed record TextField(string Name, TextValue Value, TextLocation Location);

/// <summary>
/// A message of the protobuf text format: its fields in file order, repeated names kept as separate
/// entries. Schema-free on purpose: the Caffe model reads it with the field names it knows.
/// </summary>
sealed record TextMessage(IReadOnlyList<TextField> Fields, TextLocation Location) : TextValue(Location)
{
    public IEnumerable<TextField> All(string name) => Fields.Where(f => f.Name == name);

    public bool Has(string name) => Fields.Any(f => f.Name == name);

    public override string ToString() => $"message at {Location} with {Fields.Count} fields";
}
