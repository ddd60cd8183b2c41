using Plotly.NET;
using Plotly.NET.LayoutObjects;
using Plotly.NET.TraceObjects;
using PlotlyNet = Plotly.NET.CSharp.Chart;
using PlotlyNetFs = Plotly.NET.Chart;

namespace EssenceOfPose.Display;

/// <summary>Typed factories for the charts the experiments draw, built with Plotly.NET: lines,
/// scatters, bars, heatmaps, images and parallel coordinates, and <see cref="Combine"/> to put
/// several on one figure.</summary>
public static class Chart
{
    /// <summary>The traces of all charts on one figure; the layout is the first chart's,
    /// completed by settings only the later ones have.</summary>
    public static PlotlyChart Combine(params PlotlyChart[] charts)
    {
        if (charts.Length == 0) throw new ArgumentException("Nothing to combine.", nameof(charts));
        return new PlotlyChart(() =>
        {
            var built = charts.Select(c => c.ToGenericChart()).ToArray();
            // Plotly.NET's combine lets later layouts win; folding from the last chart to the first
            // (Layout.combine writes its second argument over its first) lets the first win instead.
            var layout = built.Select(GenericChart.getLayout).Reverse().Aggregate(Layout.combine);
            return GenericChart.setLayout(layout, PlotlyNet.Combine(built));
        });
    }

    public static PlotlyChart Line(IEnumerable<double> y, string? name = null) =>
        Line(Indices(y, out var values), values, name);

    public static PlotlyChart Line(IEnumerable<double> x, IEnumerable<double> y, string? name = null)
    {
        var (xs, ys) = Pairs(x, y);
        return new(() => PlotlyNet.Line<IConvertible, IConvertible, string>(xs, ys, Name: Optional(name), UseDefaults: false));
    }

    public static PlotlyChart Scatter(IEnumerable<double> x, IEnumerable<double> y, string? name = null, IEnumerable<string>? labels = null)
    {
        var (xs, ys) = Pairs(x, y);
        string[]? text = labels is null ? null : [.. labels];
        return new(() => PlotlyNet.Scatter<IConvertible, IConvertible, string>(xs, ys, StyleParam.Mode.Markers,
            Name: Optional(name), MultiText: Optional<IEnumerable<string>>(text), UseDefaults: false));
    }

    /// <summary>Vertical bars, one per category (Plotly.NET's Column; its Bar is horizontal).</summary>
    public static PlotlyChart Bar(IEnumerable<string> categories, IEnumerable<double> values, string? name = null)
    {
        string[] keys = [.. categories];
        var heights = Gaps(values);
        if (keys.Length != heights.Length) throw new ArgumentException($"{keys.Length} categories but {heights.Length} values.", nameof(values));
        return new(() => PlotlyNet.Column<IConvertible, string, string>(heights, Keys: keys, Name: Optional(name), UseDefaults: false));
    }

    /// <summary>z[row, column]; optional labels for the columns (x) and rows (y); any plotly.js colour scale name.</summary>
    public static PlotlyChart Heatmap(double[,] z, IEnumerable<string>? x = null, IEnumerable<string>? y = null, string colorScale = "Viridis")
    {
        var rows = Enumerable.Range(0, z.GetLength(0)).Select(r => Gaps(Enumerable.Range(0, z.GetLength(1)).Select(c => z[r, c]))).ToArray();
        string[]? columns = x is null ? null : [.. x], labels = y is null ? null : [.. y];
        return new(() =>
        {
            // Row 0 on top, as in an image or a confusion matrix.
            var chart = PlotlyNet.Heatmap<IConvertible, string, string, string>(rows, X: Optional<IEnumerable<string>>(columns),
                Y: Optional<IEnumerable<string>>(labels), ReverseYAxis: true, UseDefaults: false);
            // Set by name: plotly.js knows more scales than Plotly.NET's Colorscale cases.
            foreach (var trace in GenericChart.getTraces(chart)) trace.SetProperty("colorscale", colorScale);
            return chart;
        });
    }

