using System.Text.Json.Nodes;
using EssenceOfPose.Display;

namespace EssenceOfPose.Tests.Display;

public sealed class ChartTests
{
    private static JsonObject Figure(PlotlyChart chart) => JsonNode.Parse(chart.ToJson())!.AsObject();

    private static JsonObject Trace(PlotlyChart chart, int index = 0) => Figure(chart)["data"]![index]!.AsObject();

    // Plotly.NET writes 1 as 1.0, so numbers are compared as values, not as text.
    private static double?[] Numbers(JsonNode? array) => [.. array!.AsArray().Select(v => v is null ? (double?)null : (double)v)];

    private static IEnumerable<string?> Strings(JsonNode? array) => array!.AsArray().Select(v => (string?)v);

    [Fact]
    public void A_line_of_values_is_drawn_against_their_indices_and_gaps_for_non_finite_values()
    {
        var trace = Trace(Chart.Line([1.0, double.NaN, 3.0, double.PositiveInfinity], "loss"));
        Assert.Equal("scatter", (string?)trace["type"]);
        Assert.Equal("lines", (string?)trace["mode"]);
        Assert.Equal("loss", (string?)trace["name"]);
        Assert.Equal([0, 1, 2, 3], Numbers(trace["x"]));
        Assert.Equal([1, null, 3, null], Numbers(trace["y"]));
        Assert.False(Trace(Chart.Line([1.0])).ContainsKey("name"));
        Assert.Throws<ArgumentException>(() => Chart.Line([1.0, 2.0], [1.0]));
    }

    [Fact]
    public void Scatter_and_bar_carry_their_data()
    {
        var scatter = Trace(Chart.Scatter([1.0, 2.0], [3.0, 4.0], labels: ["a", "b"]));
        Assert.Equal("markers", (string?)scatter["mode"]);
        Assert.Equal([3, 4], Numbers(scatter["y"]));
        Assert.Equal(["a", "b"], Strings(scatter["text"]));
        var bar = Trace(Chart.Bar(["conv1", "fc6"], [0.5, double.NaN], "share"));
        Assert.Equal("bar", (string?)bar["type"]);
        Assert.Equal("share", (string?)bar["name"]);
        Assert.Equal(["conv1", "fc6"], Strings(bar["x"])); // vertical bars: categories along x
        Assert.Equal([0.5, null], Numbers(bar["y"]));
        Assert.Throws<ArgumentException>(() => Chart.Scatter([1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => Chart.Bar(["a"], [1.0, 2.0]));
    }

    [Fact]
    public void A_heatmap_keeps_rows_and_puts_row_zero_on_top()
    {
        var chart = Chart.Heatmap(new double[,] { { 1, 2, 3 }, { 4, double.NaN, 6 } }, x: ["a", "b", "c"], y: ["r0", "r1"], colorScale: "Greys");
        var trace = Trace(chart);
        Assert.Equal("heatmap", (string?)trace["type"]);
        Assert.Equal([1, 2, 3], Numbers(trace["z"]![0]));
        Assert.Equal([4, null, 6], Numbers(trace["z"]![1]));
        Assert.Equal(["a", "b", "c"], Strings(trace["x"]));
        Assert.Equal(["r0", "r1"], Strings(trace["y"]));
        Assert.Equal("Greys", (string?)trace["colorscale"]);
        Assert.Equal("reversed", (string?)Figure(chart)["layout"]!["yaxis"]!["autorange"]);
        Assert.Equal("Viridis", (string?)Trace(Chart.Heatmap(new double[,] { { 1 } }))["colorscale"]);
    }

    [Fact]
    public void An_image_is_rows_of_rgb_pixels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0];
        var chart = Chart.Image(rgb, width: 2, height: 1);
        var trace = Trace(chart);
        Assert.Equal("image", (string?)trace["type"]);
        Assert.Equal("[[[255,0,0],[0,255,0]]]", trace["z"]!.ToJsonString());
        Assert.False((bool)Figure(chart)["layout"]!["xaxis"]!["showticklabels"]!);
        Assert.Throws<ArgumentException>(() => Chart.Image(rgb, width: 2, height: 2));
    }

