namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// A 3D Street View file (a view's <c>.txt</c>, its name, or its archive) that does not follow
/// the format of the dataset's README (FACTS.md, "The dataset"). The message names the file,
/// the line, the field and what was expected, so a bad record among millions can be found.
/// </summary>
internal sealed class StreetViewFormatException : FormatException
{
    public StreetViewFormatException(string file, int line, string field, string expected, string got, Exception? inner = null)
        : base(Describe(file, line, field, expected, got), inner)
    {
        File = file;
        Line = line;
        Field = field;
        Expected = expected;
        Got = got;
    }

    /// <summary>The file (path or archive entry) as the reader saw it.</summary>
    public string File { get; }

    /// <summary>1-based line number; 0 when the problem is not inside the text (a name, a missing file).</summary>
    public int Line { get; }

    public string Field { get; }

    public string Expected { get; }

    public string Got { get; }

    internal static string Describe(string file, int line, string field, string expected, string got)
    {
        var where = line > 0 ? $"{file} line {line}" : file;
        return $"{where}, field '{field}': expected {expected}, got {got}";
    }
}
