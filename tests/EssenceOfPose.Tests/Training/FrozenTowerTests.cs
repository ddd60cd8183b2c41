using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Tests.Training;

/// <summary>
/// Fine-tuning above a frozen tap (<c>eop train posenet --freeze-through</c>): the tower cut and
/// continued, the frozen layers untouched, and the lineage that lets generators trained on the
/// starting network's codes invert the new one.
/// </summary>
[Collection("TorchSeeded")]
public sealed class FrozenTowerTests(TinyCity city) : IClassFixture<TinyCity>, IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("eop-frozen-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static PoseNetTrainingOptions Tiny => TinyTraining.Options with { Epochs = 2 };

    PoseNetData Data() => TinyTraining.Data(city);

    /// <summary>A network trained whole for one epoch: what the frozen runs start from.</summary>
    string Start(PoseNetData data)
    {
        var start = Path.Combine(dir, "start.safetensors");
        new PoseNetTrainer(Tiny with { Epochs = 1 }).Run(data, start, "start");
        return start;
    }

    [Theory]
    [InlineData("posenet", "conv4")]
    [InlineData("posenet", "fc5")]
    [InlineData("posenet", "fc6")]
    [InlineData("smallnet-v5", "conv2")]
    [InlineData("smallnet-v5", "fc5")]
    public void The_tower_continued_from_a_tap_and_the_heads_on_codes_are_the_forward_pass(string architecture, string tap)
    {
        torch.manual_seed(3);
        using var net = Checkpoint.Create(architecture, EssenceOfPose.Data.Pairs.PoseLabelKind.Dof6);
        net.HeInit();
        net.eval();
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var a = torch.randn(3, 3, 101, 101) * 40;
        var b = torch.randn(3, 3, 101, 101) * 40;
        var code = net.Embed(a);
        Assert.True(torch.allclose(net.EmbedFrom(net.Tap(a, tap), tap), code, rtol: 1e-5, atol: 1e-5), $"EmbedFrom({tap}) is not Embed");
        var (pose, logits) = net.forward(a, b);
        var (hp, hl) = net.Heads(code, net.Embed(b));
        Assert.True(torch.allclose(hp, pose, rtol: 1e-5, atol: 1e-5));
        Assert.True(torch.allclose(hl, logits, rtol: 1e-5, atol: 1e-5));
    }

    [Fact]
    public void The_parameters_through_a_tap_are_those_its_blob_depends_on()
    {
        using var posenet = new PoseNet();
        Assert.Equal(new[] { "conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "conv3.weight", "conv3.bias", "conv4.weight", "conv4.bias" },
            posenet.ParametersThrough("conv4").Select(p => p.Name));
        Assert.Equal(10, posenet.ParametersThrough("fc5").Count);
        Assert.DoesNotContain(posenet.ParametersThrough("fc6"), p => p.Name.StartsWith("common_fc", StringComparison.Ordinal));
        // A learned activation belongs to its layer: SmallNet's fc5 PReLU slopes are frozen with fc5.
        using var small = new SmallNetV5();
        Assert.Contains(small.ParametersThrough("fc5"), p => p.Name == "relu5.weight");

        Assert.Contains("fc5:pre", Assert.Throws<ArgumentException>(() => posenet.StageIndex("fc5:pre")).Message);
        Assert.Contains("conv1, pool1", Assert.Throws<ArgumentException>(() => posenet.StageIndex("fc9")).Message);
    }

    [Fact]
    public void Training_above_a_frozen_fc5_keeps_the_codes_and_declares_them()
    {
        using var data = Data();
        var start = Start(data);
        var tuned = Path.Combine(dir, "tuned.safetensors");
        var result = new PoseNetTrainer(Tiny with { InitFrom = start, FreezeThrough = "fc5", Augment = true, BaseLr = 3e-3, Seed = 4 }).Run(data, tuned, "tuned");
        Assert.True(result.Completed);

        using (var a = Safetensors.Load(start))
        using (var b = Safetensors.Load(tuned))
        {
            foreach (var (name, t) in a.Tensors)
            {
                var same = t.ToArray<float>().SequenceEqual(b.Tensors[name].ToArray<float>());
                var frozen = name.StartsWith("conv", StringComparison.Ordinal) || name.StartsWith("fc5.", StringComparison.Ordinal);
                Assert.True(same == frozen, $"{name}: {(frozen ? "a frozen layer moved" : "a trained layer did not move")}");
            }
        }
        var startInfo = Checkpoint.ReadInfo(start);
        var info = Checkpoint.ReadInfo(tuned);
        Assert.Equal(startInfo.Mean, info.Mean);
        Assert.Equal(startInfo.LabelStats!.Mean, info.LabelStats!.Mean);
        Assert.Equal("fc5", info.Provenance.Notes[CodeLineage.ThroughNote]);
        var startSha = WeightsManifest.Hash(start);
        Assert.Equal(new[] { new SameCodes(startSha, "fc5") }, CodeLineage.Declared(info, tuned));

        using var before = PoseModel.Load(start);
        using var after = PoseModel.Load(tuned);
        Assert.Equal(CodeLineage.Fingerprint(before.Net, before.Info.Mean, "fc5"), info.Provenance.Notes[CodeLineage.FingerprintNote]);
        Assert.True(CodeLineage.SharesCodes(after, startSha, "fc5"));
        Assert.True(CodeLineage.SharesCodes(after, startSha, "conv4"));
        Assert.True(CodeLineage.SharesCodes(after, startSha, "conv4:pre"));
        Assert.False(CodeLineage.SharesCodes(after, startSha, "fc6"));
        Assert.False(CodeLineage.SharesCodes(before, WeightsManifest.Hash(tuned), "fc5"));
        Assert.True(CodeLineage.SharesCodes(after, WeightsManifest.Hash(tuned), "fc6"));

        // A generator trained on the starting network's codes is taken by the tuned one at conv4 and fc5.
        foreach (var tap in new[] { "conv4", "fc5" })
        {
            using var generator = EssenceOfPose.Generators.UpConvGenerator.For(after, tap, EssenceOfPose.Generators.UgnOptions.Default);
            var g = new EssenceOfPose.Generators.UgnInfo { Tap = tap, CodeShape = generator.CodeShape, PoseNetSha256 = startSha };
            Assert.Equal(tap, EssenceOfPose.Generators.UgnReconstruction.Check(after, generator, g, "g.safetensors").ToString());
            var other = g with { PoseNetSha256 = new string('a', 64) };
            Assert.Contains("g.safetensors", Assert.Throws<CheckpointException>(() => EssenceOfPose.Generators.UgnReconstruction.Check(after, generator, other, "g.safetensors")).Message);
        }

        // A second frozen stage, through conv4 this time, inherits the first file's codes up to conv4 only.
        var third = Path.Combine(dir, "third.safetensors");
        new PoseNetTrainer(Tiny with { Epochs = 1, InitFrom = tuned, FreezeThrough = "conv4", Seed = 5 }).Run(data, third, "third");
        var declared = CodeLineage.Declared(Checkpoint.ReadInfo(third), third);
        Assert.Equal(new[] { new SameCodes(WeightsManifest.Hash(tuned), "conv4"), new SameCodes(startSha, "conv4") }, declared);
        using var thirdModel = PoseModel.Load(third);
        Assert.True(CodeLineage.SharesCodes(thirdModel, startSha, "conv4"));
        Assert.False(CodeLineage.SharesCodes(thirdModel, startSha, "fc5"));
    }

    [Fact]
    public void A_frozen_run_resumes_to_the_weights_of_an_uninterrupted_one()
    {
        using var data = Data();
        var start = Start(data);
        var o = Tiny with { InitFrom = start, FreezeThrough = "fc5", Augment = true };
        var straight = Path.Combine(dir, "straight.safetensors");
        new PoseNetTrainer(o).Run(data, straight, "straight");
        var resumed = Path.Combine(dir, "resumed.safetensors");
        using (var cts = new CancellationTokenSource())
        {
            var first = new PoseNetTrainer(o).Run(data, resumed, "resumed", progress: new StopAtStep(cts, 3), cancel: cts.Token);
            Assert.False(first.Completed);
        }
        Assert.True(new PoseNetTrainer(o).Run(data, resumed, "resumed", resume: true).Completed);
        using var a = Safetensors.Load(straight);
        using var b = Safetensors.Load(resumed);
        foreach (var (name, t) in a.Tensors)
            Assert.True(t.ToArray<float>().SequenceEqual(b.Tensors[name].ToArray<float>()), $"{name} differs after resume");
    }

    [Fact]
    public void Freezing_without_a_trained_network_or_at_a_bad_tap_is_refused()
    {
        using var data = Data();
        var path = Path.Combine(dir, "x.safetensors");
        Assert.Contains("--init-from", Assert.Throws<ArgumentException>(() => new PoseNetTrainer(Tiny with { FreezeThrough = "fc5" }).Run(data, path, "x")).Message);
        var start = Start(data);
        Assert.Contains("fc5:pre", Assert.Throws<ArgumentException>(() => new PoseNetTrainer(Tiny with { InitFrom = start, FreezeThrough = "fc5:pre" }).Run(data, path, "x")).Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_declaration_its_weights_contradict_is_an_error_naming_the_file()
    {
        using var data = Data();
        var start = Start(data);
        var tuned = Path.Combine(dir, "tuned.safetensors");
        new PoseNetTrainer(Tiny with { Epochs = 1, InitFrom = start, FreezeThrough = "fc5" }).Run(data, tuned, "tuned");
        // The same file with conv2 nudged after training: its claim no longer holds.
        var (net, info) = Checkpoint.Load(tuned);
        using (net)
        {
            using (torch.no_grad()) net.named_parameters().First(p => p.name == "conv2.weight").parameter.add_(1e-3f);
            var changed = Path.Combine(dir, "changed.safetensors");
            Checkpoint.Save(changed, net, info);
            using var model = PoseModel.Load(changed);
            var error = Assert.Throws<CheckpointException>(() => CodeLineage.SharesCodes(model, WeightsManifest.Hash(start), "conv4"));
            Assert.Contains("changed.safetensors", error.Message);
            Assert.Contains(CodeLineage.FingerprintNote, error.Message);
        }
    }
}
