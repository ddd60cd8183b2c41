using System.Globalization;
using System.Text;

namespace EssenceOfPose.Notebooks;

// Writes the run's report into the output folder: index.html (every notebook, its status and
// time, the total) and one page per executed notebook, with plotly.js copied beside them so
// that the whole folder opens from disk without network.
internal sealed class ReportWriter(string outputDirectory, NotebookRunOptions options)
{
    public const string MissingPlotly =
        "plotly.js was not found (set EOP_PLOTLY_JS, or install the npm package plotly.js-dist-min into .tools/): charts are shown as JSON.";

    /// <summary>Writes the report and returns the path of index.html.</summary>
    public string Write(IReadOnlyList<(NotebookRunResult Result, NotebookDocument? Executed)> runs, TimeSpan total)
    {
        var anyCharts = runs.Any(r => r.Executed?.Cells.Any(c => c.Outputs.Any(OutputHtml.IsChart)) == true);
        var plotly = anyCharts ? CopyPlotly() : null;
        foreach (var (result, executed) in runs)
            if (executed is not null && result.ReportPage is { } page)
                Files.WriteAtomically(page, NotebookPage.Render(executed, result, plotly, anyCharts));
        var index = Path.Combine(outputDirectory, "index.html");
        Files.WriteAtomically(index, Index(runs.Select(r => r.Result).ToList(), total, anyCharts && plotly is null));
        return index;
    }

    public static string StatusBadge(NotebookStatus status) => status switch
    {
        NotebookStatus.Ok => "<span class=\"status ok\">ok</span>",
        NotebookStatus.TimedOut => "<span class=\"status timed-out\">timed out</span>",
        _ => "<span class=\"status failed\">failed</span>",
    };

    private string? CopyPlotly()
    {
        if (PlotlyScript.Find(options.PlotlyScriptPath) is not { } source) return null;
        var target = Path.Combine(outputDirectory, PlotlyScript.FileName);
        var sourceInfo = new FileInfo(source);
        var targetInfo = new FileInfo(target);
        if (!targetInfo.Exists || targetInfo.Length != sourceInfo.Length || targetInfo.LastWriteTimeUtc < sourceInfo.LastWriteTimeUtc)
            File.Copy(source, target, overwrite: true);
        return PlotlyScript.FileName;
    }

    private string Index(IReadOnlyList<NotebookRunResult> results, TimeSpan total, bool plotlyMissing)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Notebook run</title>")
            .Append($"<style>{ReportStyle.Css}</style></head><body><h1>Notebook run</h1>");
        var failed = results.Count(r => r.Status != NotebookStatus.Ok);
        html.Append($"<p>{results.Count} notebook(s), {failed} failed, {total.TotalSeconds:0.0} s in all &middot; profile <code>{OutputHtml.Encode(options.Profile)}</code>");
        foreach (var (name, value) in options.Parameters) html.Append($" &middot; <code>{OutputHtml.Encode(name)}={OutputHtml.Encode(value)}</code>");
        html.Append($" &middot; {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}</p>");
        if (plotlyMissing) html.Append($"<p class=\"banner\">{MissingPlotly}</p>");

        html.Append("<table class=\"runs\"><thead><tr><th>notebook</th><th>status</th><th>time (s)</th><th>details</th></tr></thead><tbody>");
        foreach (var result in results)
        {
            var name = result.ReportPage is { } page && File.Exists(page)
                ? $"<a href=\"{OutputHtml.Encode(Path.GetFileName(page))}\">{OutputHtml.Encode(result.Name)}</a>"
                : OutputHtml.Encode(result.Name);
            var details = result.Status == NotebookStatus.Ok
                ? OutputHtml.Encode(string.Join(" ", result.Notes))
                : OutputHtml.Encode((result.FailedCell is int cell ? $"Cell {cell}: " : "") + result.Message);
            html.Append($"<tr><td>{name}</td><td>{StatusBadge(result.Status)}</td>")
                .Append($"<td class=\"time\">{result.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}</td><td>{details}</td></tr>");
        }
        html.Append($"</tbody><tfoot><tr><th>total</th><td></td><td class=\"time\">{total.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}</td><td></td></tr></tfoot></table>");
        return html.Append("</body></html>\n").ToString();
    }
}
