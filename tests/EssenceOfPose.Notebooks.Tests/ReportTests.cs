using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks.Tests;

/// <summary>One run of a notebook with every kind of figure and of one that fails, for the report's
/// tests (in the browser too); they render the report again from its executed copies where they need
/// another plotly.js.</summary>
public sealed class ReportRun : IAsyncLifetime
{
    public const string Collection = "report";

    internal readonly Workspace Workspace = new();

    internal static TestNotebook Figures => new TestNotebook()
        .Markdown("# Figures\n\n| layer | kept |\n|---|---|\n| conv1 | $x^2$ |")
        .Code($"{Workspace.Reference("EssenceOfPose.dll")}\n#load \"tiny-png.csx\"\nusing EssenceOfPose.Display;\nnew TinyPng()")
        .Code("Chart.Combine(Chart.Line([1.0, 0.5, 0.25], \"loss\"), Chart.Scatter([0.0, 1, 2], [1.0, 0.6, 0.2], \"val\")).WithTitle(\"training\")")
        .Code("new MetricTable(\"layer\", \"PSNR\") { Title = \"reconstruction\" }.AddRow(\"conv1\", 23.456).AddRow(\"fc6\", 14.2)")
        .Code("Console.WriteLine(1 < 2);\nvar html = \"<b>&</b>\";")
        .Code("Chart.Heatmap(new double[,] { { 1, 2 }, { 3, 4 } }, [\"a\", \"b\"], [\"r1\", \"r2\"]).WithTitle(\"heat\")")
        .Code("Chart.ParallelCoordinates([(\"lr\", [0.1, 0.01, 0.001]), (\"loss\", [0.5, 0.3, 0.4])], color: [0.5, 0.3, 0.4])")
        .Code("new EssenceOfPose.Data.Images.RgbImage(2, 1, new byte[] { 255, 0, 0, 0, 0, 255 })");

    internal string FakePlotly => Path.Combine(Workspace.Folder, "fake-plotly.js");

    internal NotebookRunSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Workspace.CopyFixture("tiny-png.csx");
        File.WriteAllText(FakePlotly, "window.Plotly = { newPlot: function () {} };");
        var good = Workspace.Write(Figures, "figures.ipynb");
        var bad = Workspace.Write(new TestNotebook().Code("throw new Exception(\"nope\");").Code("1"), "bad.ipynb");
        Summary = await Workspace.RunAsync(Workspace.Options() with { PlotlyScriptPath = FakePlotly }, good, bad);
    }

    /// <summary>The report of this run written again into <paramref name="folder"/> with another plotly.js.</summary>
    internal string Rerender(string folder, string? plotly)
    {
        Directory.CreateDirectory(folder);
        var runs = Summary.Notebooks
            .Select(r => (r with { ReportPage = Path.Combine(folder, Path.GetFileName(r.ReportPage!)) }, (NotebookDocument?)NotebookDocument.Load(r.ExecutedPath!)))
            .ToList();
        var options = Workspace.Options() with { OutputDirectory = folder, PlotlyScriptPath = plotly };
        return new ReportWriter(folder, options).Write(runs, Summary.Duration);
    }

    public Task DisposeAsync()
    {
        Workspace.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(ReportRun.Collection)]
public sealed class ReportCollection : ICollectionFixture<ReportRun>;

[Collection(ReportRun.Collection)]
public sealed class ReportTests(ReportRun run)
{
    private string Output => run.Workspace.OutputFolder;

    [Fact]
    public void The_figures_notebook_runs()
    {
        var figures = run.Summary.Notebooks[0];
        Assert.True(figures.Status == NotebookStatus.Ok, $"{figures.FailedCell}: {figures.Message}");
    }

    [Fact]
    public void The_index_lists_each_notebook_with_status_time_and_a_link()
    {
        Assert.Equal(Path.Combine(Output, "index.html"), run.Summary.ReportPath);
        var index = File.ReadAllText(run.Summary.ReportPath);
        Assert.Contains("<a href=\"figures.html\">figures.ipynb</a>", index);
        Assert.Contains("<a href=\"bad.html\">bad.ipynb</a>", index);
        Assert.Contains("<span class=\"status ok\">ok</span>", index);
        Assert.Contains("<span class=\"status failed\">failed</span>", index);
        Assert.Contains("Cell 2: System.Exception: nope", index);
        Assert.Contains("2 notebook(s), 1 failed", index);
        Assert.Contains("<th>total</th>", index);

        var page = File.ReadAllText(Path.Combine(Output, "bad.html"));
        Assert.Contains("<section class=\"cell code failed\" id=\"cell-2\">", page);
        Assert.Contains("<div class=\"output error\">", page);
        Assert.Contains("<section class=\"cell code not-run\" id=\"cell-3\">", page);
    }

    [Fact]
    public void A_page_renders_markdown_code_and_every_kind_of_output()
    {
        var page = File.ReadAllText(Path.Combine(Output, "figures.html"));
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
        Assert.Equal(File.ReadAllText(run.FakePlotly), File.ReadAllText(Path.Combine(Output, "plotly.min.js")));
        Assert.DoesNotContain("cdn.plot.ly", page); // the chart is drawn from its JSON, not its online fallback
        Assert.Equal(2, page.Split("<img alt=\"image output\"").Length - 1);
    }

    [Fact]
    public void Without_plotly_js_the_report_says_so_and_shows_the_figure_json()
    {
        var folder = Path.Combine(run.Workspace.Folder, "no-plotly");
        var index = run.Rerender(folder, Path.Combine(run.Workspace.Folder, "absent.js"));

        var page = File.ReadAllText(Path.Combine(folder, "figures.html"));
        Assert.Contains("<p class=\"banner\">plotly.js was not found", page);
        Assert.Contains("<pre class=\"chart-json\">", page);
        Assert.Contains("&quot;training&quot;", page);
        Assert.DoesNotContain("<script src=", page);
        Assert.Contains("<p class=\"banner\">plotly.js was not found", File.ReadAllText(index));
        Assert.False(File.Exists(Path.Combine(folder, "plotly.min.js")));
    }

    [Fact]
    public void The_executed_copy_holds_the_figures_as_nbformat_wants_them()
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "figures.ipynb")))!.AsObject();
        var chart = notebook.Outputs(4).Single()["data"]!["application/vnd.plotly.v1+json"];
        Assert.IsType<JsonObject>(chart);
        var png = Executed.Text(notebook.Outputs(9).Single()["data"]!["image/png"]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(png)[..4]);
    }

    internal const string TinyPngBase64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhhdAAAAAElFTkSuQmCC";
}
