using EssenceOfPose.Generators;
using EssenceOfPose.Models;
using EssenceOfPose.Tests.Training;

namespace EssenceOfPose.Tests.Generators;

public sealed class DiscriminatorTests
{
    [Fact]
    public void It_has_no_batch_norm_and_applies_dropout_only_in_training()
    {
        torch.manual_seed(5);
        using var d = new Discriminator([500], DiscriminatorOptions.Tiny);
        Assert.DoesNotContain(d.modules(), m => m is BatchNorm1d or BatchNorm2d or BatchNorm3d or InstanceNorm2d or LayerNorm or GroupNorm);
        Assert.Contains(d.modules(), m => m is Dropout);
        using var images = torch.randn(6, 3, 101, 101) * 60;

        d.eval();
        using var a = d.call(images, null);
        using var b = d.call(images, null);
        Assert.Equal([6L, 2], a.shape);
        Assert.True(a.equal(b).all().item<bool>(), "in eval mode the same images must give the same logits");

        d.train();
        using var c = d.call(images, null);
        using var e = d.call(images, null);
        Assert.False(c.equal(e).all().item<bool>(), "in training, dropout must make two passes differ");

        using var none = new Discriminator([500], DiscriminatorOptions.Tiny with { Dropout = 0 });
        none.train();
        using var f = none.call(images, null);
        using var g = none.call(images, null);
        Assert.True(f.equal(g).all().item<bool>(), "without dropout, training passes are deterministic");
    }

    [Fact]
    public void A_conditioned_discriminator_reads_the_code()
    {
        torch.manual_seed(6);
        using var d = new Discriminator([160, 4, 4], DiscriminatorOptions.Tiny with { Conditioned = true, Dropout = 0 });
        d.eval();
        using var images = torch.randn(3, 3, 101, 101) * 60;
        using var codes = torch.rand(3, 160, 4, 4);
        using var x = d.call(images, codes);
        using var y = d.call(images, codes * 3);
        Assert.False(x.equal(y).all().item<bool>(), "other codes must change the logits");
        Assert.Contains("codes", Assert.Throws<ArgumentException>(() => d.call(images, null)).Message);
        Assert.Contains("code_fc", d.named_children().Select(c => c.name));
    }

    [Fact]
    public void Its_loss_is_the_cross_entropy_of_the_real_class()
    {
        using var logits = torch.tensor(new float[] { 0, 0, 2, -1 }, [2, 2]);
        var real = Discriminator.Loss(logits, Discriminator.Real).item<float>();
        var p = Discriminator.RealProbability(logits).data<float>().ToArray();
        Assert.Equal(0.5, p[0], 5);
        Assert.Equal(1 / (1 + Math.Exp(3)), p[1], 5);
        Assert.Equal((-Math.Log(p[0]) - Math.Log(p[1])) / 2, real, 4);
    }

    [Fact]
    public void Bad_options_are_refused_naming_the_option()
    {
        Assert.Contains("--dropout 1", Assert.Throws<ArgumentException>(() => new Discriminator([500], DiscriminatorOptions.Tiny with { Dropout = 1 })).Message);
        Assert.Contains("--lambda-adv", new GanTrainingOptions { LambdaAdversarial = -1 }.Problem());
        Assert.Contains("all 0", new GanTrainingOptions { LambdaAdversarial = 0, LambdaFeature = 0, LambdaImage = 0 }.Problem());
        Assert.Contains("balance thresholds", new GanTrainingOptions { Balance = new(0.5, 0.1, 10) }.Problem());
    }
}

public sealed class GanBalanceTests
{
    static readonly GanBalance Rule = GanBalance.DeePSiM;

    [Theory]
    // D training: it stops below 0.1 and only restarts above 0.5 (hysteresis).
    [InlineData(true, 0.05, false, true)]
    [InlineData(true, 0.1, true, true)]
    [InlineData(true, 0.3, true, true)]
    [InlineData(false, 0.3, false, true)]
    [InlineData(false, 0.5, false, true)]
    [InlineData(false, 0.6, true, true)]
    // Above 10 the generator is far ahead: only D trains, whatever D did before.
    [InlineData(true, 10.5, true, false)]
    [InlineData(false, 50, true, false)]
    [InlineData(true, 10, true, true)]
    public void The_rule_switches_at_DeePSiMs_thresholds(bool dWasOn, double ratio, bool dNext, bool gNext) =>
        Assert.Equal((dNext, gNext), Rule.Next(dWasOn, ratio));

    [Fact]
    public void The_ratio_is_Ds_losses_over_Gs_adversarial_loss()
    {
        Assert.Equal(2.0, GanBalance.Ratio(0.5, 0.5, 0.5), 12);
        Assert.True(double.IsFinite(GanBalance.Ratio(1, 1, 0)));
        Assert.Equal((true, true), Rule.Next(false, double.NaN));
    }
}

