using System.Text.Json.Nodes;
using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Display;
using EssenceOfPose.Metrics;
using EssenceOfPose.Training;

namespace EssenceOfPose.Tests.Display;

public sealed class EvaluationReportTests
{
    static readonly RocPoint[] Curve = [new(double.PositiveInfinity, 0, 0), new(0.5, 0.1, 0.8), new(0.1, 1, 1)];

    static PoseNetEvaluation Evaluation(bool baselines) => new(
        new PoseFigures(12.5, 20.25, 3.5, 4.0, 30, 40),
        new MatchFigures(0.9, 0.95, 0.2, Curve),
        baselines ? new PoseFigures(45, 50, 9, 10, 80, 40) : null,
        baselines ? new MatchFigures(0.6, 0.65, 0.7, Curve) : null,
        TestTargets: 20, TestPairs: 80);

    [Fact]
    public void The_table_puts_the_model_beside_each_baseline_in_the_columns_it_has()
    {
        var table = EvaluationReport.Table(Evaluation(baselines: true));
        Assert.Equal(["PoseNet", "training-mean pose", "raw-pixel cosine (best threshold)"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal("12.5", table.FormatCell(0, 1));
        Assert.Equal("0.950", table.FormatCell(0, 5));
        Assert.Equal("45.0", table.FormatCell(1, 1));
        Assert.Equal("", table.FormatCell(1, 5));
        Assert.Equal("", table.FormatCell(2, 1));
        Assert.Equal("0.650", table.FormatCell(2, 5));
        Assert.Contains("20 held-out targets, 80 pairs (40 matching)", table.Title);
        Assert.Single(EvaluationReport.Table(Evaluation(baselines: false)).Rows);
    }

    [Fact]
    public void The_roc_chart_draws_the_model_the_pixel_baseline_and_chance()
    {
        var figure = JsonNode.Parse(EvaluationReport.RocChart(Evaluation(baselines: true)).ToJson())!;
        var data = figure["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        Assert.Equal([0, 0.1, 1], data[0]!["x"]!.AsArray().Select(v => (double)v!)); // values, not text: Plotly.NET writes 0 as 0.0
        Assert.Equal([0, 0.8, 1], data[0]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("PoseNet (AUC 0.950)", (string?)data[0]!["name"]);
        Assert.StartsWith("raw-pixel cosine", (string?)data[1]!["name"]);
        Assert.Equal("chance", (string?)data[2]!["name"]);
        Assert.Equal(2, EvaluationReport.RocChart(Evaluation(baselines: false)).TraceCount);
    }

    [Fact]
    public void The_agreement_table_has_a_row_per_pair_and_the_mean()
    {
        var agreement = new PoseAgreement(PoseLabelKind.Dof6, [new PairAgreement(2, 0.5, 0.9, 0.8), new PairAgreement(4, 1.5, 0.7, 0.2)]);
        var table = EvaluationReport.Agreement(agreement, "A replaced by its fc5 inversion", ["p1", "p2"]);
        Assert.Equal(["p1", "p2", "mean"], table.Rows.Select(r => (string)r[0]!));
        Assert.Equal("3.0", table.FormatCell(2, 1));
        Assert.Equal("1.00", table.FormatCell(2, 2));
        Assert.Equal("0.800", table.FormatCell(2, 3));
        Assert.Equal("0.500", table.FormatCell(2, 4));
        var rotationOnly = new PoseAgreement(PoseLabelKind.Dof2, [new PairAgreement(1, double.NaN, 0.5, 0.5)]);
        Assert.Equal("", EvaluationReport.Agreement(rotationOnly).FormatCell(0, 2));
        Assert.Throws<ArgumentException>(() => EvaluationReport.Agreement(agreement, pairLabels: ["only one"]));
    }
}
