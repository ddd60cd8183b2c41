using System.Text;
using Markdig;

namespace EssenceOfPose.Notebooks;

// The report page of one executed notebook: markdown rendered, code shown as written, outputs
// below each cell, the failing cell highlighted and the cells after it marked as not run.
internal static class NotebookPage
{
    private static readonly MarkdownPipeline s_markdown = new MarkdownPipelineBuilder().UsePipeTables().UseAutoLinks().Build();

    public static string Render(NotebookDocument notebook, NotebookRunResult result, string? plotlyFileName, bool anyCharts)
    {
        var outputs = new OutputHtml(plotlyFileName is not null);
        var body = new StringBuilder();
        for (var index = 0; index < notebook.Cells.Count; index++)
            body.Append(Cell(notebook.Cells[index], index + 1, result, outputs));

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<title>{OutputHtml.Encode(result.Name)}</title><style>{ReportStyle.Css}</style>");
        if (plotlyFileName is not null && outputs.HasCharts) page.Append($"<script src=\"{OutputHtml.Encode(plotlyFileName)}\"></script>");
        page.Append("</head><body>")
            .Append("<p><a href=\"index.html\">&larr; all notebooks</a></p>")
            .Append($"<h1>{OutputHtml.Encode(result.Name)}</h1>")
            .Append($"<p>{ReportWriter.StatusBadge(result.Status)} in {result.Duration.TotalSeconds:0.0} s")
            .Append(result.ExecutedPath is { } ipynb ? $" &middot; <a href=\"{OutputHtml.Encode(Path.GetFileName(ipynb))}\">executed notebook</a>" : "")
            .Append("</p>");
        if (result.Status != NotebookStatus.Ok)
            page.Append($"<p class=\"banner\">Cell {result.FailedCell}: {OutputHtml.Encode(result.Message)}</p>");
        if (plotlyFileName is null && anyCharts)
            page.Append($"<p class=\"banner\">{ReportWriter.MissingPlotly}</p>");
        foreach (var note in result.Notes) page.Append($"<p class=\"note\">{OutputHtml.Encode(note)}</p>");
        page.Append(body);
        if (plotlyFileName is not null && outputs.HasCharts) page.Append(DrawCharts);
        return page.Append("</body></html>\n").ToString();
    }

    private static string Cell(NotebookCell cell, int number, NotebookRunResult result, OutputHtml outputs)
    {
        if (cell.IsMarkdown) return $"<section class=\"cell markdown\" id=\"cell-{number}\">{Markdown.ToHtml(cell.Source, s_markdown)}</section>\n";
        if (!cell.IsCode) return $"<section class=\"cell raw\" id=\"cell-{number}\"><pre>{OutputHtml.Encode(cell.Source)}</pre></section>\n";

        // A code cell without an execution count before the one that failed was not run by the
        // C# kernel: another language, or empty (the run's notes say which).
        var state = number == result.FailedCell ? "failed"
            : result.FailedCell is int failed && number > failed ? "not-run"
            : cell.ExecutionCount is null && cell.Source.Trim().Length > 0 ? "skipped"
            : "ran";
        var label = new StringBuilder($"Cell {number}");
        if (cell.ExecutionCount is int count) label.Append($" [{count}]");
        if (state == "skipped") label.Append($" &middot; skipped{(cell.Language is { } language ? $" ({OutputHtml.Encode(language)})" : "")}");
        if (state == "not-run") label.Append(" &middot; not run");
        foreach (var tag in cell.Tags) label.Append($"<span class=\"tag\">{OutputHtml.Encode(tag)}</span>");

        var html = new StringBuilder($"<section class=\"cell code {state}\" id=\"cell-{number}\">")
            .Append($"<div class=\"cell-label\">{label}</div>")
            .Append($"<pre class=\"source\"><code>{OutputHtml.Encode(cell.Source)}</code></pre>");
        foreach (var output in cell.Outputs) html.Append(outputs.Render(output, $"chart-{number}"));
        return html.Append("</section>\n").ToString();
    }

    private const string DrawCharts = """
        <script>
        document.querySelectorAll("div.plotly-chart").forEach(function (div) {
          var figure = JSON.parse(document.getElementById(div.id + "-figure").textContent);
          Plotly.newPlot(div, figure.data || [], figure.layout || {}, { responsive: true });
        });
        </script>
        """;
}
