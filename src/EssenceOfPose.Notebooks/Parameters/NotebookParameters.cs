using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;

namespace EssenceOfPose.Notebooks;

/// <summary>Notebook parameters the papermill way: the cell tagged <c>parameters</c> holds the
/// defaults, and a cell tagged <c>injected-parameters</c> right after it assigns the values given
/// on the command line, each typed by its literal (number, bool, else string).</summary>
public static partial class NotebookParameters
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>Parses <c>Name=value</c> assignments (later ones win); names must be C# identifiers.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> assignments)
    {
        var values = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=');
            var name = equals < 0 ? assignment : assignment[..equals].Trim();
            if (equals < 0 || !SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
                throw new FormatException($"'{assignment}' is not a parameter assignment of the form Name=value with Name a C# identifier.");
            values[name] = assignment[(equals + 1)..];
        }
        return values;
    }

    /// <summary>Puts a fresh injected cell after the one tagged <c>parameters</c> (at the top when
    /// none is), dropping injected cells of earlier runs. Its source is written again, with the
    /// declared types known, when the runner reaches it (<see cref="Source"/>).</summary>
    internal static NotebookCell Inject(NotebookDocument notebook, IReadOnlyDictionary<string, string> values)
    {
        foreach (var stale in notebook.Cells.Where(c => c.Tags.Contains(InjectedTag)).ToList()) notebook.Remove(stale);
        var tagged = notebook.Cells.FindIndex(c => c.IsCode && c.Tags.Contains(ParametersTag));
        var injected = NotebookCell.CreateCode(Source(values, _ => null), InjectedTag);
        notebook.Insert(tagged + 1, injected);
        return injected;
    }

    /// <summary>C# that assigns each value: to the variable an earlier cell declared, converted to
    /// its type (<paramref name="declaredType"/>), or to a new <c>var</c> typed by the literal.</summary>
    internal static string Source(IReadOnlyDictionary<string, string> values, Func<string, Type?> declaredType)
    {
        var source = new StringBuilder("// Parameters injected by `eop notebooks run`.\n");
        foreach (var (name, value) in values)
        {
            var type = declaredType(name);
            source.Append(type is null ? "var " : "").Append(name).Append(" = ").Append(Literal(value, type)).Append(";\n");
        }
        return source.ToString();
    }

    internal static string Literal(string value, Type? target)
    {
        target = target is null ? null : Nullable.GetUnderlyingType(target) ?? target;
        var trimmed = value.Trim();
        return target switch
        {
            null when IsBool(trimmed) => trimmed.ToLowerInvariant(),
            null when IntegerLiteral().IsMatch(trimmed) => int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) ? trimmed : trimmed + "L",
            null when RealLiteral().IsMatch(trimmed) => trimmed.Contains('.') || trimmed.Contains('e') || trimmed.Contains('E') ? trimmed : trimmed + ".0",
            not null when target == typeof(bool) && IsBool(trimmed) => trimmed.ToLowerInvariant(),
            not null when target == typeof(float) && RealLiteral().IsMatch(trimmed) => trimmed + "f",
            not null when target == typeof(decimal) && RealLiteral().IsMatch(trimmed) => trimmed + "m",
            not null when target == typeof(double) && RealLiteral().IsMatch(trimmed) => trimmed + "d",
            not null when IsInteger(target) && IntegerLiteral().IsMatch(trimmed) => trimmed,
            _ => SymbolDisplay.FormatLiteral(value, quote: true),
        };
    }

    private static bool IsBool(string value) => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte) ||
        type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);

    [GeneratedRegex(@"^[+-]?\d+$")]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex(@"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")]
    private static partial Regex RealLiteral();
}
