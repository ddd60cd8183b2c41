using System.Text.Json.Nodes;

namespace EssenceOfPose.Display;

/// <summary>Typed factories for the Plotly charts the experiments draw: lines, scatters, bars,
/// heatmaps, images and parallel coordinates, and <see cref="Combine"/> to put several on one figure.</summary>
public static class Chart
{
    /// <summary>The traces of all charts on one figure; the layout is the first chart's,
    /// completed by settings only the later ones have.</summary>
    public static PlotlyChart Combine(params PlotlyChart[] charts)
    {
        if (charts.Length == 0) throw new ArgumentException("Nothing to combine.", nameof(charts));
        var layout = new JsonObject();
        foreach (var chart in charts)
            foreach (var (key, value) in chart.Layout)
                if (!layout.ContainsKey(key)) layout[key] = value?.DeepClone();
        return new PlotlyChart(charts.SelectMany(c => c.Traces), layout);
    }

    public static PlotlyChart Line(IEnumerable<double> y, string? name = null) =>
        Line(Indices(y, out var values), values, name);

    public static PlotlyChart Line(IEnumerable<double> x, IEnumerable<double> y, string? name = null) =>
        Single(XY("scatter", x, y, name, "lines"));

    public static PlotlyChart Scatter(IEnumerable<double> x, IEnumerable<double> y, string? name = null, IEnumerable<string>? labels = null)
    {
        var trace = XY("scatter", x, y, name, "markers");
        if (labels is not null) trace["text"] = Strings(labels);
        return Single(trace);
    }

    public static PlotlyChart Bar(IEnumerable<string> categories, IEnumerable<double> values, string? name = null)
    {
        var trace = new JsonObject { ["type"] = "bar", ["x"] = Strings(categories), ["y"] = Numbers(values) };
        if (name is not null) trace["name"] = name;
        return Single(trace);
    }

    /// <summary>z[row, column]; optional labels for the columns (x) and rows (y).</summary>
    public static PlotlyChart Heatmap(double[,] z, IEnumerable<string>? x = null, IEnumerable<string>? y = null, string colorScale = "Viridis")
    {
        var rows = new JsonArray();
        for (var r = 0; r < z.GetLength(0); r++)
            rows.Add(Numbers(Enumerable.Range(0, z.GetLength(1)).Select(c => z[r, c])));
        var trace = new JsonObject { ["type"] = "heatmap", ["z"] = rows, ["colorscale"] = colorScale };
        if (x is not null) trace["x"] = Strings(x);
        if (y is not null) trace["y"] = Strings(y);
        // Row 0 on top, as in an image or a confusion matrix.
        return Single(trace, new JsonObject { ["yaxis"] = new JsonObject { ["autorange"] = "reversed" } });
    }

    /// <summary>An RGB image from interleaved bytes (row-major, height × width × 3).</summary>
    public static PlotlyChart Image(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (width <= 0 || height <= 0 || rgb.Length != width * height * 3)
            throw new ArgumentException($"Expected {width}×{height}×3 = {width * height * 3} bytes, got {rgb.Length}.", nameof(rgb));
        var rows = new JsonArray();
        for (var r = 0; r < height; r++)
        {
            var row = new JsonArray();
            for (var c = 0; c < width; c++)
            {
                var i = (r * width + c) * 3;
                row.Add(new JsonArray(rgb[i], rgb[i + 1], rgb[i + 2]));
            }
            rows.Add(row);
        }
        var square = new JsonObject { ["scaleanchor"] = "x", ["showticklabels"] = false };
        return Single(new JsonObject { ["type"] = "image", ["z"] = rows },
            new JsonObject { ["xaxis"] = new JsonObject { ["showticklabels"] = false }, ["yaxis"] = square });
    }

    /// <summary>One vertical axis per dimension; lines coloured by <paramref name="color"/> when given.</summary>
    public static PlotlyChart ParallelCoordinates(IEnumerable<(string Label, IReadOnlyList<double> Values)> dimensions, IReadOnlyList<double>? color = null)
    {
        var axes = new JsonArray();
        int? length = null;
        foreach (var (label, values) in dimensions)
        {
            if (length is int n && values.Count != n)
                throw new ArgumentException($"Dimension '{label}' has {values.Count} values, the others {n}.", nameof(dimensions));
            length = values.Count;
            axes.Add(new JsonObject { ["label"] = label, ["values"] = Numbers(values) });
        }
        var trace = new JsonObject { ["type"] = "parcoords", ["dimensions"] = axes };
        if (color is not null) trace["line"] = new JsonObject { ["color"] = Numbers(color), ["colorscale"] = "Viridis", ["showscale"] = true };
        return Single(trace);
    }

    private static PlotlyChart Single(JsonObject trace, JsonObject? layout = null) => new([trace], layout ?? []);

    private static JsonObject XY(string type, IEnumerable<double> x, IEnumerable<double> y, string? name, string mode)
    {
        var xs = Numbers(x);
        var ys = Numbers(y);
        if (xs.Count != ys.Count) throw new ArgumentException($"x has {xs.Count} values but y has {ys.Count}.", nameof(y));
        var trace = new JsonObject { ["type"] = type, ["mode"] = mode, ["x"] = xs, ["y"] = ys };
        if (name is not null) trace["name"] = name;
        return trace;
    }

    private static IEnumerable<double> Indices(IEnumerable<double> y, out IReadOnlyList<double> values)
    {
        values = [.. y];
        return Enumerable.Range(0, values.Count).Select(i => (double)i);
    }

    // JSON has no NaN or infinity; Plotly draws null as a gap, which is what a diverged run should show.
    private static JsonArray Numbers(IEnumerable<double> values) =>
        [.. values.Select(v => double.IsFinite(v) ? JsonValue.Create(v) : null)];

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => JsonValue.Create(v))];
}
