using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

/// <summary>The presets hold the published numbers (FACTS.md, "Optimisation inversion" and "Visualisation regularisers").</summary>
public class PresetTests
{
    [Fact]
    public void Mahendran_vedaldi_has_the_ijcv_defaults()
    {
        var p = MahendranVedaldi.Full;
        Assert.Equal((300, 50, 0.1), (p.Steps, p.SlowSteps, p.SlowFactor));
        Assert.Equal((6.0, 2.0, 80.0, 160.0, 0.9), (p.Alpha, p.Beta, p.TypicalNorm, p.BoxBound, p.Momentum));
        Assert.Equal(Math.Pow(1 / 80.0, 6), p.LambdaAlpha);
        Assert.Equal(Math.Pow(6.5 / 80, 2), p.LambdaBeta);
        Assert.Equal(1, p.ObjectiveWeight);
        Assert.True(p.IsotropicTv);
        Assert.Equal(0.05 * 80 * 80 / 6, p.LearningRate, 12);
        // Jitter = max(round(stride / 4), 1): PoseNet's conv4 (stride 16) → 4, fc5 (32) → 8.
        Assert.Equal(4, p.JitterFor(16));
        Assert.Equal(8, p.JitterFor(32));
        Assert.Equal(1, p.JitterFor(2));
        Assert.Equal(1, p.JitterFor(1));
        Assert.True(MahendranVedaldi.Quick.Steps + MahendranVedaldi.Quick.SlowSteps < 100);
    }

    [Fact]
    public void Yosinski_settings_are_the_published_table()
    {
        // (decay, blur width, blur every, norm pct, contribution pct, iterations, lr or max lr, desired progress)
        Assert.Equal((0.0, 0.5, 4, 50.0, 0.0, 500, 100.0, (double?)2.0), Row(Yosinski1.Full));
        Assert.Equal((0.3, 0.0, 1, 20.0, 0.0, 750, 100.0, (double?)null), Row(Yosinski2.Full));
        Assert.Equal((0.0001, 1.0, 4, 0.0, 0.0, 1000, 100.0, (double?)null), Row(Yosinski3.Full));
        Assert.Equal((0.0, 0.5, 4, 0.0, 90.0, 1000, 1e8, (double?)2.0), Row(Yosinski4.Full));
        Assert.All(new YosinskiPreset[] { Yosinski1.Quick, Yosinski2.Quick, Yosinski3.Quick, Yosinski4.Quick }, q => Assert.True(q.Steps <= 100));
    }

    static (double, double, int, double, double, int, double, double?) Row(YosinskiPreset p) =>
        (p.Decay, p.BlurWidth, p.BlurEvery, p.NormPercentile, p.ContributionPercentile, p.Steps, p.LearningRate, p.DesiredProgress);

    [Fact]
    public void Presets_override_with_with_and_keep_their_type()
    {
        var p = Yosinski3.Quick with { Steps = 7 };
        Assert.IsType<Yosinski3>(p);
        Assert.Equal(7, p.Steps);
        Assert.Equal(1.0, p.BlurWidth);
        Assert.Equal(MahendranVedaldi.Full, new MahendranVedaldi());
        Assert.NotEqual(MahendranVedaldi.Full, MahendranVedaldi.Quick);
        Assert.Equal(512, LucidAdam.Full.Steps);
    }

    [Fact]
    public void Plans_resolve_the_published_objective_and_schedule()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var data = Objectives.FeatureMatch("fc5", torch.ones([2, 10]));
        var plan = (MahendranVedaldi.Full with { ObjectiveWeight = 20 }).Plan(new RenderRequest(RenderGoal.Invert, data, 2, 101, 32, torch.CPU), g);
        Assert.Equal("20*feature_match(fc5) + 3.815E-12*alpha_norm(α=6) + 0.006602*tv(β=2,iso)", plan.ObjectiveName);
        Assert.Equal(new long[] { 2, 3, 108, 108 }, plan.Start.shape);
        Assert.Equal(2, plan.Phases.Count);
        Assert.Equal(new RenderPhase(300, new MomentumAdaGrad(101 * 101 * 0.05 * 6400 / 6), new Jitter(7), [new BoxConstraint(160)]), plan.Phases[0]);
        Assert.Equal(new RenderPhase(50, new MomentumAdaGrad(101 * 101 * 0.05 * 6400 / 6 * 0.1), Transform.None, [new BoxConstraint(160)]), plan.Phases[1]);
        // The start's 95th percentile per image is B/√3.
        Assert.Equal(80 / Math.Sqrt(3), plan.Start[0].flatten().quantile(torch.tensor(0.95f)).ToDouble(), 3);

