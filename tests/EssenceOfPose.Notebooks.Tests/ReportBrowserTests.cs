using Microsoft.Playwright;

namespace EssenceOfPose.Notebooks.Tests;

/// <summary>A test that opens the report in Debian's headless Chromium, skipped with the reason where
/// that browser or the local plotly.js is missing (Playwright cannot download its own here).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium))
            Skip = $"{Chromium} is not installed (apt-get install chromium), so the report is not checked in a browser.";
        else if (PlotlyScript.Find() is null)
            Skip = "plotly.js-dist-min is not installed under .tools/node_modules (nor named by $EOP_PLOTLY_JS), so the report cannot draw charts offline.";
    }
}

[Trait("Category", "Browser")]
[Collection(ReportRun.Collection)]
public sealed class ReportBrowserTests(ReportRun run)
{
    private static readonly string[] s_chromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    [BrowserFact]
    public async Task The_report_draws_every_image_and_chart_offline_without_console_errors()
    {
        Assert.True(run.Summary.Notebooks[0].Status == NotebookStatus.Ok, run.Summary.Notebooks[0].Message);
        var folder = Path.Combine(run.Workspace.Folder, "browser");
        var index = run.Rerender(folder, PlotlyScript.Find());

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFactAttribute.Chromium,
            Headless = true,
            Args = s_chromiumArgs,
        });
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var network = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) => { if (!request.Url.StartsWith("file:", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal)) network.Add(request.Url); };

        await page.GotoAsync(new Uri(Path.Combine(folder, "figures.html")).AbsoluteUri);
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('div.plotly-chart')].every(div => div.querySelector('.main-svg'))",
            null, new() { Timeout = 60_000 });

        var imageWidths = await page.EvalOnSelectorAllAsync<int[]>("img", "images => images.map(i => i.complete ? i.naturalWidth : 0)");
        Assert.NotEmpty(imageWidths);
        Assert.All(imageWidths, width => Assert.True(width > 0, "an image did not decode"));
        var drawn = await page.EvalOnSelectorAllAsync<bool[]>("div.plotly-chart", "charts => charts.map(c => c.querySelector('.main-svg') !== null)");
        Assert.Equal(3, drawn.Length);
        Assert.Equal(2, imageWidths.Length);
        Assert.All(drawn, chartDrawn => Assert.True(chartDrawn, "a chart was not drawn"));
        Assert.Equal(1, await page.Locator("table.metric-table").CountAsync());
        Assert.Equal("Figures", await page.Locator("section.markdown h1").InnerTextAsync());

        await page.GotoAsync(new Uri(index).AbsoluteUri);
        Assert.Equal(1, await page.Locator("a[href='figures.html']").CountAsync());

        Assert.Empty(errors);
        Assert.Empty(network);
    }
}