[Collection(nameof(TorchSeeded))]
public sealed class GanTrainerTests(UgnCity city) : IClassFixture<UgnCity>, IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>Both networks train every step: thresholds the ratio never crosses.</summary>
    static readonly GanBalance Always = new(1e-9, 1e-9, 1e9);

    static GanTrainingOptions Tiny => new()
    {
        Generator = UgnOptions.Tiny with { Channels = 8, MinChannels = 4, FcWidth = 16 },
        Discriminator = DiscriminatorOptions.Tiny,
        Epochs = 3,
        BatchSize = 8,
        Lr = 2e-3,
        LambdaImage = 2e-5,
        LambdaFeature = 0.1,
        LambdaAdversarial = 1,
        CheckpointEvery = 3,
        TraceEvery = 2,
        SampleImages = 2,
        Threads = 1,
    };

    [Fact]
    public void A_tiny_GANs_losses_move_as_they_should()
    {
        var path = dir.File("gan.safetensors");
        var result = new GanTrainer(Tiny with { Epochs = 5, Balance = Always, LambdaImage = 1e-3 }).Run(city.Model, city.Codes, path, "eop train gan --test");
        Assert.True(result.Completed);
        Assert.Equal(20, result.Steps);
        Assert.Equal(1.0, result.DiscriminatorTrainedFraction);
        Assert.Equal(1.0, result.GeneratorTrainedFraction);
        var log = GanTrainingLog.Read(Path.ChangeExtension(path, ".jsonl"));
        var trace = log.Where(l => l.Kind == "trace").ToArray();
        var epochs = log.Where(l => l.Kind == "epoch").ToArray();
        Assert.Equal(10, trace.Length);
        Assert.Equal([1, 2, 3, 4, 5], epochs.Select(e => e.Epoch));
        // An untrained discriminator is at chance: −log ½ on each side.
        Assert.InRange(trace[0].DReal + trace[0].DGenerated, 2 * Math.Log(2) - 0.3, 2 * Math.Log(2) + 0.3);
        // A generator from scratch is easy to tell apart: D's loss falls.
        Assert.True(trace[^1].DReal + trace[^1].DGenerated < trace[0].DReal + trace[0].DGenerated - 0.1,
            $"D's loss went from {trace[0].DReal + trace[0].DGenerated} to {trace[^1].DReal + trace[^1].DGenerated}");
        // The image term pulls the generator to the images.
        Assert.True(trace[^1].Image < trace[0].Image * 0.8, $"the image term went from {trace[0].Image} to {trace[^1].Image}");
        Assert.True(epochs[^1].RealProbability > epochs[^1].GeneratedProbability, "D believes the held-out originals less than the reconstructions");
        Assert.All(epochs, e => Assert.True(double.IsFinite(e.ValidationMse!.Value) && e.ValidationSharpness > 0));
        Assert.True(File.Exists(Path.Combine(path + ".samples", "epoch-005.png")));
        var info = UgnCheckpoint.ReadInfo(path);
        Assert.Equal("gan", info.Provenance.Notes["objective"]);
        Assert.Equal(result.ValidationMse, info.Provenance.Metrics["validation_mse"]);
    }

    [Fact]
    public void The_balancing_rule_pauses_each_network_and_the_other_learns_alone()
    {
        // r is about 2 at the start: above a stop threshold of 5, D stops after the first step,
        // and a generator trained on the adversarial term alone learns to fool the frozen D.
        var dPath = dir.File("d.safetensors");
        var adversarialOnly = Tiny with { Epochs = 3, LambdaImage = 0, LambdaFeature = 0, Lr = 1e-2, Discriminator = DiscriminatorOptions.Tiny with { Dropout = 0 } };
        var dStops = new GanTrainer(adversarialOnly with { Balance = new(5, 1e8, 1e9) }).Run(city.Model, city.Codes, dPath, "d");
        Assert.Equal(1.0 / 12, dStops.DiscriminatorTrainedFraction, 9);
        Assert.Equal(1.0, dStops.GeneratorTrainedFraction);
        var dTrace = GanTrainingLog.Read(Path.ChangeExtension(dPath, ".jsonl")).Where(l => l.Kind == "trace").ToArray();
        Assert.True(dTrace.Zip(dTrace.Skip(1)).All(p => p.Second.Adversarial < p.First.Adversarial), $"G's adversarial loss against a frozen D did not fall at every window: {string.Join(", ", dTrace.Select(l => l.Adversarial))}");

        // Above an only-D threshold of 0.2 the generator stops after the first step, D learns to tell
        // its images apart, and G starts again once r has fallen to 0.2. Every step follows the rule.
        var rule = new GanBalance(0.01, 0.02, 0.2);
        var steps = new List<GanTrainingProgress>();
        var gStops = new GanTrainer(adversarialOnly with { Balance = rule }).Run(city.Model, city.Codes, dir.File("g.safetensors"), "g", progress: new Collect(steps));
        Assert.Equal(12, steps.Count);
        Assert.Equal(1.0, gStops.DiscriminatorTrainedFraction);
        Assert.True(steps[0].GeneratorTrained && !steps[1].GeneratorTrained);
        for (var k = 1; k < steps.Count; k++)
        {
            var r = GanBalance.Ratio(steps[k - 1].DiscriminatorLoss, 0, steps[k - 1].AdversarialLoss);
            Assert.Equal(rule.Next(steps[k - 1].DiscriminatorTrained, r), (steps[k].DiscriminatorTrained, steps[k].GeneratorTrained));
        }
        var paused = steps.Skip(1).TakeWhile(p => !p.GeneratorTrained).ToArray();
        Assert.True(paused[^1].DiscriminatorLoss < steps[0].DiscriminatorLoss - 0.1,
            $"D's loss against a frozen G went from {steps[0].DiscriminatorLoss} to {paused[^1].DiscriminatorLoss}");
    }

    [Fact]
    public void Resumed_run_reaches_the_weights_of_an_uninterrupted_one()
    {
        var straight = dir.File("straight.safetensors");
        new GanTrainer(Tiny).Run(city.Model, city.Codes, straight, "straight");

        var resumed = dir.File("resumed.safetensors");
        using (var cts = new CancellationTokenSource())
        {
            // Stopped after step 8: the last checkpoint is step 6, so the resumed run replays steps 7 and 8.
            var first = new GanTrainer(Tiny).Run(city.Model, city.Codes, resumed, "resumed", progress: new StopAt(8, cts), cancel: cts.Token);
            Assert.False(first.Completed);
        }
        var second = new GanTrainer(Tiny).Run(city.Model, city.Codes, resumed, "resumed", resume: true);
        Assert.True(second.Completed);
        Assert.Equal(12, second.Steps);

        using var a = Safetensors.Load(straight);
        using var b = Safetensors.Load(resumed);
        Assert.Equal(a.Tensors.Keys, b.Tensors.Keys);
        foreach (var (name, t) in a.Tensors)
            Assert.True(t.equal(b.Tensors[name]).all().item<bool>(), $"{name} differs after resume");
        Assert.Equal(GanTrainingLog.Read(Path.ChangeExtension(straight, ".jsonl")).Select(l => (l.Kind, l.Step, l.DReal, l.Image)),
            GanTrainingLog.Read(Path.ChangeExtension(resumed, ".jsonl")).Select(l => (l.Kind, l.Step, l.DReal, l.Image)));
        Assert.Equal(UgnCheckpoint.ReadInfo(straight).Provenance.Metrics, UgnCheckpoint.ReadInfo(resumed).Provenance.Metrics);

        var e = Assert.Throws<ArgumentException>(() => new GanTrainer(Tiny with { LambdaAdversarial = 2 }).Run(city.Model, city.Codes, resumed, "other", resume: true));
        Assert.Contains("fingerprint", e.Message);
    }

    [Fact]
    public void It_starts_from_a_UGN_and_refuses_one_of_another_tap()
    {
        var ugnPath = dir.File("ugn.safetensors");
        new UgnTrainer(new UgnTrainingOptions { Generator = UgnOptions.Tiny, Epochs = 1, BatchSize = 8, Threads = 1 }).Run(city.Codes, ugnPath, "ugn");
        var gan = dir.File("gan.safetensors");
        var result = new GanTrainer(Tiny with { Epochs = 1, Generator = UgnOptions.Default }).Run(city.Model, city.Codes, gan, "gan", initFrom: ugnPath);
        Assert.True(result.Completed);
        var info = UgnCheckpoint.ReadInfo(gan);
        Assert.Equal(UgnOptions.Tiny, info.Options);
        Assert.Equal(WeightsManifest.Hash(ugnPath), info.Provenance.Notes["init_from_sha256"]);

        using var conv4 = CodeCache.Build(city.Model, "conv4", [city.Root], images: 12, seed: 3);
        var e = Assert.Throws<CheckpointException>(() => new GanTrainer(Tiny).Run(city.Model, conv4, dir.File("x.safetensors"), "x", initFrom: ugnPath));
        Assert.Contains("'tap' is 'fc5', expected 'conv4'", e.Message);
    }

    sealed class Collect(List<GanTrainingProgress> steps) : IProgress<GanTrainingProgress>
    {
        public void Report(GanTrainingProgress value) => steps.Add(value);
    }

    sealed class StopAt(int step, CancellationTokenSource cts) : IProgress<GanTrainingProgress>
    {
        public void Report(GanTrainingProgress value)
        {
            if (value.Step == step) cts.Cancel();
        }
    }
}
