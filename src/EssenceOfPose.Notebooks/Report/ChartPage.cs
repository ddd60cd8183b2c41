using System.Net;
using System.Text;

namespace EssenceOfPose.Notebooks;

/// <summary>
/// One HTML page of charts for a command-line verb (<c>eop eval posenet --chart</c>), drawn by the
/// local plotly.js copied beside it, as the notebook report is, so the page opens from disk with
/// no network.
/// </summary>
public static class ChartPage
{
    /// <summary>Writes <paramref name="figures"/> (Plotly figure JSON, <c>{"data":[...],"layout":{...}}</c>, with <, > and &amp; escaped as System.Text.Json writes them) to <paramref name="htmlPath"/> (and plotly.min.js beside it when a local copy is found); returns a warning when none is, else null.</summary>
    public static string? Write(string htmlPath, string title, IReadOnlyList<string> figures, string? plotlyScriptPath = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(htmlPath))!;
        Directory.CreateDirectory(folder);
        string? script = null;
        if (PlotlyScript.Find(plotlyScriptPath) is { } source)
        {
            var target = Path.Combine(folder, PlotlyScript.FileName);
            if (!string.Equals(Path.GetFullPath(source), target, StringComparison.Ordinal)) File.Copy(source, target, overwrite: true);
            script = PlotlyScript.FileName;
        }
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title)).Append("</title>");
        if (script is not null) html.Append("<script src=\"").Append(script).Append("\"></script>");
        html.Append($"<style>{ReportStyle.Css}</style></head><body><h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n");
        if (script is null) html.Append($"<p class=\"banner\">{ReportWriter.MissingPlotly}</p>\n");
        for (var i = 0; i < figures.Count; i++)
        {
            html.Append($"<div id=\"chart-{i}\" class=\"plotly-chart\"></div>\n");
            html.Append(script is null
                ? $"<pre>{WebUtility.HtmlEncode(figures[i])}</pre>\n"
                : $"<script>(function () {{ var f = {figures[i]}; Plotly.newPlot(\"chart-{i}\", f.data, f.layout); }})();</script>\n");
        }
        html.Append("</body></html>\n");
        Files.WriteAtomically(htmlPath, html.ToString());
        return script is null ? ReportWriter.MissingPlotly : null;
    }
}
