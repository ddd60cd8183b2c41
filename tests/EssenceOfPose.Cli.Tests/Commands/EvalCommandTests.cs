using System.Text.Json;
using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Cli.Tests;

/// <summary>`eop eval posenet --unseen --chart` and `eop eval symmetry` on the shipped weights and two small cities.</summary>
public sealed class EvalCommandTests(EvalCities cities) : IClassFixture<EvalCities>
{
    readonly string dir = cities.Dir;
    readonly string same = cities.Same;
    readonly string unseen = cities.Unseen;

    [Fact]
    public void Eval_posenet_reports_every_city_and_draws_their_roc_on_one_chart()
    {
        var json = Path.Combine(dir, "eval.json");
        var chart = Path.Combine(dir, "chart", "roc.html");
        var (code, output, err) = InProcessEop.Run("eval", "posenet", "--data", same, "--unseen", unseen, "--json", json, "--chart", chart);
        Assert.True(code == 0, err);
        Assert.Contains("held-out split of same", output);
        Assert.Contains("unseen unseen", output);
        Assert.Contains("rotation / mean-pose", output);
        var root = JsonDocument.Parse(File.ReadAllText(json)).RootElement;
        var cities = root.GetProperty("cities").EnumerateArray().ToArray();
        Assert.Equal(2, cities.Length);
        foreach (var c in cities)
        {
            var auc = c.GetProperty("evaluation").GetProperty("match").GetProperty("auc").GetDouble();
            Assert.InRange(auc, 0, 1);
        }
        var html = File.ReadAllText(chart);
        // One chart: a curve per city, the raw-pixel curve and chance.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Plotly.newPlot"));
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(html, "\"type\":\"scatter\"").Count);
        Assert.Contains("unseen unseen (AUC", html);
    }

    [Fact]
    public void Eval_symmetry_prints_and_writes_the_probe_per_set()
    {
        var json = Path.Combine(dir, "symmetry.json");
        var (code, output, err) = InProcessEop.Run("eval", "symmetry", "--data", same, "--unseen", unseen, "--json", json);
        Assert.True(code == 0, err);
        Assert.Contains("median disagreement (°)", output);
        var probe = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("probe").EnumerateArray().ToArray();
        Assert.Equal(2, probe.Length);
        Assert.All(probe, p => Assert.True(p.GetProperty("medianRotationDegrees").GetDouble() >= 0));
    }

    [Fact]
    public void A_missing_unseen_city_is_refused_naming_it()
    {
        var missing = Path.Combine(dir, "nowhere");
        var (code, _, err) = InProcessEop.Run("eval", "symmetry", "--data", same, "--unseen", missing);
        Assert.Equal(2, code);
        Assert.Contains("nowhere", err);
    }
}

/// <summary>Two small cities rendered once for the class: one for the held-out split, one unseen.</summary>
public sealed class EvalCities : IDisposable
{
    public EvalCities()
    {
        Dir = Directory.CreateTempSubdirectory("eop-cli-eval-").FullName;
        Same = Path.Combine(Dir, "same");
        Unseen = Path.Combine(Dir, "unseen");
        SyntheticCityGenerator.Generate(new SyntheticCityOptions { Targets = 40, ImageSize = 64, Seed = 3 }, Same);
        SyntheticCityGenerator.Generate(new SyntheticCityOptions { Targets = 20, ImageSize = 64, Seed = 21, Variety = CityVariety.Wide, DatasetId = 9021 }, Unseen);
    }

    public string Dir { get; }
    public string Same { get; }
    public string Unseen { get; }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
