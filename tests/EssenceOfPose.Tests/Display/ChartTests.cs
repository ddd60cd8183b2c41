using System.Text.Json.Nodes;
using EssenceOfPose.Display;

namespace EssenceOfPose.Tests.Display;

public sealed class ChartTests
{
    private static JsonObject Figure(PlotlyChart chart) => JsonNode.Parse(chart.ToJson())!.AsObject();

    private static JsonObject Trace(PlotlyChart chart, int index = 0) => Figure(chart)["data"]![index]!.AsObject();

    [Fact]
    public void A_line_of_values_is_drawn_against_their_indices_and_gaps_for_non_finite_values()
    {
        var trace = Trace(Chart.Line([1.0, double.NaN, 3.0], "loss"));
        Assert.Equal("scatter", (string?)trace["type"]);
        Assert.Equal("lines", (string?)trace["mode"]);
        Assert.Equal("loss", (string?)trace["name"]);
        Assert.Equal("[0,1,2]", trace["x"]!.ToJsonString());
        Assert.Equal("[1,null,3]", trace["y"]!.ToJsonString());
    }

    [Fact]
    public void Scatter_and_bar_carry_their_data()
    {
        var scatter = Trace(Chart.Scatter([1.0, 2.0], [3.0, 4.0], labels: ["a", "b"]));
        Assert.Equal("markers", (string?)scatter["mode"]);
        Assert.Equal("[\"a\",\"b\"]", scatter["text"]!.ToJsonString());
        var bar = Trace(Chart.Bar(["conv1", "fc6"], [0.5, 0.25]));
        Assert.Equal("bar", (string?)bar["type"]);
        Assert.Equal("[\"conv1\",\"fc6\"]", bar["x"]!.ToJsonString());
        Assert.Throws<ArgumentException>(() => Chart.Scatter([1.0], [1.0, 2.0]));
    }

    [Fact]
    public void A_heatmap_keeps_rows_and_puts_row_zero_on_top()
    {
        var chart = Chart.Heatmap(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, x: ["a", "b", "c"]);
        Assert.Equal("[[1,2,3],[4,5,6]]", Trace(chart)["z"]!.ToJsonString());
        Assert.Equal("reversed", (string?)Figure(chart)["layout"]!["yaxis"]!["autorange"]);
    }

    [Fact]
    public void An_image_is_rows_of_rgb_pixels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0];
        var trace = Trace(Chart.Image(rgb, width: 2, height: 1));
        Assert.Equal("image", (string?)trace["type"]);
        Assert.Equal("[[[255,0,0],[0,255,0]]]", trace["z"]!.ToJsonString());
        Assert.Throws<ArgumentException>(() => Chart.Image(rgb, width: 2, height: 2));
    }

    [Fact]
    public void Parallel_coordinates_have_one_axis_per_dimension_of_equal_length()
    {
        var trace = Trace(Chart.ParallelCoordinates([("lr", [0.1, 0.01]), ("loss", [0.5, 0.4])], color: [0.5, 0.4]));
        Assert.Equal("parcoords", (string?)trace["type"]);
        Assert.Equal(["lr", "loss"], trace["dimensions"]!.AsArray().Select(d => (string?)d!["label"]));
        Assert.Equal("[0.5,0.4]", trace["line"]!["color"]!.ToJsonString());
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
        Assert.Equal("loss", (string?)Figure(combined)["layout"]!["title"]!["text"]);
        Assert.Equal("group", (string?)Figure(combined)["layout"]!["barmode"]);
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
    }
}
