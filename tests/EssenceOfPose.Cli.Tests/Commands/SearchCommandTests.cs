using System.Text.Json.Nodes;

namespace EssenceOfPose.Cli.Tests;

/// <summary>`eop search ugn` and `eop search report` on the tiny city: workers as separate invocations, and their refusals.</summary>
public sealed class SearchCommandTests(UgnFixture f) : IClassFixture<UgnFixture>
{
    /// <summary>Six configurations on 8 images each: the halving schedule has rungs of 6 and 2.</summary>
    string[] Args(string output, params string[] more) =>
        ["search", "ugn", "--tap", "fc5", "--data", f.City, "--out", output, "--model", f.Model, "--trials", "6", "--budget", "8", "--images", "16", .. more];

    /// <summary>The arguments with <paramref name="option"/> set to <paramref name="value"/>, replacing the value given if any.</summary>
    static string[] With(string[] args, string option, string value)
    {
        var list = args.ToList();
        var at = list.IndexOf(option);
        if (at >= 0) list[at + 1] = value;
        else list.AddRange([option, value]);
        return [.. list];
    }

    void Ok(params string[] args)
    {
        var (code, _, err) = InProcessEop.Run(args);
        Assert.True(code == 0, err);
    }

    void Search(string output, int workers)
    {
        foreach (var (schedule, rung) in new[] { ("random", "0"), ("halving", "0"), ("halving", "1") })
            for (var w = 0; w < workers; w++)
                Ok(Args(output, "--schedule", schedule, "--rung", rung, "--shard", $"{w}/{workers}"));
        Ok("search", "report", "--out", output);
    }

    /// <summary>report.json without wall-clock seconds, the one thing that differs between runs.</summary>
    static string Report(string output)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "report.json")))!;
        void Strip(JsonNode? n)
        {
            if (n is JsonObject o) { o.Remove("seconds"); o.Remove("verdict"); foreach (var (_, v) in o.ToArray()) Strip(v); }
            else if (n is JsonArray a) foreach (var v in a) Strip(v);
        }
        Strip(node);
        return node.ToJsonString();
    }

    [Fact]
    public void Three_worker_processes_give_the_same_report_as_one_and_a_rerun_skips_every_trial()
    {
        var one = f.Out("one");
        var three = f.Out("three");
        Search(one, 1);
        Search(three, 3);
        Assert.Equal(Report(one), Report(three));
        Assert.Equal(6, Directory.GetFiles(Path.Combine(one, "random"), "trial-*.json").Length);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(one, "halving", "rung-1"), "trial-*.json").Length);
        Assert.True(File.Exists(Path.Combine(one, "report.html")));
        Assert.Contains("parcoords", File.ReadAllText(Path.Combine(one, "report.html")));

        var (code, output, err) = InProcessEop.Run(Args(one, "--trial", "4"));
        Assert.True(code == 0, err);
        Assert.Contains("ran 0 trials, skipped 1", output);
    }

    [Theory]
    [InlineData("--shard", "3/2", "--shard 3/2")]
    [InlineData("--trial", "6", "--trial 6")]
    [InlineData("--trial", "-1", "--trial -1")]
    [InlineData("--tap", "fc7", "fc7")]
    [InlineData("--schedule", "grid", "--schedule grid")]
    [InlineData("--rung", "1", "--rung 1")]
    public void Bad_input_exits_2_naming_the_field(string option, string value, string expected)
    {
        var (code, _, err) = InProcessEop.Run(With(Args(f.Out("bad")), option, value));
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
    }

    [Fact]
    public void A_trial_not_promoted_to_a_rung_and_a_folder_without_a_search_are_refused()
    {
        var output = f.Out("promoted");
        Ok(Args(output, "--schedule", "halving"));
        var promoted = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "search.json")))!;
        Assert.Equal(6, promoted["trials"]!.GetValue<int>());
        // Rung 1 keeps the best third of rung 0; the worst trial is not among them.
        double Loss(int i)
        {
            var v = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "halving", "rung-0", $"trial-{i:D5}.json")))!["validationLoss"]!;
            return v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.GetValue<double>() : double.PositiveInfinity;
        }
        var worst = Enumerable.Range(0, 6).OrderBy(Loss).Last();
        var (code, _, err) = InProcessEop.Run(Args(output, "--schedule", "halving", "--rung", "1", "--trial", worst.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(2, code);
        Assert.Contains($"--trial {worst}: not promoted to rung 1", err);

        (code, _, err) = InProcessEop.Run("search", "report", "--out", f.Out("empty"));
        Assert.Equal(2, code);
        Assert.Contains("search.json", err);

        (code, _, err) = InProcessEop.Run(With(Args(output), "--budget", "16"));
        Assert.Equal(2, code);
        Assert.Contains("'budget'", err);
    }
}
