using System.Text.Json;
using System.Text.Json.Nodes;
using EssenceOfPose.Figures;
using EssenceOfPose.Generators;
using EssenceOfPose.Tests.Training;

namespace EssenceOfPose.Tests.Generators;

/// <summary>The search's sampling, its two schedules, promotion, sharding and its results files, on the tiny city's fc5 codes.</summary>
[Collection(nameof(TorchSeeded))]
public sealed class UgnSearchTests(UgnCity city) : IClassFixture<UgnCity>, IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>A search CI can afford: 9 configurations, a handful of images each, narrow generators.</summary>
    static UgnSearchOptions Tiny => new()
    {
        Trials = 9, Budget = 16, Images = 40, Seed = 4,
        Space = UgnSearchSpace.Default with { Width = (8, 16), Lr = (1e-4, 3e-3) },
    };

    static readonly UgnSearchSpace Space = UgnSearchSpace.Default;

    [Fact]
    public void A_trials_configuration_is_a_function_of_seed_and_index_alone()
    {
        // Drawn in another order, and in a fresh space: each trial has its own generator, not a shared stream.
        var forward = Enumerable.Range(0, 50).Select(i => Space.Sample(7, i)).ToArray();
        var backward = Enumerable.Range(0, 50).Reverse().Select(i => UgnSearchSpace.Default with { }).Select((s, k) => s.Sample(7, 49 - k)).Reverse().ToArray();
        Assert.Equal(forward, backward);
        Assert.NotEqual(Space.Sample(7, 0), Space.Sample(7, 1));
        Assert.NotEqual(Space.Sample(7, 0), Space.Sample(8, 0));
        // A configuration survives the JSON round trip of a results file.
        var first = Space.Sample(1, 0);
        Assert.InRange(first.Lr, Space.Lr.Min, Space.Lr.Max);
        Assert.Equal(first, JsonSerializer.Deserialize<UgnTrialConfig>(JsonSerializer.Serialize(first)));
    }

    [Fact]
    public void Samples_lie_within_bounds_and_are_uniform_in_the_logarithm()
    {
        const int n = 2000;
        var s = Enumerable.Range(0, n).Select(i => Space.Sample(3, i)).ToArray();
        void Check(string name, Func<UgnTrialConfig, double> value, (double Min, double Max) bounds, double tolerance = 0.05)
        {
            var xs = s.Select(value).ToArray();
            Assert.All(xs, x => Assert.InRange(x, bounds.Min, bounds.Max));
            var logD = KolmogorovSmirnov(xs.Select(x => (Math.Log(x) - Math.Log(bounds.Min)) / (Math.Log(bounds.Max) - Math.Log(bounds.Min))));
            Assert.True(logD < tolerance, $"{name}: KS distance {logD:F3} from log-uniform");
            // The same check on linear-uniform draws of the same bounds fails by far: the tolerance tells the two apart.
            var random = new Random(5);
            var linear = Enumerable.Range(0, n).Select(_ => bounds.Min + random.NextDouble() * (bounds.Max - bounds.Min));
            var linearD = KolmogorovSmirnov(linear.Select(x => (Math.Log(x) - Math.Log(bounds.Min)) / (Math.Log(bounds.Max) - Math.Log(bounds.Min))));
            Assert.True(linearD > 2 * tolerance, $"{name}: linear-uniform draws are only {linearD:F3} from log-uniform");
        }
        Check("lr", c => c.Lr, Space.Lr);
        Check("1-beta1", c => 1 - c.Beta1, Space.OneMinusBeta1);
        Check("1-beta2", c => 1 - c.Beta2, Space.OneMinusBeta2);
        Check("weight decay", c => c.WeightDecay, Space.WeightDecay);
        Check("leaky slope", c => c.LeakySlope, Space.LeakySlope);
        Check("bn momentum", c => c.BatchNormMomentum, Space.BatchNormMomentum);
        // Whole channels: rounding moves the distribution by at most half a channel.
        Check("width", c => c.Width, Space.Width, tolerance: 0.08);
        // Powers of two, each exponent about equally often.
        var exponents = s.GroupBy(c => (int)Math.Log2(c.BatchSize)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(Space.Log2Batch.Min, Space.Log2Batch.Max - Space.Log2Batch.Min + 1), exponents.Keys.Order());
        Assert.All(s, c => Assert.Equal(c.BatchSize, 1 << (int)Math.Log2(c.BatchSize)));
        Assert.All(exponents.Values, count => Assert.InRange(count, n / 5 * 0.8, n / 5 * 1.2));
    }

    /// <summary>sup |F_n(u) − u| of values that should be uniform on [0, 1].</summary>
    static double KolmogorovSmirnov(IEnumerable<double> values)
    {
        var u = values.Order().ToArray();
        return u.Select((x, i) => Math.Max(Math.Abs((i + 1.0) / u.Length - x), Math.Abs((double)i / u.Length - x))).Max();
    }

    [Fact]
    public void Both_schedules_plan_the_same_compute_and_halving_triples_the_budget_of_a_third()
    {
        var o = UgnSearchOptions.Quick;
        var rungs = o.Rungs(UgnSchedule.Halving);
        Assert.Equal([500, 166, 55, 18, 6, 2], rungs.Select(r => r.Trials));
        for (var r = 1; r < rungs.Count; r++) Assert.Equal(3 * rungs[r - 1].Budget, rungs[r].Budget, 9);
        Assert.Equal(500 * o.Budget, o.PlannedImages(UgnSchedule.Random), 6);
        Assert.Equal(o.PlannedImages(UgnSchedule.Random), o.PlannedImages(UgnSchedule.Halving), 6);
        Assert.Equal(1, UgnSearchOptions.Steps(3, 64));
        Assert.Equal(4, UgnSearchOptions.Steps(64, 16));
    }

    [Fact]
    public void Halving_promotes_exactly_the_best_third_of_the_previous_rungs_results()
    {
        var o = Tiny with { Trials = 30 };
        var search = new UgnSearch(dir.Path, o);
        var random = new Random(9);
        var losses = Enumerable.Range(0, 30).Select(_ => 100 + 50 * random.NextDouble()).ToArray();
        losses[4] = double.NaN; // diverged: never promoted
        for (var i = 0; i < 30; i++)
        {
            Assert.Throws<ArgumentException>(() => search.TrialsOf(UgnSchedule.Halving, 1)); // rung 0 is not finished
            FigureJson.Write(search.ResultPath(UgnSchedule.Halving, 0, i), Result(UgnSchedule.Halving, 0, i, losses[i], diverged: i == 4));
        }
        var expected = Enumerable.Range(0, 30).Where(i => i != 4).OrderBy(i => losses[i]).Take(10).Order();
        Assert.Equal(expected, search.TrialsOf(UgnSchedule.Halving, 1));
        Assert.Equal(Enumerable.Range(0, 30), search.TrialsOf(UgnSchedule.Halving, 0));
        var ex = Assert.Throws<ArgumentException>(() => search.TrialsOf(UgnSchedule.Halving, 9));
        Assert.Contains("--rung 9", ex.Message);
    }

    static UgnTrialResult Result(UgnSchedule schedule, int rung, int trial, double loss, bool diverged = false) =>
        new(schedule, rung, trial, Space.Sample(1, trial), 10, 1, 8, loss, loss, diverged, 0.5);

    [Fact]
    public void Shards_take_the_trials_congruent_to_their_index_and_bad_shards_are_refused()
    {
        int[] trials = [0, 2, 3, 7, 9, 10];
        Assert.Equal([0, 3, 9], UgnSearchPlan.Shard(trials, 0, 3));
        Assert.Equal([7, 10], UgnSearchPlan.Shard(trials, 1, 3));
        Assert.Equal((2, 5), UgnSearchPlan.ParseShard("2/5"));
        foreach (var bad in new[] { "3/2", "2/2", "0/0", "-1/2", "1", "a/b", "1/2/3" })
            Assert.Contains("--shard", Assert.Throws<ArgumentException>(() => UgnSearchPlan.ParseShard(bad)).Message);
    }

    /// <summary>Every rung of both schedules, each rung's trials split over <paramref name="workers"/> workers run one after another.</summary>
    UgnSearchReport RunSearch(string folder, int workers)
    {
        foreach (var schedule in Enum.GetValues<UgnSchedule>())
            foreach (var rung in Tiny.Rungs(schedule))
                for (var w = 0; w < workers; w++)
                {
                    var search = new UgnSearch(folder, Tiny);
                    search.Claim(search.Manifest(city.Codes));
                    foreach (var _ in search.Run(city.Codes, schedule, rung.Index, UgnSearchPlan.Shard(search.TrialsOf(schedule, rung.Index), w, workers))) { }
                }
        return UgnSearchReport.Build(new UgnSearch(folder, Tiny));
    }

    /// <summary>The report as JSON, without wall-clock seconds (the one thing that differs from run to run).</summary>
    static string WithoutSeconds(UgnSearchReport report)
    {
        var node = JsonNode.Parse(FigureJson.Serialize(report))!;
        void Strip(JsonNode? n)
        {
            if (n is JsonObject o) { o.Remove("seconds"); foreach (var (_, v) in o.ToArray()) Strip(v); }
            else if (n is JsonArray a) foreach (var v in a) Strip(v);
        }
        Strip(node);
        var verdict = node["verdict"]!.GetValue<string>();
        node["verdict"] = System.Text.RegularExpressions.Regex.Replace(verdict, @", \d+ s", "");
        return node.ToJsonString();
    }

    [Fact]
    public void A_search_sharded_over_three_workers_gives_the_same_report_as_one_worker()
    {
        var one = RunSearch(dir.File("one"), 1);
        var three = RunSearch(dir.File("three"), 3);
        Assert.Equal(9 + 9 + 3 + 1, one.Trials.Count);
        Assert.Equal(WithoutSeconds(one), WithoutSeconds(three));
        Assert.Equal(one.Schedules[0].PlannedImages, one.Schedules[1].PlannedImages, 6);
        Assert.NotNull(one.Schedules[1].Pick);
        Assert.Equal(2, one.Schedules[1].Pick!.Rung);
        Assert.Contains("found the better configuration", one.Verdict);
        // The configuration eop train ugn --from-search takes: the better schedule's pick, or the one asked for.
        var (by, chosen) = one.Chosen();
        var better = one.Schedules.Where(s => s.Pick is not null).MinBy(s => s.Pick!.Rank)!;
        Assert.Equal((better.Schedule, better.Pick), (by, chosen));
        Assert.Equal(one.Schedules[0].Pick, one.Chosen(UgnSchedule.Random).Pick);
        Assert.Equal(UgnSchedule.Halving, one.Chosen(UgnSchedule.Halving).Schedule);
        // A folder opened from its manifest alone gives the same report.
        Assert.Equal(WithoutSeconds(one), WithoutSeconds(UgnSearchReport.Build(UgnSearch.Open(dir.File("one")))));
        var figures = one.Figures();
        Assert.Equal(1 + 1 + 8 + 1, figures.Count);
        Assert.Contains("\"parcoords\"", figures[1]);
        Assert.Contains("\"table\"", figures[0]);
    }

    [Fact]
    public void A_search_without_results_has_nothing_to_choose_and_a_folder_without_manifest_is_refused()
    {
        var search = new UgnSearch(dir.File("empty"), Tiny);
        search.Claim(search.Manifest(city.Codes));
        var e = Assert.Throws<ArgumentException>(() => UgnSearchReport.Build(UgnSearch.Open(search.Dir)).Chosen());
        Assert.Contains("no finished trial", e.Message);
        var missing = Assert.Throws<FileNotFoundException>(() => UgnSearch.Open(dir.File("nothing")));
        Assert.Contains("no search.json", missing.Message);
    }

    [Fact]
    public void Results_are_written_atomically_and_a_rerun_skips_them()
    {
        var search = new UgnSearch(dir.Path, Tiny);
        search.Claim(search.Manifest(city.Codes));
        var first = search.Run(city.Codes, UgnSchedule.Random, 0, [0, 1, 2]).ToArray();
        Assert.All(first, r => Assert.False(r.Skipped));
        Assert.All(first, r => Assert.True(double.IsFinite(r.Result.ValidationLoss) || r.Result.Diverged));
        Assert.All(first, r => Assert.Equal(r.Result.Config, Tiny.Space.Sample(Tiny.Seed, r.Result.Trial)));
        // No temporary and no trainer's working files are left behind.
        Assert.Empty(Directory.EnumerateFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Empty(Directory.Exists(Path.Combine(dir.Path, "work")) ? Directory.EnumerateFileSystemEntries(Path.Combine(dir.Path, "work")) : []);
        var path = search.ResultPath(UgnSchedule.Random, 0, 1);
        var written = File.GetLastWriteTimeUtc(path);
        var again = search.Run(city.Codes, UgnSchedule.Random, 0, [0, 1, 2, 3]).ToArray();
        Assert.Equal([true, true, true, false], again.Select(r => r.Skipped));
        Assert.Equal(first.Select(r => r.Result), again.Take(3).Select(r => r.Result));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_worker_with_other_options_is_refused_naming_the_field()
    {
        var search = new UgnSearch(dir.Path, Tiny);
        search.Claim(search.Manifest(city.Codes));
        search.Claim(search.Manifest(city.Codes)); // the same options: accepted
        var other = new UgnSearch(dir.Path, Tiny with { Budget = 32 });
        var ex = Assert.Throws<ArgumentException>(() => other.Claim(other.Manifest(city.Codes)));
        Assert.Contains("'budget'", ex.Message);
        Assert.Contains("search.json", ex.Message);
    }
}
