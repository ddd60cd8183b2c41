namespace EssenceOfPose.Caffe;

/// <summary>
/// Typed access to a <see cref="TextMessage"/> for the fields a caller knows, with errors that name the
/// field, say what was expected and point at it. Fields nobody asks for are ignored, as protobuf's own
/// parser would keep them as unknown fields (fillers, engines, learning-rate settings).
/// </summary>
sealed partial class TextFieldReader(TextMessage message, string context)
{
    public TextMessage Message { get; } = message;

    /// <summary>Who is reading, for messages: <c>layer 'conv1' convolution_param</c>.</summary>
    public string Context { get; } = context;

    public bool Has(string name) => Message.Has(name);

    public TextFieldReader? Child(string name)
    {
        var field = Single(name);
        return field is null ? null : new TextFieldReader(AsMessage(field), $"{Context} {name}");
    }

    public IEnumerable<TextFieldReader> Children(string name) =>
        Message.All(name).Select(f => new TextFieldReader(AsMessage(f), $"{Context} {name}"));

    public string? String(string name) => Single(name) is { } f ? ToString(f) : null;

    public IReadOnlyList<string> Strings(string name) => Message.All(name).Select(ToString).ToList();

    public long? Int(string name, long min = long.MinValue, long max = long.MaxValue) =>
        Single(name) is { } f ? ToInt(f, min, max) : null;

    public IReadOnlyList<long> Ints(string name, long min = long.MinValue, long max = long.MaxValue) =>
        Message.All(name).Select(f => ToInt(f, min, max)).ToList();

    public int? Int32(string name, int min = int.MinValue, int max = int.MaxValue) => (int?)Int(name, min, max);

    public IReadOnlyList<int> Int32s(string name, int min = int.MinValue, int max = int.MaxValue) =>
        Ints(name, min, max).Select(v => (int)v).ToList();

    public double? Double(string name) => Single(name) is { } f ? ToDouble(f) : null;

    public IReadOnlyList<double> Doubles(string name) => Message.All(name).Select(ToDouble).ToList();

    public bool? Bool(string name) => Single(name) is { } f ? ToBool(f) : null;

    /// <summary>An enum field, by its proto name or its number, as protobuf's text parser accepts both.</summary>
    public T? Enum<T>(string name, IReadOnlyList<(string Proto, int Number, T Value)> values) where T : struct, System.Enum
    {
        var field = Single(name);
        if (field is null)
            return null;
        var scalar = AsScalar(field);
        foreach (var (proto, number, value) in values)
        {
            if (scalar.Kind == TextScalarKind.Identifier && scalar.Text == proto)
                return value;
            if (scalar.Kind == TextScalarKind.Number && TryInt(scalar.Text, out var n) && n == number)
                return value;
        }
        throw Error(scalar.Location, name, $"one of {string.Join(", ", values.Select(v => v.Proto))}", scalar);
    }

    /// <summary>The field's only occurrence; a singular field given twice is an error, as in protobuf.</summary>
    public TextField? Single(string name)
    {
        TextField? found = null;
        foreach (var field in Message.All(name))
        {
            if (found is not null)
                throw CaffeFormatException.At(field.Location,
                    $"{Context}: '{name}' is given again (first at {found.Location.Line}:{found.Location.Column}); it takes one value");
            found = field;
        }
        return found;
    }

    public CaffeFormatException Fail(TextLocation at, string message) => CaffeFormatException.At(at, $"{Context}: {message}");

    TextMessage AsMessage(TextField field) => field.Value as TextMessage
        ?? throw CaffeFormatException.At(field.Location, $"{Context}: '{field.Name}' must be a message {{ ... }}, found {field.Value}");

    TextScalar AsScalar(TextField field) => field.Value as TextScalar
        ?? throw CaffeFormatException.At(field.Location, $"{Context}: '{field.Name}' must be a value, found a message {{ ... }}");
}
