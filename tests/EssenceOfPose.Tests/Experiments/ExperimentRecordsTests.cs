using EssenceOfPose.Attribution;
using EssenceOfPose.Experiments;
using EssenceOfPose.Inversion;
using EssenceOfPose.Tests.Inversion;

namespace EssenceOfPose.Tests.Experiments;

/// <summary>The records the notebooks display and <c>eop figures</c> writes: what each experiment computes, and the figures it draws of it.</summary>
public sealed class ExperimentRecordsTests(PoseNetFixture fixture) : IClassFixture<PoseNetFixture>
{
    static readonly MahendranVedaldi Short = MahendranVedaldi.Quick with { Steps = 3, SlowSteps = 1 };

    [Fact]
    public void Reconstructions_score_every_tap_against_the_originals_partners_and_others()
    {
        using var scope = torch.NewDisposeScope();
        var batch = fixture.Batch;
        var partners = batch.With(batch.Pixels.flip(3));
        var others = batch.With(batch.Pixels.roll(1, 0));
        var r = Reconstructions.Run(fixture.Context, batch, partners, ["conv3", "fc5"], Short, others: others);
        Assert.Equal(["conv3", "fc5"], r.Taps.Select(t => t.Tap.ToString()));
        Assert.All(r.Taps, t =>
        {
            Assert.Equal(2, t.Scores.Psnr.Count);
            Assert.Equal(2, t.OtherErrors!.Count);
            Assert.Same(batch.Preprocess, t.Images.Preprocess);
        });
        Assert.True(r["conv3"].MeanFeatureError < r["conv3"].MeanStartFeatureError, $"conv3: {r["conv3"].MeanFeatureError} from {r["conv3"].MeanStartFeatureError}");
        Assert.NotNull(r.OtherScores!.Agreement);
        var grid = r.Grid();
        Assert.Equal(3, grid.Columns);
        Assert.StartsWith("from conv3\nerror ", grid.Captions![1]);
        Assert.Equal(3, r.PairGrid("fc5").Columns);
        Assert.NotEmpty(r.Agreement("fc5").Rows);
        Assert.NotEmpty(r.OtherAgreement().Rows);
        Assert.True(r.LossChart("fc5").TraceCount >= 2);
        Assert.Throws<ArgumentException>(() => Reconstructions.Run(fixture.Context, batch, batch.Take(1), ["fc5"], Short));
    }

    [Fact]
    public void Saliency_maps_give_the_four_column_figure_and_the_match_probability()
    {
        using var scope = torch.NewDisposeScope();
        var a = fixture.Batch;
        var b = a.With(a.Pixels.flip(3));
        var s = SaliencyMaps.Run(fixture.Context, a, b, SaliencyTarget.Match);
        Assert.Equal([2L, 101, 101], s.Maps.First.shape);
        Assert.All(s.MatchProbability, p => Assert.InRange(p, 0, 1));
        // p(match) is the softmax of the logits, whose margin is the explained score.
        Assert.Equal(SaliencyTarget.MatchProbability(s.Maps.Scores[0]), s.MatchProbability[0], 6);
        var grid = s.Grid();
        Assert.Equal(4, grid.Columns);
        Assert.Equal(8, grid.Images.Count);
        Assert.StartsWith("saliency on A\np(match) = ", grid.Captions![1]);
        Assert.Equal(2, s.HeatGrid().Columns);
        Assert.Equal("pose_fc[0]", SaliencyMaps.Run(fixture.Context, a, b, SaliencyTarget.Pose(0)).Label);
    }

    [Fact]
    public void Dreams_keep_one_result_per_tap_and_draw_them()
    {
        using var scope = torch.NewDisposeScope();
        var options = DeepDreamOptions.Quick with { Octaves = 2, IterationsPerOctave = 1 };
        var d = Dreams.Run(fixture.Context, fixture.Batch, ["conv2", "conv3"], options);
        Assert.Equal(["conv2", "conv3"], d.Dreams.Select(x => x.Tap.ToString()));
        Assert.Equal(2, d.Seconds.Count);
        Assert.Equal(3, d.Grid().Columns);
        Assert.Equal(2, d.DetailGrid().Columns);
        Assert.Equal(2, d.PyramidGrid("conv3").Columns);
        Assert.Equal(2, d.ObjectiveChart().TraceCount);
        // Clipped to the batch's valid range (mean 100: [−100, 155]).
        Assert.True(d["conv3"].Image.max().ToDouble() <= 155 + 1e-4 && d["conv3"].Image.min().ToDouble() >= -100 - 1e-4);
        Assert.Throws<ArgumentException>(() => Dreams.Run(fixture.Context, fixture.Batch, ["conv9"], options));
    }

    [Fact]
    public void Unit_images_render_the_most_active_units_beside_the_views_that_drive_them()
    {
        using var scope = torch.NewDisposeScope();
        var views = fixture.Batch.With(torch.cat([fixture.Targets, -fixture.Targets, fixture.Targets * 0.5], 0));
        var preset = LucidAdam.Quick with { Steps = 2 };
        var u = UnitImages.Run(fixture.Context, views, "fc5", 3, preset, renderAt: "fc5:pre", topViews: 2);
        Assert.Equal(3, u.Units.Count);
        Assert.All(u.Units, x => Assert.Equal("fc5:pre", x.Tap.ToString()));
        Assert.Equal(UnitRanking.MostActive(fixture.Model, views.Pixels, "fc5", 3).Select(x => x.Channel), u.Units.Select(x => x.Channel));
        Assert.All(u.TopViews, t => Assert.Equal(2, t.Count));
        var grid = u.Grid();
        Assert.Equal(3, grid.Columns);
        Assert.Equal(9, grid.Images.Count);
        Assert.Equal(3, u.Sheet().Images.Count);
        Assert.Equal(2, UnitImages.UnderPresets(fixture.Context, u.Units.Take(1).ToArray(), [preset, preset with { Steps = 1 }]).Columns);
    }
}
