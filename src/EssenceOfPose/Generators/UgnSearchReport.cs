using System.Globalization;
using System.Text.Json.Nodes;
using EssenceOfPose.Display;

namespace EssenceOfPose.Generators;

/// <summary>
/// One schedule's account: trials written of those planned, images and seconds spent, the
/// configuration it picks (random search: its best trial; successive halving: the best of its
/// highest rung with results), and its best validation loss so far against images spent, trials in
/// rung and index order (so the curve does not depend on which worker finished first).
/// </summary>
public sealed record UgnScheduleSummary(UgnSchedule Schedule, int Trials, int PlannedTrials, double PlannedImages, long Images, double Seconds,
    UgnTrialResult? Pick, IReadOnlyList<double> CumulativeImages, IReadOnlyList<double> BestSoFar);

/// <summary>
/// The report of a UGN search folder: the best configurations, each schedule's account and which
/// found the better configuration for how much compute, and every trial (for the charts). A pure
/// function of the results files, so one worker or many give the same report, seconds aside.
/// </summary>
public sealed record UgnSearchReport(UgnSearchManifest Search, IReadOnlyList<UgnTrialResult> Best, IReadOnlyList<UgnScheduleSummary> Schedules,
    string Verdict, IReadOnlyList<UgnTrialResult> Trials)
{
    public static UgnSearchReport Build(UgnSearch search, int best = 10)
    {
        var manifest = UgnSearch.ReadManifest(search.ManifestPath);
        var trials = search.AllResults();
        var schedules = Enum.GetValues<UgnSchedule>().Select(s => Summary(search.Options, s, trials.Where(t => t.Schedule == s).ToArray())).ToArray();
        return new UgnSearchReport(manifest, [.. trials.OrderBy(t => t.Rank).ThenBy(t => t.Schedule).ThenBy(t => t.Rung).ThenBy(t => t.Trial).Take(best)],
            schedules, Judge(schedules), trials);
    }

    /// <summary>
    /// The configuration the search chose: the pick of <paramref name="schedule"/>, or, when null,
    /// of the schedule whose pick has the lower validation loss (the report's verdict).
    /// </summary>
    public (UgnSchedule Schedule, UgnTrialResult Pick) Chosen(UgnSchedule? schedule = null)
    {
        var candidates = Schedules.Where(s => s.Pick is not null && (schedule is null || s.Schedule == schedule)).OrderBy(s => s.Pick!.Rank).ToArray();
        if (candidates.Length == 0)
        {
            var which = schedule is { } s ? $"the {s.ToString().ToLowerInvariant()} schedule" : "either schedule";
            throw new ArgumentException($"{Search.Tap} search: {which} has no finished trial to choose from; run its trials first (eop search ugn)");
        }
        return (candidates[0].Schedule, candidates[0].Pick!);
    }

    static UgnScheduleSummary Summary(UgnSearchOptions o, UgnSchedule schedule, UgnTrialResult[] results)
    {
        var ordered = results.OrderBy(r => r.Rung).ThenBy(r => r.Trial).ToArray();
        var (images, best) = (0.0, double.PositiveInfinity);
        var cumulative = new List<double>();
        var bestSoFar = new List<double>();
        foreach (var r in ordered)
        {
            images += r.Images;
            best = Math.Min(best, r.Rank);
            cumulative.Add(images);
            bestSoFar.Add(best);
        }
        var top = ordered.Length == 0 ? -1 : ordered.Max(r => r.Rung);
        var pick = ordered.Where(r => r.Rung == top && !double.IsInfinity(r.Rank)).OrderBy(r => r.Rank).ThenBy(r => r.Trial).FirstOrDefault();
        return new UgnScheduleSummary(schedule, ordered.Length, o.Rungs(schedule).Sum(r => r.Trials), o.PlannedImages(schedule),
            ordered.Sum(r => r.Images), ordered.Sum(r => r.Seconds), pick, cumulative, bestSoFar);
    }

    static string Judge(IReadOnlyList<UgnScheduleSummary> schedules)
    {
        string Name(UgnSchedule s) => s == UgnSchedule.Random ? "random search" : "successive halving";
        string Account(UgnScheduleSummary s) => s.Pick is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"{Name(s.Schedule)} picked trial {p.Trial} (validation MSE {p.ValidationLoss:F1}) for {s.Images:N0} images in {s.Trials} of {s.PlannedTrials} trials, {s.Seconds:F0} s")
            : $"{Name(s.Schedule)} has no finished trial yet";
        var done = schedules.Where(s => s.Pick is not null).OrderBy(s => s.Pick!.Rank).ToArray();
        var lead = done.Length switch
        {
            0 => "no schedule has results yet",
            1 => $"only {Name(done[0].Schedule)} has results",
            _ => $"{Name(done[0].Schedule)} found the better configuration",
        };
        return $"{lead}: {string.Join("; ", schedules.Select(Account))}";
    }

    /// <summary>The best configurations as a table, best first.</summary>
    public MetricTable BestTable()
    {
        var table = new MetricTable("schedule", "rung", "trial", "budget", "val MSE", "train MSE", "lr", "beta1", "beta2", "weight decay", "batch", "width", "slope", "bn momentum")
            { Title = "Best configurations (validation MSE, network input space)" };
        foreach (var t in Best)
        {
            var c = t.Config;
            table.AddRow(t.Schedule.ToString().ToLowerInvariant(), t.Rung, t.Trial, Math.Round(t.Budget), t.ValidationLoss, t.TrainLoss,
                c.Lr, c.Beta1, c.Beta2, c.WeightDecay, c.BatchSize, c.Width, c.LeakySlope, c.BatchNormMomentum);
        }
        return table.WithFormat("lr", "E2").WithFormat("weight decay", "E1").WithFormat("beta1", "F3").WithFormat("beta2", "F5")
            .WithFormat("val MSE", "F1").WithFormat("train MSE", "F1").WithFormat("slope", "F3").WithFormat("bn momentum", "F3");
    }

    /// <summary>
    /// The report's figures as Plotly JSON: the best-configurations table, the parallel coordinates
    /// of all trials (sampled axes in log scale, coloured by log₁₀ validation MSE), validation MSE
    /// against each hyper-parameter, and best validation MSE against images spent per schedule.
    /// </summary>
    public IReadOnlyList<string> Figures()
    {
        var figures = new List<string> { TableFigure(BestTable()) };
        if (Trials.Count > 0)
        {
            figures.Add(ParallelCoordinates().ToJson());
            figures.AddRange(LossAgainstEachValue().Select(c => c.ToJson()));
        }
        if (Schedules.Any(s => s.Trials > 0)) figures.Add(ComputeChart().ToJson());
        return figures;
    }

    /// <summary>All trials on parallel axes: every sampled value on its log axis, the budget and the validation MSE, coloured by log₁₀ validation MSE.</summary>
    public PlotlyChart ParallelCoordinates()
    {
        if (Trials.Count == 0) throw new InvalidOperationException("the search has no results yet");
        var logLoss = Trials.Select(t => Math.Log10(t.Rank)).ToArray();
        var axes = Trials.Select(t => t.Config.Axes()).ToArray();
        var dims = Enumerable.Range(0, axes[0].Count).Select(i => (axes[0][i].Name, (IReadOnlyList<double>)[.. axes.Select(a => a[i].Value)]))
            .Append(("log10 budget", [.. Trials.Select(t => Math.Log10(t.Budget))]))
            .Append(("log10 val MSE", logLoss));
        return Chart.ParallelCoordinates(dims, logLoss).WithTitle("All trials (colour: log10 validation MSE)");
    }

    /// <summary>Validation MSE against each hyper-parameter, one chart per value, a trace per schedule.</summary>
    public IReadOnlyList<PlotlyChart> LossAgainstEachValue()
    {
        if (Trials.Count == 0) return [];
        var logLoss = Trials.Select(t => Math.Log10(t.Rank)).ToArray();
        var axes = Trials.Select(t => t.Config.Axes()).ToArray();
        var charts = new List<PlotlyChart>();
        for (var i = 0; i < axes[0].Count; i++)
        {
            var at = i;
            var traces = Enum.GetValues<UgnSchedule>().Select(s => Trials.Select((t, k) => (t, k)).Where(p => p.t.Schedule == s).ToArray())
                .Where(p => p.Length > 0)
                .Select(p => Chart.Scatter(p.Select(x => axes[x.k][at].Value), p.Select(x => logLoss[x.k]), p[0].t.Schedule.ToString().ToLowerInvariant(),
                    p.Select(x => $"trial {x.t.Trial}, rung {x.t.Rung}")));
            charts.Add(Chart.Combine([.. traces]).WithTitle($"Validation MSE against {axes[0][at].Name}").WithAxisTitles(axes[0][at].Name, "log10 val MSE"));
        }
        return charts;
    }

    /// <summary>Best validation MSE so far against images spent, one line per schedule: which schedule found the better configuration for how much compute.</summary>
    public PlotlyChart ComputeChart() =>
        Chart.Combine([.. Schedules.Where(s => s.Trials > 0)
                .Select(s => Chart.Line(s.CumulativeImages, s.BestSoFar.Select(b => Math.Log10(b)), s.Schedule.ToString().ToLowerInvariant()))])
            .WithTitle("Best validation MSE against images spent").WithAxisTitles("images trained on (cumulative)", "log10 best val MSE");

    /// <summary>A Plotly table trace of <paramref name="table"/>'s cells as both renderings format them.</summary>
    static string TableFigure(MetricTable table)
    {
        var columns = new JsonArray([.. Enumerable.Range(0, table.Columns.Count)
            .Select(c => (JsonNode)new JsonArray([.. Enumerable.Range(0, table.Rows.Count).Select(r => (JsonNode)JsonValue.Create(table.FormatCell(r, c)))]))]);
        var trace = new JsonObject
        {
            ["type"] = "table",
            ["header"] = new JsonObject { ["values"] = new JsonArray([.. table.Columns.Select(c => (JsonNode)JsonValue.Create(c))]) },
            ["cells"] = new JsonObject { ["values"] = columns },
        };
        return new JsonObject { ["data"] = new JsonArray(trace), ["layout"] = new JsonObject { ["title"] = new JsonObject { ["text"] = table.Title } } }.ToJsonString();
    }
}