    [Fact]
    public void Parallel_coordinates_have_one_axis_per_dimension_of_equal_length()
    {
        var trace = Trace(Chart.ParallelCoordinates([("lr", [0.1, 0.01]), ("loss", [0.5, double.NaN])], color: [0.5, 0.4]));
        Assert.Equal("parcoords", (string?)trace["type"]);
        Assert.Equal(["lr", "loss"], trace["dimensions"]!.AsArray().Select(d => (string?)d!["label"]));
        Assert.Equal([0.5, null], Numbers(trace["dimensions"]![1]!["values"]));
        Assert.Equal([0.5, 0.4], Numbers(trace["line"]!["color"]));
        Assert.Null(Trace(Chart.ParallelCoordinates([("a", [1.0])]))["line"]?["color"]);
        Assert.Throws<ArgumentException>(() => Chart.ParallelCoordinates([("a", [1.0]), ("b", [1.0, 2.0])]));
    }

    [Fact]
    public void Layout_settings_return_new_charts_and_combining_keeps_the_first_layout()
    {
        var plain = Chart.Line([1.0, 2.0]);
        var titled = plain.WithTitle("loss").WithAxisTitles("step", "value").WithSize(640, 480);
        Assert.Null(Figure(plain)["layout"]!["title"]);
        var layout = Figure(titled)["layout"]!;
        Assert.Equal("loss", (string?)layout["title"]!["text"]);
        Assert.Equal("step", (string?)layout["xaxis"]!["title"]!["text"]);
        Assert.Equal("value", (string?)layout["yaxis"]!["title"]!["text"]);
        Assert.Equal(640, (int?)layout["width"]);

        var combined = Chart.Combine(titled, Chart.Bar(["a"], [1.0]).WithTitle("ignored").WithLayout("barmode", "group"));
        Assert.Equal(2, combined.TraceCount);
        Assert.Equal(["scatter", "bar"], Figure(combined)["data"]!.AsArray().Select(t => (string?)t!["type"]));
        Assert.Equal("loss", (string?)Figure(combined)["layout"]!["title"]!["text"]);
        Assert.Equal("group", (string?)Figure(combined)["layout"]!["barmode"]);
        Assert.Equal("loss", (string?)Figure(titled)["layout"]!["title"]!["text"]); // combining changed no input
        Assert.Throws<ArgumentException>(() => Chart.Combine());
    }

    [Fact]
    public void Combining_keeps_every_trace_of_every_chart()
    {
        var pair = Chart.Combine(Chart.Line([1.0], "a"), Chart.Line([2.0], "b"));
        var all = Chart.Combine(pair, Chart.Scatter([0.0], [3.0], "c"));
        Assert.Equal(3, all.TraceCount);
        Assert.Equal(["a", "b", "c"], Figure(all)["data"]!.AsArray().Select(t => (string?)t!["name"]));
    }

    [Fact]
    public void A_raw_layout_entry_replaces_what_was_there()
    {
        var chart = Chart.Line([1.0, 10.0]).WithAxisTitles(y: "value")
            .WithLayout("yaxis", new JsonObject { ["type"] = "log", ["title"] = new JsonObject { ["text"] = "value (log)" } });
        var yaxis = Figure(chart)["layout"]!["yaxis"]!;
        Assert.Equal("log", (string?)yaxis["type"]);
        Assert.Equal("value (log)", (string?)yaxis["title"]!["text"]);
    }

    [Fact]
    public void The_json_is_plotly_nets_figure_with_data_and_layout_only()
    {
        var chart = Chart.Line([1.0, 2.0]).WithTitle("t");
        Assert.Equal(["data", "layout"], Figure(chart).Select(p => p.Key));
        var generic = chart.ToGenericChart();
        Assert.Equal(1, Plotly.NET.GenericChart.countTrace(generic));
        Plotly.NET.GenericChart.getLayout(generic).SetProperty("width", 100); // a fresh copy: the chart is unchanged
        Assert.Null(Figure(chart)["layout"]!["width"]);
    }

    [Fact]
    public void The_html_fallback_loads_plotly_and_draws_the_same_figure()
    {
        var chart = Chart.Line([1.0, 2.0]).WithTitle("</script><b>");
        var html = chart.ToHtml();
        Assert.Contains($"<script src=\"{PlotlyChart.PlotlyScriptUrl}\"></script>", html);
        Assert.Contains("Plotly.newPlot(", html);
        Assert.DoesNotContain("</script><b>", html); // the JSON escapes '<', so a title cannot end the script
        Assert.Equal("loss chart", Chart.Line([1.0]).WithTitle("loss chart").ToString().Split('"')[1]);
        Assert.StartsWith("Plotly chart: scatter, bar", Chart.Combine(Chart.Line([1.0]), Chart.Bar(["a"], [1.0])).ToString());
    }
}
