using System.Text.Json.Nodes;
using EssenceOfPose.Display;

namespace EssenceOfPose.Tests.Display;

public sealed class LossChartTests
{
    static JsonNode Figure(PlotlyChart chart) => JsonNode.Parse(chart.ToJson())!;

    [Fact]
    public void Positive_losses_get_one_line_per_term_on_a_log_axis()
    {
        var history = new Dictionary<string, double[]> { ["feature_match(fc5)"] = [1, 0.5, 0.25], ["0.0066*tv(β=2,iso)"] = [1e-3, 2e-3, 3e-3] };
        var figure = Figure(LossChart.Of(history));
        Assert.Equal(2, figure["data"]!.AsArray().Count);
        Assert.Equal("feature_match(fc5)", (string?)figure["data"]![0]!["name"]);
        Assert.Equal("log", (string?)figure["layout"]!["yaxis"]!["type"]);
    }

    [Fact]
    public void Negative_or_zero_values_keep_a_linear_axis()
    {
        var figure = Figure(LossChart.Of("-fc5[3]", [0.0, -1, -2], "activation"));
        Assert.Null(figure["layout"]!["yaxis"]!["type"]);
        Assert.Throws<ArgumentException>(() => LossChart.Of([]));
    }
}
