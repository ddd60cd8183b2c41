namespace EssenceOfPose.Notebooks.Tests;

public sealed class ReportTests : IDisposable
{
    private readonly Workspace _workspace = new();

    public ReportTests()
    {
        _workspace.CopyFixture("tiny-png.csx");
        _workspace.CopyCoreLibrary();
    }

    public void Dispose() => _workspace.Dispose();

    internal static TestNotebook Figures => new TestNotebook()
        .Markdown("# Figures\n\n| layer | kept |\n|---|---|\n| conv1 | $x^2$ |")
        .Code("#r \"lib/EssenceOfPose.dll\"\n#load \"tiny-png.csx\"\nusing EssenceOfPose.Display;\nnew TinyPng()")
        .Code("Chart.Combine(Chart.Line([1.0, 0.5, 0.25], \"loss\"), Chart.Scatter([0.0, 1, 2], [1.0, 0.6, 0.2], \"val\")).WithTitle(\"training\")")
        .Code("new MetricTable(\"layer\", \"PSNR\") { Title = \"reconstruction\" }.AddRow(\"conv1\", 23.456).AddRow(\"fc6\", 14.2)")
        .Code("Console.WriteLine(1 < 2);\nvar html = \"<b>&</b>\";");

    [Fact]
    public async Task The_index_lists_each_notebook_with_status_time_and_a_link()
    {
        var good = _workspace.Write(Figures, "figures.ipynb");
        var bad = _workspace.Write(new TestNotebook().Code("throw new Exception(\"nope\");").Code("1"), "bad.ipynb");

        var summary = await _workspace.RunAsync(_workspace.Options(), good, bad);

        Assert.Equal(Path.Combine(_workspace.OutputFolder, "index.html"), summary.ReportPath);
        var index = File.ReadAllText(summary.ReportPath);
        Assert.Contains("<a href=\"figures.html\">figures.ipynb</a>", index);
        Assert.Contains("<a href=\"bad.html\">bad.ipynb</a>", index);
        Assert.Contains("<span class=\"status ok\">ok</span>", index);
        Assert.Contains("<span class=\"status failed\">failed</span>", index);
        Assert.Contains("Cell 2: System.Exception: nope", index);
        Assert.Contains("2 notebook(s), 1 failed", index);
        Assert.Contains("<th>total</th>", index);

        var page = File.ReadAllText(Path.Combine(_workspace.OutputFolder, "bad.html"));
        Assert.Contains("<section class=\"cell code failed\" id=\"cell-2\">", page);
        Assert.Contains("<div class=\"output error\">", page);
        Assert.Contains("<section class=\"cell code not-run\" id=\"cell-3\">", page);
    }

    [Fact]
    public async Task A_page_renders_markdown_code_and_every_kind_of_output()
    {
        var path = _workspace.Write(Figures, "figures.ipynb");
        var plotly = Path.Combine(_workspace.Folder, "fake-plotly.js");
        File.WriteAllText(plotly, "window.Plotly = { newPlot: function () {} };");

        await _workspace.RunAsync(_workspace.Options() with { PlotlyScriptPath = plotly }, path);

        var page = File.ReadAllText(Path.Combine(_workspace.OutputFolder, "figures.html"));
        Assert.Contains("<h1>Figures</h1>", page);
        Assert.Contains("<table>", page);                         // pipe table
        Assert.Contains("$x^2$", page);                           // math left as text
        Assert.Contains("var html = &quot;&lt;b&gt;&amp;&lt;/b&gt;&quot;;", page); // code escaped
        Assert.Contains($"<img alt=\"image output\" src=\"data:image/png;base64,{TinyPngBase64}\">", page);
        Assert.Contains("<div class=\"plotly-chart\" id=\"chart-4-1\"></div>", page);
        Assert.Contains("<script type=\"application/json\" id=\"chart-4-1-figure\">", page);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page);
        Assert.Contains("<table class=\"metric-table\"><caption>reconstruction</caption>", page);
        Assert.Contains("<pre class=\"stream stdout\">True\n</pre>", page);
        Assert.Equal(File.ReadAllText(plotly), File.ReadAllText(Path.Combine(_workspace.OutputFolder, "plotly.min.js")));
        Assert.DoesNotContain("cdn.plot.ly", page); // the chart is drawn from its JSON, not its online fallback
    }

    [Fact]
    public async Task Without_plotly_js_the_report_says_so_and_shows_the_figure_json()
    {
        var path = _workspace.Write(Figures, "figures.ipynb");
        var options = _workspace.Options() with { PlotlyScriptPath = Path.Combine(_workspace.Folder, "absent.js") };

        var summary = await _workspace.RunAsync(options, path);

        var page = File.ReadAllText(Path.Combine(_workspace.OutputFolder, "figures.html"));
        Assert.Contains("<p class=\"banner\">plotly.js was not found", page);
        Assert.Contains("<pre class=\"chart-json\">", page);
        Assert.Contains("&quot;training&quot;", page);
        Assert.DoesNotContain("<script src=", page);
        Assert.Contains("<p class=\"banner\">plotly.js was not found", File.ReadAllText(summary.ReportPath));
        Assert.False(File.Exists(Path.Combine(_workspace.OutputFolder, "plotly.min.js")));
    }

    internal const string TinyPngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhhdAAAAAElFTkSuQmCC";
}
