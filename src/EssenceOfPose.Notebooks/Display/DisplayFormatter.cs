using System.Collections;
using System.Globalization;

namespace EssenceOfPose.Notebooks;

// Turns a value into a MimeBundle: every MIME type its convention formatters offer (the most
// specific formatter for each type that accepts the value), preferred types first, and always
// a text/plain, falling back to the string itself, a short list for sequences, or ToString().
internal static class DisplayFormatter
{
    private const int MaxListedItems = 100;

    public static MimeBundle Format(object? value)
    {
        if (value is null) return MimeBundle.PlainTextOnly("<null>");
        if (value is string text) return MimeBundle.PlainTextOnly(text);

        var type = value.GetType();
        var set = ConventionFormatters.For(type);
        var entries = new List<KeyValuePair<string, string>>();
        var candidates = set.Formatters
            .Where(f => f.Type.IsInstanceOfType(value))
            .OrderBy(f => Distance(type, f.Type)) // stable: declaration order among equals
            .ToList();
        var mimeTypes = set.PreferredMimeTypes.Concat(candidates.Select(f => f.MimeType)).Distinct();
        foreach (var mimeType in mimeTypes)
        {
            foreach (var formatter in candidates.Where(f => f.MimeType == mimeType))
            {
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                if (!formatter.Format(value, writer)) continue;
                entries.Add(new(mimeType, Clean(mimeType, writer.ToString())));
                break;
            }
        }
        if (!entries.Any(e => e.Key == MimeBundle.PlainText)) entries.Add(new(MimeBundle.PlainText, PlainText(value)));
        return new MimeBundle(entries);
    }

    // How many steps up the hierarchy from the value's type to the formatter's; interfaces last.
    private static int Distance(Type valueType, Type formatterType)
    {
        var distance = 0;
        for (var t = valueType; t is not null; t = t.BaseType, distance++)
            if (t == formatterType) return distance;
        return int.MaxValue;
    }

    // Hosts expect bare base64 for images; a formatter may have written a data: URI or wrapped lines.
    private static string Clean(string mimeType, string text)
    {
        if (!mimeType.StartsWith("image/", StringComparison.Ordinal) || mimeType == "image/svg+xml") return text;
        var comma = text.StartsWith("data:", StringComparison.Ordinal) ? text.IndexOf(',') : -1;
        return string.Concat(text[(comma + 1)..].Where(c => !char.IsWhiteSpace(c)));
    }

    private static string PlainText(object value)
    {
        if (value is IEnumerable sequence and not IFormattable)
        {
            var items = sequence.Cast<object?>().Take(MaxListedItems + 1).Select(Item).ToList();
            var more = items.Count > MaxListedItems ? ", ..." : "";
            return $"[{string.Join(", ", items.Take(MaxListedItems))}{more}]";
        }
        return Item(value);

        static string Item(object? item) => item is null ? "null" : Convert.ToString(item, CultureInfo.InvariantCulture) ?? item.GetType().ToString();
    }
}
