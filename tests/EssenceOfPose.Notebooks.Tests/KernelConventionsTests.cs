using System.Text.Json.Nodes;

namespace EssenceOfPose.Notebooks.Tests;

/// <summary>Runs one notebook exercising the C# kernel's conventions, once for all tests here.</summary>
public sealed class ConventionsNotebook : IAsyncLifetime
{
    private readonly Workspace _workspace = new();

    internal JsonObject Executed { get; private set; } = [];

    internal NotebookRunSummary Summary { get; private set; } = null!;

    internal static TestNotebook Notebook => new TestNotebook()
        .Markdown("# Conventions\nWhat a cell sees in the C# kernel.")                 // 1
        .Code("var greeting = \"hello\";")                                              // 2
        .Code("greeting.Length")                                                        // 3
        .Code("greeting.ToUpper();")                                                    // 4
        .Code("Console.WriteLine(\"to stdout\");\nConsole.Error.WriteLine(\"to stderr\");\nawait Task.Delay(20);\nawait Task.Run(() => Console.WriteLine(\"from another thread\"));") // 5
        .Code("#load \"tiny-png.csx\"")                                                 // 6
        .Code("new TinyPng()")                                                          // 7
        .Code($"{Workspace.Reference("EssenceOfPose.dll")}\nusing EssenceOfPose.Display;\nnew Html(\"<b>bold</b>\")") // 8
        .Code("new MetricTable(\"layer\", \"loss\").AddRow(\"conv1\", 0.123456)")       // 9
        .Code("Chart.Line([1.0, 4.0, 9.0]).WithTitle(\"squares\")")                    // 10
        .Code("display(new Html(\"<i>a</i>\"));\ndisplay(7);")                          // 11
        .Code("int Twice(int x) => x * 2;")                                             // 12
        .Code("Twice(greeting.Length)")                                                 // 13
        .Code($"{Workspace.Reference("Plotly.NET.CSharp.dll")}\nPlotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] {{ 1.0, 2.0 }}, y: new[] {{ 3.0, 4.0 }})") // 14
        .Code("(string?)null")                                                          // 15
        .Code("Console.WriteLine(\"void call\")")                                       // 16
        .Code("Get-Process | Select-Object -First 1", language: "pwsh")                 // 17
        .Code("#!csharp\nvar magic = 1;\nmagic + 1")                                    // 18
        .Code("Microsoft.DotNet.Interactive.KernelInvocationContext.Current.CancellationToken.CanBeCanceled") // 19
        .Code("// a comment first\n#r \"lib/Markdig.dll\"\nMarkdig.Markdown.ToHtml(\"*x*\").Trim()") // 20
        .Code("System.IO.File.Exists(\"tiny-png.csx\")")                                // 21
        .Raw("a raw cell is left alone");                                               // 22

    public async Task InitializeAsync()
    {
        _workspace.CopyFixture("tiny-png.csx");
        _workspace.Copy(Path.Combine(AppContext.BaseDirectory, "Markdig.dll"), Path.Combine("lib", "Markdig.dll"));
        var path = _workspace.Write(Notebook);
        Summary = await _workspace.RunAsync(_workspace.Options(), path);
        Executed = _workspace.Executed();
    }

