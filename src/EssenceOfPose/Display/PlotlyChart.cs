using System.Net;
using System.Text.Json.Nodes;

namespace EssenceOfPose.Display;

/// <summary>A Plotly figure (traces and layout) that notebooks display as Plotly JSON
/// (application/vnd.plotly.v1+json, drawn natively by VS Code and JupyterLab) with an HTML fallback.
/// Build one with <see cref="Chart"/>; every With* method returns a new chart.</summary>
[TypeFormatterSource(typeof(FormatterSource), PreferredMimeTypes = [MimeTypes.Plotly, MimeTypes.Html])]
public sealed class PlotlyChart
{
    /// <summary>Where the HTML fallback loads plotly.js from when the host has none.</summary>
    public const string PlotlyScriptUrl = "https://cdn.plot.ly/plotly-2.35.2.min.js";

    private readonly JsonArray _traces;
    private readonly JsonObject _layout;

    internal PlotlyChart(IEnumerable<JsonObject> traces, JsonObject layout)
    {
        _traces = [.. traces.Select(t => t.DeepClone())];
        _layout = (JsonObject)layout.DeepClone();
    }

    public int TraceCount => _traces.Count;

    internal IEnumerable<JsonObject> Traces => _traces.Cast<JsonObject>();

    internal JsonObject Layout => _layout;

    public PlotlyChart WithTitle(string title) => WithLayout("title", new JsonObject { ["text"] = title });

    public PlotlyChart WithAxisTitles(string? x = null, string? y = null)
    {
        var chart = this;
        if (x is not null) chart = chart.WithAxis("xaxis", x);
        if (y is not null) chart = chart.WithAxis("yaxis", y);
        return chart;
    }

    public PlotlyChart WithSize(int width, int height) =>
        WithLayout("width", width).WithLayout("height", height);

    /// <summary>Sets any top-level layout entry (see plotly.js's layout reference).</summary>
    public PlotlyChart WithLayout(string key, JsonNode? value)
    {
        var layout = (JsonObject)_layout.DeepClone();
        layout[key] = value?.DeepClone();
        return new PlotlyChart(_traces.Cast<JsonObject>(), layout);
    }

    /// <summary>The figure as Plotly expects it: <c>{"data":[...],"layout":{...}}</c>.</summary>
    public string ToJson() => new JsonObject { ["data"] = _traces.DeepClone(), ["layout"] = _layout.DeepClone() }.ToJsonString();

    /// <summary>A self-contained HTML fragment: a div, plotly.js from <see cref="PlotlyScriptUrl"/>, and the call that draws.</summary>
    public string ToHtml()
    {
        var id = "plotly-" + Guid.NewGuid().ToString("N");
        return $"<div id=\"{id}\" class=\"plotly-chart\"></div>\n" +
               $"<script src=\"{WebUtility.HtmlEncode(PlotlyScriptUrl)}\"></script>\n" +
               $"<script>(function () {{ var figure = {ToJson()}; Plotly.newPlot(\"{id}\", figure.data, figure.layout); }})();</script>";
    }

    public override string ToString() =>
        $"Plotly chart: {string.Join(", ", _traces.Select(t => (string?)t?["type"] ?? "trace"))}" +
        (_layout["title"]?["text"] is JsonNode title ? $" \"{title}\"" : "");

    private PlotlyChart WithAxis(string axis, string title)
    {
        var settings = _layout[axis] is JsonObject existing ? (JsonObject)existing.DeepClone() : [];
        settings["title"] = new JsonObject { ["text"] = title };
        return WithLayout(axis, settings);
    }

    internal sealed class FormatterSource
    {
        public IEnumerable<object> CreateTypeFormatters() =>
        [
            new Formatter<PlotlyChart>(MimeTypes.Plotly, chart => chart.ToJson()),
            new Formatter<PlotlyChart>(MimeTypes.Html, chart => chart.ToHtml()),
            new Formatter<PlotlyChart>(MimeTypes.PlainText, chart => chart.ToString()),
        ];
    }
}
