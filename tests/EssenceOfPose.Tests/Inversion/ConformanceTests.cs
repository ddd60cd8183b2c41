using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

/// <summary>
/// One table over solvers × taps × options (Captum's test_config style) on a random-init PoseNet
/// at 101×101, a batch of two, a few steps: every combination runs, returns the right shapes and
/// numbers, and lowers the normalised feature error of every image from its start. The solvers
/// are configured with loss weights under which a few steps make progress on this net (the
/// published presets, as they are, are exercised in <see cref="Published_presets_run"/>).
/// </summary>
public class ConformanceTests(PoseNetFixture fixture) : IClassFixture<PoseNetFixture>
{
    static readonly Dictionary<string, InversionPreset> Solvers = new()
    {
        ["momentum_adagrad(C=100, jitter, box, slow phase)"] = MahendranVedaldi.Quick with { Steps = 6, SlowSteps = 2, ObjectiveWeight = 100, SnapshotSteps = [0, 6] },
        ["momentum_adagrad(C=300, tv β=1 aniso)"] = MahendranVedaldi.Quick with { Steps = 6, SlowSteps = 0, ObjectiveWeight = 300, Beta = 1, IsotropicTv = false },
        ["gradient(lr=100, decay, blur)"] = Yosinski3.Quick with { Steps = 6, InversionWeight = 1e4 },
        ["gradient(lr=100, decay 0.3, norm clip)"] = Yosinski2.Quick with { Steps = 6, InversionWeight = 1e4, SnapshotSteps = [3] },
        ["gradient(progress, blur, contribution clip)"] = Yosinski4.Quick with { Steps = 6, InversionWeight = 0.01 },
        ["adam(fourier, lucid transforms)"] = LucidAdam.Quick with { Steps = 6 },
        ["adam(pixels, cosine, tv)"] = LucidAdam.Quick with { Steps = 6, LearningRate = 4, Parameterisation = new PixelParameterisation(), CosineWeight = 1, TvWeight = 1e-3 },
    };

    public static TheoryData<string, string> Table()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in Solvers.Keys)
            foreach (var tap in new[] { "conv4", "fc5" }) data.Add(p, tap);
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Inverts_a_batch(string solver, string tap)
    {
        using var scope = torch.NewDisposeScope();
        var p = Solvers[solver];
        var r = Check(p, tap);
        foreach (var image in r.PerImage)
            Assert.True(image.FeatureError < image.StartFeatureError, $"{solver} at {tap}, image {image.Index}: {image.StartFeatureError} → {image.FeatureError}");
    }

    public static TheoryData<string> Published() => new() { "mahendran_vedaldi", "yosinski1", "yosinski2", "yosinski3", "yosinski4", "lucid_adam" };

    /// <summary>The presets as published, shortened to a few steps: they run and return well-formed results.</summary>
    [Theory]
    [MemberData(nameof(Published))]
    public void Published_presets_run(string name)
    {
        using var scope = torch.NewDisposeScope();
        InversionPreset p = name switch
        {
            "mahendran_vedaldi" => MahendranVedaldi.Quick with { Steps = 3, SlowSteps = 1 },
            "yosinski1" => Yosinski1.Quick with { Steps = 3 },
            "yosinski2" => Yosinski2.Quick with { Steps = 3 },
            "yosinski3" => Yosinski3.Quick with { Steps = 3 },
            "yosinski4" => Yosinski4.Quick with { Steps = 3 },
            _ => LucidAdam.Quick with { Steps = 3 },
        };
        var r = Check(p, "fc5");
        Assert.Equal(name, r.Options.Method);
    }

    InversionResult Check(InversionPreset p, string tap)
    {
        var r = Inverter.Invert(fixture.Model, fixture.Targets, tap, p, new Generator(7));
        Assert.Equal(new long[] { 2, 3, 101, 101 }, r.Images.shape);
        Assert.True(r.Images.isfinite().all().ToDouble() > 0);
        Assert.Equal(2, r.PerImage.Count);
        var total = r.Options.Phases.Sum(ph => ph.Steps);
        foreach (var image in r.PerImage)
        {
            Assert.Equal(new long[] { 3, 101, 101 }, image.Image.shape);
            Assert.Equal(p.SnapshotSteps.Count, image.Snapshots.Count);
            Assert.All(image.Snapshots, s => Assert.Equal(new long[] { 3, 101, 101 }, s.Images.shape));
            Assert.Equal(r.Options.Objective.Split(" + ").Length + 1, image.LossHistory.Count);
            Assert.All(image.LossHistory.Values, h => Assert.Equal(total, h.Length));
            Assert.All(image.LossHistory.Values, h => Assert.All(h, v => Assert.True(double.IsFinite(v))));
            Assert.True(double.IsFinite(image.FeatureError) && double.IsFinite(image.StartFeatureError));
        }
        Assert.Equal(tap, r.Options.Target);
        Assert.Equal(tap == "conv4" ? 16 : 32, r.Options.TapStride);
        Assert.Equal(p, r.Options.Preset);
        Assert.True(r.SecondsPerStep > 0);
        return r;
    }
}