    public Task DisposeAsync()
    {
        _workspace.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class KernelConventionsTests(ConventionsNotebook run) : IClassFixture<ConventionsNotebook>
{
    // The injected parameters cell (Profile) goes first when no cell is tagged `parameters`,
    // so the notebook's own cell N is cell N + 1 of the executed copy.
    private JsonArray Outputs(int ownCell) => run.Executed.Outputs(ownCell + 1);

    // A cell's last expression is an execute_result, as in Jupyter.
    private static JsonObject Result(JsonNode? output)
    {
        Assert.Equal("execute_result", (string?)output?["output_type"]);
        return output!.AsObject();
    }

    private static JsonObject DisplayData(JsonNode? output)
    {
        Assert.Equal("display_data", (string?)output?["output_type"]);
        return output!.AsObject();
    }

    [Fact]
    public void The_notebook_runs_to_the_end()
    {
        var result = Assert.Single(run.Summary.Notebooks);
        Assert.True(result.Status == NotebookStatus.Ok, $"{result.FailedCell}: {result.Message}");
        Assert.Equal(0, run.Summary.ExitCode);
    }

    [Fact]
    public void A_trailing_expression_shows_its_value() => Assert.Equal("5", Result(Outputs(3).Single()).Shown());

    [Fact]
    public void A_trailing_semicolon_or_a_statement_shows_nothing()
    {
        Assert.Empty(Outputs(2));
        Assert.Empty(Outputs(4));
        Assert.Empty(Outputs(12));
    }

    [Fact]
    public void A_void_call_without_semicolon_shows_only_what_it_printed()
    {
        var output = Outputs(16).Single();
        Assert.Equal("stream", (string?)output["output_type"]);
        Assert.Equal("void call\n", Executed.Text(output["text"]));
    }

    [Fact]
    public void Stdout_and_stderr_become_streams_in_order_even_across_threads()
    {
        var streams = Outputs(5).Select(o => ((string?)o!["name"], Executed.Text(o["text"]))).ToList();
        Assert.All(Outputs(5), o => Assert.Equal("stream", (string?)o!["output_type"]));
        Assert.Equal([("stdout", "to stdout\n"), ("stderr", "to stderr\n"), ("stdout", "from another thread\n")], streams);
    }

    [Fact]
    public void State_carries_from_cell_to_cell() => Assert.Equal("10", Result(Outputs(13).Single()).Shown());

    [Fact]
    public void A_convention_formatter_of_a_loaded_script_gives_base64_png()
    {
        var output = Result(Outputs(7).Single());
        var png = Convert.FromBase64String(output.Data("image/png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void The_formatters_a_referenced_library_declares_display_its_types_in_their_preferred_mime_types()
    {
        var html = Result(Outputs(8).Single());
        Assert.Equal("<b>bold</b>", html.Data("text/html"));
        var table = Result(Outputs(9).Single());
        Assert.Contains("<td style=\"text-align:right\">0.1235</td>", table.Data("text/html"));
    }

    [Fact]
    public void A_chart_of_the_library_is_stored_as_plotly_json_with_an_html_fallback()
    {
        var data = Result(Outputs(10).Single())["data"]!.AsObject();
        var figure = data["application/vnd.plotly.v1+json"]!.AsObject(); // a JSON object, not lines of text
        Assert.Equal("squares", (string?)figure["layout"]?["title"]?["text"]);
        Assert.Equal([1.0, 4.0, 9.0], figure["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Contains("Plotly.newPlot", Executed.Text(data["text/html"]));
    }

    [Fact]
    public void A_plotly_net_chart_displays_through_plotly_net_interactive_and_keeps_its_figure()
    {
        var data = Result(Outputs(14).Single())["data"]!.AsObject();
        Assert.Contains("text/html", data.Select(p => p.Key));
        Assert.Equal([3.0, 4.0], data["application/vnd.plotly.v1+json"]!["data"]![0]!["y"]!.AsArray().Select(v => (double)v!));
    }

    [Fact]
    public void Display_shows_each_value_and_the_semicolon_adds_nothing()
    {
        var outputs = Outputs(11);
        Assert.Equal(2, outputs.Count);
        Assert.Equal("<i>a</i>", DisplayData(outputs[0]).Data("text/html"));
        Assert.Equal("7", DisplayData(outputs[1]).Shown());
    }

    [Fact]
    public void A_null_value_shows_as_in_the_kernel() => Assert.Equal("<null>", Result(Outputs(15).Single()).Shown());

    [Fact]
    public void A_cell_in_another_language_is_skipped_with_a_note()
    {
        Assert.Empty(Outputs(17));
        Assert.Null((int?)run.Executed.Cell(18)["execution_count"]);
        Assert.Contains(run.Summary.Notebooks[0].Notes, n => n.Contains("Cell 18") && n.Contains("pwsh"));
    }

    [Fact]
    public void A_csharp_magic_line_selects_the_csharp_kernel() => Assert.Equal("2", Result(Outputs(18).Single()).Shown());

    [Fact]
    public void Cells_see_a_cancellation_token() => Assert.Equal("True", Result(Outputs(19).Single()).Shown());

    [Fact]
    public void A_dll_referenced_relative_to_the_notebook_is_loaded() =>
        Assert.Equal("<p><em>x</em></p>", Result(Outputs(20).Single()).Shown());

    [Fact]
    public void Cells_run_in_the_notebook_folder() => Assert.Equal("True", Result(Outputs(21).Single()).Shown());

    [Fact]
    public void A_raw_cell_stays_raw()
    {
        var cell = run.Executed.Cell(23);
        Assert.Equal("raw", (string?)cell["cell_type"]);
        Assert.Equal("text/plain", (string?)cell["metadata"]!["format"]);
        Assert.False(cell.ContainsKey("outputs"));
    }

    [Fact]
    public void Execution_counts_number_the_executed_cells()
    {
        var counts = run.Executed["cells"]!.AsArray().Select(c => (int?)c!["execution_count"]).OfType<int>().ToList();
        Assert.Equal(Enumerable.Range(1, counts.Count), counts);
        Assert.All(run.Executed["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []).Where(o => (string?)o!["output_type"] == "execute_result"),
            o => Assert.NotNull((int?)o!["execution_count"]));
    }
}
