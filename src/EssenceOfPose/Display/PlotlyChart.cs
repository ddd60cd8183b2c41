using System.Net;
using System.Text.Json.Nodes;
using Plotly.NET;
using Plotly.NET.CSharp;
using PlotlyNetFs = Plotly.NET.Chart;

namespace EssenceOfPose.Display;

/// <summary>A Plotly.NET figure that notebooks display as Plotly JSON
/// (application/vnd.plotly.v1+json, drawn natively by VS Code and JupyterLab) with an HTML fallback.
/// Build one with <see cref="Chart"/>; every With* method returns a new chart.</summary>
[TypeFormatterSource(typeof(FormatterSource), PreferredMimeTypes = [MimeTypes.Plotly, MimeTypes.Html])]
public sealed class PlotlyChart
{
    /// <summary>Where the HTML fallback loads plotly.js from when the host has none: the version Plotly.NET writes its JSON for.</summary>
    public static readonly string PlotlyScriptUrl = $"https://cdn.plot.ly/plotly-{Globals.PLOTLYJS_VERSION}.min.js";

    // Plotly.NET's With* functions change a GenericChart in place, so the chart is kept as the
    // recipe that builds it: each With* adds a step, and nothing built is ever shared.
    private readonly Func<GenericChart> _build;

    internal PlotlyChart(Func<GenericChart> build) => _build = build;

    /// <summary>A new Plotly.NET chart of this figure, for Plotly.NET's own API; changing it leaves this one as it was.</summary>
    public GenericChart ToGenericChart() => _build();

    public int TraceCount => GenericChart.countTrace(_build());

    public PlotlyChart WithTitle(string title) => Then(c => PlotlyNetFs.withTitle(title, null).Invoke(c));

    public PlotlyChart WithAxisTitles(string? x = null, string? y = null) => Then(c =>
    {
        if (x is not null) c = c.WithXAxisStyle<double, double, string>(TitleText: x);
        if (y is not null) c = c.WithYAxisStyle<double, double, string>(TitleText: y);
        return c;
    });

    public PlotlyChart WithSize(int width, int height) => Then(c => c.WithSize(width, height));

    /// <summary>Sets (replaces) one top-level layout entry from JSON (see plotly.js's layout reference);
    /// a later WithAxisTitles of the same axis replaces it in turn.</summary>
    public PlotlyChart WithLayout(string key, JsonNode? value) => Then(c =>
    {
        // Plotly.NET serialises with Newtonsoft.Json, which writes a JToken as the JSON it holds.
        GenericChart.getLayout(c).SetProperty(key, value is null ? null : Newtonsoft.Json.Linq.JToken.Parse(value.ToJsonString()));
        return c;
    });

    /// <summary>The figure as Plotly expects it, <c>{"data":[...],"layout":{...}}</c>, written by Plotly.NET.</summary>
    public string ToJson() => Figure().ToJsonString();

    /// <summary>A self-contained HTML fragment: a div, plotly.js from <see cref="PlotlyScriptUrl"/>, and the call that draws.</summary>
    public string ToHtml()
    {
        var id = "plotly-" + Guid.NewGuid().ToString("N");
        return $"<div id=\"{id}\" class=\"plotly-chart\"></div>\n" +
               $"<script src=\"{WebUtility.HtmlEncode(PlotlyScriptUrl)}\"></script>\n" +
               $"<script>(function () {{ var figure = {ToJson()}; Plotly.newPlot(\"{id}\", figure.data, figure.layout); }})();</script>";
    }

    public override string ToString()
    {
        var figure = Figure();
        return $"Plotly chart: {string.Join(", ", figure["data"]!.AsArray().Select(t => (string?)t?["type"] ?? "trace"))}" +
               (figure["layout"]?["title"]?["text"] is JsonNode title ? $" \"{title}\"" : "");
    }

    private PlotlyChart Then(Func<GenericChart, GenericChart> step) => new(() => step(_build()));

    // Re-written by System.Text.Json, whose default encoder escapes <, > and &, so a title cannot
    // close the HTML fallback's script; Plotly.NET's "frames" (animation, unused) is left out.
    private JsonObject Figure()
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(_build()))!;
        return new JsonObject { ["data"] = figure["data"]!.DeepClone(), ["layout"] = figure["layout"]!.DeepClone() };
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
