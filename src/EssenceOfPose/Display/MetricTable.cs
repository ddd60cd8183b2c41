using System.Globalization;
using System.Net;
using System.Text;

namespace EssenceOfPose.Display;

/// <summary>A table of results (rows × named columns of numbers or text), shown as an HTML table in
/// notebooks and as aligned text in logs; numbers are formatted per column.</summary>
[TypeFormatterSource(typeof(FormatterSource), PreferredMimeTypes = [MimeTypes.Html])]
public sealed class MetricTable
{
    private readonly string[] _columns;
    private readonly string?[] _formats;
    private readonly List<object?[]> _rows = [];

    public MetricTable(params string[] columns)
    {
        if (columns.Length == 0) throw new ArgumentException("A table needs at least one column.", nameof(columns));
        _columns = [.. columns];
        _formats = new string?[columns.Length];
    }

    /// <summary>Shown above the table.</summary>
    public string? Title { get; init; }

    /// <summary>Format of non-integer numbers in columns without their own format.</summary>
    public string NumberFormat { get; init; } = "G4";

    public IReadOnlyList<string> Columns => _columns;

    public IReadOnlyList<IReadOnlyList<object?>> Rows => _rows;

    /// <summary>Appends one row; cells are numbers, strings or null, one per column.</summary>
    public MetricTable AddRow(params object?[] cells)
    {
        if (cells.Length != _columns.Length)
            throw new ArgumentException($"The row has {cells.Length} cells but the table has {_columns.Length} columns.", nameof(cells));
        _rows.Add([.. cells]);
        return this;
    }

    /// <summary>Sets the .NET format string of one column's numbers, e.g. "F2", "P1", "E3".</summary>
    public MetricTable WithFormat(string column, string format)
    {
        var index = Array.IndexOf(_columns, column);
        if (index < 0) throw new ArgumentException($"No column named '{column}'.", nameof(column));
        _formats[index] = format;
        return this;
    }

    /// <summary>The text of one cell as both renderings show it.</summary>
    public string FormatCell(int row, int column) => FormatValue(_rows[row][column], _formats[column]);

    public string ToHtml()
    {
        var html = new StringBuilder("<table class=\"metric-table\">");
        if (Title is not null) html.Append("<caption>").Append(WebUtility.HtmlEncode(Title)).Append("</caption>");
        html.Append("<thead><tr>");
        for (var c = 0; c < _columns.Length; c++)
            html.Append(IsNumericColumn(c) ? "<th style=\"text-align:right\">" : "<th style=\"text-align:left\">")
                .Append(WebUtility.HtmlEncode(_columns[c])).Append("</th>");
        html.Append("</tr></thead><tbody>");
        for (var r = 0; r < _rows.Count; r++)
        {
            html.Append("<tr>");
            for (var c = 0; c < _columns.Length; c++)
                html.Append(IsNumber(_rows[r][c]) ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                    .Append(WebUtility.HtmlEncode(FormatCell(r, c))).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as aligned plain text: numbers right-aligned, text left-aligned.</summary>
    public override string ToString()
    {
        var cells = _rows.Select((_, r) => _columns.Select((_, c) => FormatCell(r, c)).ToArray()).ToList();
        var widths = _columns.Select((name, c) => cells.Select(row => row[c].Length).Append(name.Length).Max()).ToArray();
        var text = new StringBuilder();
        if (Title is not null) text.AppendLine(Title);
        text.AppendLine(Line(_columns, c => IsNumericColumn(c)));
        text.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        for (var r = 0; r < cells.Count; r++) text.AppendLine(Line(cells[r], c => IsNumber(_rows[r][c])));
        return text.ToString().TrimEnd('\n', '\r');

        string Line(string[] values, Func<int, bool> rightAligned) =>
            string.Join("  ", values.Select((v, c) => rightAligned(c) ? v.PadLeft(widths[c]) : v.PadRight(widths[c]))).TrimEnd();
    }

    private bool IsNumericColumn(int column) => _rows.Count > 0 && _rows.All(row => row[column] is null || IsNumber(row[column]));

    private string FormatValue(object? value, string? columnFormat) => value switch
    {
        null => "",
        double or float or decimal or Half => ((IFormattable)value).ToString(columnFormat ?? NumberFormat, CultureInfo.InvariantCulture),
        IFormattable number when IsNumber(number) => number.ToString(columnFormat, CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or Half;

    internal sealed class FormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters() =>
        [
            new Formatter<MetricTable>(MimeTypes.Html, table => table.ToHtml()),
            new Formatter<MetricTable>(MimeTypes.PlainText, table => table.ToString()),
        ];
    }
}
