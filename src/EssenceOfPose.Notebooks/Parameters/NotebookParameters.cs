using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.DotNet.Interactive.Documents;

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

    /// <summary>Puts a fresh injected cell after the code cell tagged <c>parameters</c> (at the top
    /// when none is), dropping injected cells of earlier runs, and returns it. Its source is written
    /// when the kernel reaches it (<see cref="Source"/>), with the declared types known.</summary>
    internal static InteractiveDocumentElement Inject(InteractiveDocument document)
    {
        foreach (var stale in document.Elements.Where(e => HasTag(e, InjectedTag)).ToList()) document.Elements.Remove(stale);
        var tagged = document.Elements.ToList().FindIndex(e => e.KernelName != "markdown" && HasTag(e, ParametersTag));
        var injected = new InteractiveDocumentElement("", "csharp")
        {
            Metadata = new Dictionary<string, object> { ["tags"] = new object[] { InjectedTag } },
        };
        document.Elements.Insert(tagged + 1, injected);
        return injected;
    }

    internal static bool HasTag(InteractiveDocumentElement element, string tag) =>
        element.Metadata?.TryGetValue("tags", out var tags) == true && tags is IEnumerable<object> list && list.OfType<string>().Contains(tag);

    /// <summary>C# that assigns each value: to the variable an earlier cell declared, converted to
    /// its type (<paramref name="declaredType"/>), or to a new <c>var</c> typed by the literal.</summary>
    internal static string Source(IEnumerable<KeyValuePair<string, string>> values, Func<string, Type?> declaredType)
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
