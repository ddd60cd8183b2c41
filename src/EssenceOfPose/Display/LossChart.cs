using System.Text.Json.Nodes;

namespace EssenceOfPose.Display;

/// <summary>
/// Loss curves: one line per named series against the step, as an optimisation's per-term
/// history gives them (<c>InvertedImage.LossHistory</c>). The vertical axis is logarithmic when
/// every value is positive, since the terms of an inversion differ by orders of magnitude, and
/// linear otherwise (maximisation losses are negative activations).
/// </summary>
public static class LossChart
{
    public static PlotlyChart Of(IEnumerable<KeyValuePair<string, double[]>> series, string title = "loss per term", string xTitle = "step")
    {
        var list = series.ToArray();
        if (list.Length == 0) throw new ArgumentException("no series to draw", nameof(series));
        var logarithmic = list.All(s => s.Value.Where(double.IsFinite).All(v => v > 0));
        var chart = Chart.Combine([.. list.Select(s => Chart.Line(s.Value, s.Key))])
            .WithTitle(title).WithAxisTitles(xTitle, logarithmic ? "value (log scale)" : "value");
        return logarithmic ? chart.WithLayout("yaxis", new JsonObject { ["type"] = "log", ["title"] = new JsonObject { ["text"] = "value (log scale)" } }) : chart;
    }

    /// <summary>One series per step, from a list of values (a dream's objective, say).</summary>
    public static PlotlyChart Of(string name, IEnumerable<double> values, string title, string xTitle = "step") =>
        Of([new KeyValuePair<string, double[]>(name, [.. values])], title, xTitle);
}
