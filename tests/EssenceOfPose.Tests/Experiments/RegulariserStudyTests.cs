using EssenceOfPose.Experiments;
using EssenceOfPose.Inversion;
using EssenceOfPose.Tests.Inversion;

namespace EssenceOfPose.Tests.Experiments;

public sealed class RegulariserStudyTests(PoseNetFixture fixture) : IClassFixture<PoseNetFixture>
{
    static readonly MahendranVedaldi Short = MahendranVedaldi.Quick with { Steps = 4, SlowSteps = 1 };

    [Fact]
    public void Every_arm_keeps_the_solver_and_box_and_swaps_only_its_regulariser()
    {
        using var scope = torch.NewDisposeScope();
        var variants = RegulariserStudy.Variants(Short);
        Assert.Equal(variants.Count, variants.Select(v => v.Label).Distinct().Count());
        // Captions are drawn in Latin-1; anything beyond it would print as '?'.
        Assert.All(variants, v => Assert.True(v.Label.All(c => c < 256), v.Label));
        var study = RegulariserStudy.Run(fixture.Context, fixture.Batch, "conv3", Short, variants);
        Assert.Equal(variants.Count, study.Arms.Count);

        string Objective(string label) => study.Arms.Single(a => a.Variant.Label == label).Result.Options.Objective;
        string[] Steps(string label) => [.. study.Arms.Single(a => a.Variant.Label == label).Result.Options.Phases.SelectMany(p => p.StepRegularisers).Select(s => s.Name).Distinct()];
        Assert.Equal("feature_match(conv3)", Objective("no prior"));
        Assert.Contains("tv(β=2,iso)", Objective("TV² iso"));
        Assert.Contains("tv(β=2,aniso)", Objective("TV² aniso"));
        Assert.Contains("tv(β=1,iso)", Objective("TV¹ iso"));
        Assert.DoesNotContain("tv(", Objective("alpha-norm, alpha=6"));
        Assert.Contains("alpha_norm(α=6)", Objective("alpha-norm, alpha=6"));
        // The M&V arm is the preset's own objective.
        Assert.Equal(Inverter.Invert(fixture.Model, fixture.Targets, "conv3", Short).Options.Objective, Objective("alpha-norm + TV (M&V)"));
        Assert.Equal(["box(160)"], Steps("no prior"));
        Assert.Equal(["box(160)", "blur(σ=1,every=4)"], Steps("blur 1 px every 4"));
        Assert.Equal(["box(160)", "l2_decay(0.01)"], Steps("L2 decay 0.01"));
        Assert.Equal(["box(160)", "norm_clip(20%)"], Steps("norm clip 20%"));
        Assert.Equal(["box(160)", "contribution_clip(90%)"], Steps("contrib. clip 90%"));
        Assert.All(study.Arms, a =>
        {
            Assert.Equal(Short.Steps + Short.SlowSteps, a.Result.Render.Steps);
            Assert.All(a.Result.PerImage, p => Assert.True(double.IsFinite(p.FeatureError)));
        });
        // One seed for all: every arm starts from the same noise.
        var start = study.Arms[0].Result.PerImage.Select(p => p.StartFeatureError).ToArray();
        Assert.All(study.Arms, a => Assert.Equal(start, a.Result.PerImage.Select(p => p.StartFeatureError).ToArray()));
    }

    [Fact]
    public void A_tv_sweep_sets_the_tv_weight_and_a_heavy_weight_gives_a_smoother_image()
    {
        using var scope = torch.NewDisposeScope();
        var preset = MahendranVedaldi.Quick with { Steps = 15, SlowSteps = 0 };
        var sweep = RegulariserStudy.TvWeightSweep(preset, [0, 1, 1000]);
        Assert.Equal([0, preset.LambdaBeta, 1000 * preset.LambdaBeta], sweep.Select(v => v.TvWeight!.Value));
        Assert.DoesNotContain(sweep[0].Prior!.Terms, t => t.LeafName.StartsWith("tv(", StringComparison.Ordinal));
        Assert.Equal(1000 * preset.LambdaBeta, sweep[2].Prior!.Terms.Single(t => t.LeafName.StartsWith("tv(", StringComparison.Ordinal)).Weight, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => RegulariserStudy.TvWeightSweep(preset, [-1]));
        Assert.Equal(["TV weight x0", "TV weight x1", "TV weight x1E+03"], sweep.Select(v => v.Label));

        var study = RegulariserStudy.Run(fixture.Context, fixture.Batch, "conv3", preset, sweep);
        double Tv(int arm) => Regularisers.TotalVariationOf(study.Arms[arm].Result.Images, 2, true).mean().ToDouble();
        Assert.True(Tv(2) < 0.5 * Tv(0), $"TV of the result: {Tv(0)} without the prior, {Tv(2)} at 1000 λ_V");
        Assert.Equal(2, study.SweepChart().TraceCount);
    }

    [Fact]
    public void The_figures_have_a_row_per_arm_and_a_column_per_arm_plus_the_original()
    {
        using var scope = torch.NewDisposeScope();
        var variants = RegulariserStudy.Variants(Short).Take(3).ToArray();
        var study = RegulariserStudy.Run(fixture.Context, fixture.Batch, "conv3", Short, variants);
        var table = study.Table();
        Assert.Equal(variants.Select(v => v.Label), table.Rows.Select(r => (string)r[0]!));
        var grid = study.Grid();
        Assert.Equal(4, grid.Columns);
        Assert.Equal(2 * 4, grid.Images.Count);
        Assert.Equal("original", grid.Captions![4]);
        Assert.StartsWith(variants[0].Label, grid.Captions[5]);
        Assert.Throws<InvalidOperationException>(() => study.SweepChart());
    }

    [Fact]
    public void A_method_arm_runs_the_whole_other_preset_and_clips_to_the_batchs_range()
    {
        using var scope = torch.NewDisposeScope();
        var arms = RegulariserStudy.Methods([Yosinski2.Quick.ForPoseNet() with { Steps = 3 }]);
        Assert.Equal("Y2: decay 0.3+norm clip 20%", arms[0].Label);
        var study = RegulariserStudy.Run(fixture.Context, fixture.Batch, "conv3", Short, arms);
        var options = study.Arms[0].Result.Options;
        Assert.Equal("yosinski2", options.Method);
        Assert.Equal("10*feature_match(conv3)", options.Objective);
        Assert.Contains(options.Phases[0].StepRegularisers, s => s is ChannelRange);
        var range = fixture.Batch.ValidRange;
        Assert.True(study.Arms[0].Result.Images.min().ToDouble() >= range.Low.Min() - 1e-4);
        Assert.True(study.Arms[0].Result.Images.max().ToDouble() <= range.High.Max() + 1e-4);
    }
}