        var max = MahendranVedaldi.Full.Plan(new RenderRequest(RenderGoal.Maximise, data, 2, 101, 32, torch.CPU), g);
        Assert.Single(max.Phases);

        var y = Yosinski4.Full.Plan(new RenderRequest(RenderGoal.Invert, data, 2, 101, 32, torch.CPU), g);
        Assert.Equal(new RenderPhase(1000, new GradientStep(1e8, 2), Transform.None, [new GaussianBlur(0.5, 4), new SmallContributionClip(90)]), y.Phases[0]);
        Assert.StartsWith("100*feature_match(fc5)", y.ObjectiveName);
        var range = EssenceOfPose.Data.Preprocess.WithMean([120, 110, 100]).ValidRange;
        var ranged = new RenderRequest(RenderGoal.Maximise, data, 2, 101, 32, torch.CPU) { ValidRange = range };
        var y2 = Yosinski2.Full.Plan(ranged, g);
        Assert.Equal("feature_match(fc5)", y2.ObjectiveName);
        Assert.Equal(new StepRegulariser[] { new L2Decay(0.3), new SmallNormClip(20), new ChannelRange(range) }, y2.Phases[0].StepRegularisers);
        Assert.Equal("range(0..255, mean=120/110/100)", y2.Phases[0].StepRegularisers[2].Name);
        Assert.Equal([-120.0, -110, -100], range.Low);
        Assert.DoesNotContain((Yosinski2.Full with { ClipToValidRange = false }).Plan(ranged, g).Phases[0].StepRegularisers, r => r is ChannelRange);
    }

    [Fact]
    public void Mahendran_vedaldi_weights_can_be_replaced_or_left_out()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var data = Objectives.FeatureMatch("fc5", torch.ones([2, 10]));
        var request = new RenderRequest(RenderGoal.Invert, data, 2, 101, 32, torch.CPU);
        var noAlpha = (MahendranVedaldi.Quick with { AlphaWeight = 0 }).Plan(request, g);
        Assert.Equal("feature_match(fc5) + 0.006602*tv(β=2,iso)", noAlpha.ObjectiveName);
        var swept = (MahendranVedaldi.Quick with { TvWeight = 0.5, Beta = 1, IsotropicTv = false }).Plan(request, g);
        Assert.Equal("feature_match(fc5) + 3.815E-12*alpha_norm(α=6) + 0.5*tv(β=1,aniso)", swept.ObjectiveName);
        var dataOnly = (MahendranVedaldi.Quick with { AlphaWeight = 0, TvWeight = 0 }).Plan(request, g);
        Assert.Equal("feature_match(fc5)", dataOnly.ObjectiveName);
        Assert.NotEqual(MahendranVedaldi.Quick, MahendranVedaldi.Quick with { TvWeight = 0.5 });
        var back = InversionOptions.FromJson(new InversionOptions("m", MahendranVedaldi.Quick with { TvWeight = 0.5 }, "fc5", 32, 2, 101, swept.ObjectiveName, swept.Parameterisation, swept.Phases, 1).ToJson());
        Assert.Equal(0.5, ((MahendranVedaldi)back.Preset).TvWeight);
    }

    [Fact]
    public void Resolved_options_round_trip_through_json()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var data = Objectives.FeatureMatch("fc5", torch.ones([2, 10]));
        foreach (InversionPreset preset in new InversionPreset[] { MahendranVedaldi.Quick with { SnapshotSteps = [0, 10] }, Yosinski1.Quick, Yosinski4.Full, LucidAdam.Quick with { CosineWeight = 0.5 } })
        {
            var plan = preset.Plan(new RenderRequest(RenderGoal.Invert, data, 2, 101, 32, torch.CPU), g);
            var options = new InversionOptions(preset.Name, preset, "fc5", 32, 2, 101, plan.ObjectiveName, plan.Parameterisation, plan.Phases, 1);
            var json = options.ToJson();
            var back = InversionOptions.FromJson(json);
            Assert.Equal(preset, back.Preset);
            Assert.Equal(options.Phases, back.Phases);
            Assert.Equal(options.Parameterisation, back.Parameterisation);
            Assert.Equal(json, back.ToJson());
        }
    }
}
