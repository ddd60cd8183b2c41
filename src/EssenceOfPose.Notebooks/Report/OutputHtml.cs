using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EssenceOfPose.Notebooks;

// One nbformat output as HTML, picking the richest representation the page can show offline:
// Plotly JSON (drawn by the local plotly.js, or shown as JSON when there is none), PNG, HTML, text.
internal sealed partial class OutputHtml(bool plotlyAvailable)
{
    private const string PlainText = "text/plain";
    private const string Html = "text/html";
    private const string Png = "image/png";
    private const string Plotly = KernelFactory.PlotlyMimeType;

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
    private int _charts;

    public bool HasCharts => _charts > 0;

    public static bool IsChart(JsonNode? output) => output?["data"]?[Plotly] is not null;

    public string Render(JsonNode? output, string chartIdPrefix) => (string?)output?["output_type"] switch
    {
        "stream" => $"<div class=\"output\"><pre class=\"stream {Encode((string?)output!["name"])}\">{Encode(Text(output["text"]))}</pre></div>",
        "error" => Error(output!),
        "display_data" or "execute_result" => Data(output!["data"] as JsonObject ?? [], chartIdPrefix),
        var other => $"<div class=\"output\"><pre>({Encode(other)} output)</pre></div>",
    };

    private string Data(JsonObject data, string chartIdPrefix)
    {
        if (data[Plotly] is { } stored && Figure(stored) is { } figure)
        {
            var id = $"{chartIdPrefix}-{++_charts}";
            if (!plotlyAvailable)
                return $"<div class=\"output\"><p>Chart (plotly.js not available, figure JSON shown):</p><pre class=\"chart-json\">{Encode(figure.ToJsonString(s_indented))}</pre></div>";
            // The default encoder escapes <, > and &, so the JSON cannot close the script element.
            return $"<div class=\"output\"><div class=\"plotly-chart\" id=\"{id}\"></div>" +
                   $"<script type=\"application/json\" id=\"{id}-figure\">{figure.ToJsonString()}</script></div>";
        }
        if (data[Png] is { } png)
            return $"<div class=\"output\"><img alt=\"image output\" src=\"data:image/png;base64,{Encode(Text(png))}\"></div>";
        if (data[Html] is { } html)
            return $"<div class=\"output html\">{Text(html)}</div>";
        if (data[PlainText] is { } text)
            return $"<div class=\"output\"><pre>{Encode(Text(text))}</pre></div>";
        return $"<div class=\"output\"><pre>(no representation this page can show: {Encode(string.Join(", ", data.Select(p => p.Key)))})</pre></div>";
    }

    // nbformat stores the figure as JSON; a notebook written by a tool that kept it as text still draws.
    private static JsonNode? Figure(JsonNode stored)
    {
        if (stored is not JsonValue value || !value.TryGetValue<string>(out var text)) return stored;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Error(JsonNode output)
    {
        var traceback = output["traceback"] is JsonArray lines ? string.Join("\n", lines.Select(l => Ansi().Replace((string?)l ?? "", ""))) : "";
        var header = $"{(string?)output["ename"]}: {(string?)output["evalue"]}";
        return $"<div class=\"output error\"><pre><strong>{Encode(header)}</strong>\n{Encode(traceback)}</pre></div>";
    }

    // nbformat text is a string or a list of lines.
    public static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue value => (string?)value ?? "",
        _ => node?.ToJsonString() ?? "",
    };

    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();
}