    /// <summary>An RGB image from interleaved bytes (row-major, height × width × 3).</summary>
    public static PlotlyChart Image(ReadOnlySpan<byte> rgb, int width, int height)
    {
        if (width <= 0 || height <= 0 || rgb.Length != width * height * 3)
            throw new ArgumentException($"Expected {width}×{height}×3 = {width * height * 3} bytes, got {rgb.Length}.", nameof(rgb));
        var bytes = rgb.ToArray();
        var rows = Enumerable.Range(0, height).Select(r => Enumerable.Range(0, width)
            .Select(c => new int[] { bytes[(r * width + c) * 3], bytes[(r * width + c) * 3 + 1], bytes[(r * width + c) * 3 + 2] }).ToArray()).ToArray();
        return new(() =>
        {
            // plotly.js itself reverses y and makes pixels square for image traces; only the ticks go.
            var chart = PlotlyNet.Image<string>(Z: rows, UseDefaults: false);
            chart = PlotlyNetFs.withXAxis(NoTickLabels(), null).Invoke(chart);
            return PlotlyNetFs.withYAxis(NoTickLabels(), null).Invoke(chart);
        });
    }

    /// <summary>One vertical axis per dimension; lines coloured by <paramref name="color"/> when given.</summary>
    public static PlotlyChart ParallelCoordinates(IEnumerable<(string Label, IReadOnlyList<double> Values)> dimensions, IReadOnlyList<double>? color = null)
    {
        var axes = new List<(string Label, IConvertible[] Values)>();
        foreach (var (label, values) in dimensions)
        {
            if (axes.Count > 0 && values.Count != axes[0].Values.Length)
                throw new ArgumentException($"Dimension '{label}' has {values.Count} values, the others {axes[0].Values.Length}.", nameof(dimensions));
            axes.Add((label, Gaps(values)));
        }
        var colors = color is null ? null : Gaps(color);
        return new(() =>
        {
            // Dimension.initParallel's optional arguments are F# options C# must all spell out; setting the two we need is clearer.
            var dims = axes.Select(a =>
            {
                var d = new Dimension();
                d.SetProperty("label", a.Label);
                d.SetProperty("values", a.Values);
                return d;
            });
            return colors is null
                ? PlotlyNet.ParallelCoord(dims, UseDefaults: false)
                : PlotlyNet.ParallelCoord(dims, LineColor: Color.fromColorScaleValues(colors), LineColorScale: StyleParam.Colorscale.Viridis,
                    ShowLineColorScale: true, UseDefaults: false);
        });
    }

    private static LinearAxis NoTickLabels()
    {
        var axis = new LinearAxis();
        axis.SetProperty("showticklabels", false);
        return axis;
    }

    // A null would be written out ("name": null); an unset Optional leaves the entry out.
    private static Plotly.NET.CSharp.Optional<T> Optional<T>(T? value) where T : class => value is null ? default : new(value, true);

    private static (IConvertible[] X, IConvertible[] Y) Pairs(IEnumerable<double> x, IEnumerable<double> y)
    {
        var xs = Gaps(x);
        var ys = Gaps(y);
        if (xs.Length != ys.Length) throw new ArgumentException($"x has {xs.Length} values but y has {ys.Length}.", nameof(y));
        return (xs, ys);
    }

    private static IEnumerable<double> Indices(IEnumerable<double> y, out IReadOnlyList<double> values)
    {
        values = [.. y];
        return Enumerable.Range(0, values.Count).Select(i => (double)i);
    }

    // Plotly.NET writes NaN as the string "NaN"; null is what plotly.js draws as a gap, which is
    // what a diverged run should show. The element type is IConvertible so that null can stand in.
    private static IConvertible[] Gaps(IEnumerable<double> values) => [.. values.Select(v => double.IsFinite(v) ? (IConvertible)v : null!)];
}
