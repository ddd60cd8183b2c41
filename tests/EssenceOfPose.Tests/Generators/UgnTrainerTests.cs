using System.Text.Json;
using EssenceOfPose.Generators;
using EssenceOfPose.Models;
using EssenceOfPose.Tests.Training;

namespace EssenceOfPose.Tests.Generators;

/// <summary>A PoseNet made in memory and the tiny city's views encoded at fc5, once for the class.</summary>
public sealed class UgnCity : IDisposable
{
    readonly TinyCity city = new();

    public UgnCity()
    {
        torch.set_num_threads(1);
        torch.manual_seed(11);
        var net = new PoseNet();
        // He-initialised, so that codes differ from view to view (the prototxt's fillers leave fc5 near zero for every image).
        net.HeInit();
        Model = PoseModel.Of(net, new CheckpointInfo { Architecture = PoseNet.Name, Mean = [120, 115, 105] });
        Codes = CodeCache.Build(Model, "fc5", [city.Root], images: 40, seed: 3);
    }

    public string Root => city.Root;

    public PoseModel Model { get; }

    public CodeCache Codes { get; }

    public void Dispose()
    {
        Codes.Dispose();
        Model.Dispose();
        city.Dispose();
    }
}

[Collection(nameof(TorchSeeded))]
public sealed class UgnTrainerTests(UgnCity city) : IClassFixture<UgnCity>, IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    static UgnTrainingOptions Tiny => new()
    {
        Generator = UgnOptions.Tiny with { Channels = 8, MinChannels = 4, FcWidth = 16 },
        Epochs = 3,
        BatchSize = 8,
        Lr = 1e-2,
        CheckpointEvery = 3,
        Threads = 1,
    };

    [Fact]
    public void The_cache_holds_preprocessed_images_and_their_codes()
    {
        var c = city.Codes;
        Assert.Equal(40, c.Count);
        Assert.Equal([40L, 3, 101, 101], c.Images.shape);
        Assert.Equal([40L, 500], c.Codes.shape);
        Assert.Equal("fc5", c.Tap);
        Assert.Equal("", c.ModelSha256);
        // Mean subtracted: the channel means of the patches are no longer near the 0–255 middle.
        var mean = c.Images.mean().item<float>();
        Assert.InRange(mean, -60, 60);
        using var again = CodeCache.Encode(city.Model, "fc5", c.Images.narrow(0, 0, 4));
        var diff = (again - c.Codes.narrow(0, 0, 4)).abs().max().item<float>();
        var scale = c.Codes.abs().max().item<float>();
        Assert.True(diff <= 1e-4 * scale, $"re-encoded codes differ by {diff} (codes up to {scale})");
        Assert.True(c.Codes.std().item<float>() > 0, "every code is the same");
        // The seed decides which views are kept, and in which order.
        using var other = CodeCache.Build(city.Model, "fc5", [city.Root], images: 5, seed: 4);
        Assert.NotEqual(c.Names.Take(5), other.Names);
    }

    [Fact]
    public void Loss_falls_on_a_tiny_set_and_the_log_has_a_line_per_epoch()
    {
        var path = dir.File("g.safetensors");
        var result = new UgnTrainer(Tiny with { Epochs = 6 }).Run(city.Codes, path, "eop train ugn --test");
        Assert.True(result.Completed);
        Assert.Equal(36, result.TrainImages);
        Assert.Equal(4, result.ValidationImages);
        var log = File.ReadAllLines(Path.ChangeExtension(path, ".jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(6, log.Length);
        Assert.Equal([1, 2, 3, 4, 5, 6], log.Select(l => l.GetProperty("epoch").GetInt32()));
        var first = log[0].GetProperty("trainLoss").GetDouble();
        var last = log[^1].GetProperty("trainLoss").GetDouble();
        Assert.True(last < first * 0.8, $"training loss went from {first} to {last}");
        Assert.All(log, l => Assert.True(double.IsFinite(l.GetProperty("validationLoss").GetDouble())));
        var info = UgnCheckpoint.ReadInfo(path);
        Assert.Equal("fc5", info.Tap);
        Assert.Equal("eop train ugn --test", info.Provenance.Command);
        Assert.Equal(result.ValidationLoss, info.Provenance.Metrics["validation_loss"]);
    }

    [Fact]
    public void Resumed_run_reaches_the_weights_of_an_uninterrupted_one()
    {
        var straight = dir.File("straight.safetensors");
        new UgnTrainer(Tiny).Run(city.Codes, straight, "straight");

        var resumed = dir.File("resumed.safetensors");
        using (var cts = new CancellationTokenSource())
        {
            // Stopped after step 8: the last checkpoint is step 6 (mid-epoch 2 of 4-step epochs), so the resumed run replays steps 7 and 8.
            var first = new UgnTrainer(Tiny).Run(city.Codes, resumed, "resumed", progress: new StopAt(8, cts), cancel: cts.Token);
            Assert.False(first.Completed);
            Assert.False(File.Exists(resumed));
        }
        var second = new UgnTrainer(Tiny).Run(city.Codes, resumed, "resumed", resume: true);
        Assert.True(second.Completed);
        Assert.Equal(12, second.Steps);

        using var a = Safetensors.Load(straight);
        using var b = Safetensors.Load(resumed);
        Assert.Equal(a.Tensors.Keys, b.Tensors.Keys);
        Assert.Contains("deconv1_bn.running_var", a.Tensors.Keys);
        foreach (var (name, t) in a.Tensors)
            Assert.True(t.equal(b.Tensors[name]).all().item<bool>(), $"{name} differs after resume");
        var losses = (string p) => File.ReadAllLines(Path.ChangeExtension(p, ".jsonl")).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("trainLoss").GetDouble()).ToArray();
        Assert.Equal(losses(straight), losses(resumed));
    }

    [Fact]
    public void Resuming_with_other_options_is_refused()
    {
        var path = dir.File("g.safetensors");
        using (var cts = new CancellationTokenSource())
            new UgnTrainer(Tiny).Run(city.Codes, path, "first", progress: new StopAt(3, cts), cancel: cts.Token);
        var e = Assert.Throws<ArgumentException>(() => new UgnTrainer(Tiny with { Lr = 1e-3 }).Run(city.Codes, path, "second", resume: true));
        Assert.Contains("fingerprint", e.Message);
        Assert.Throws<ArgumentException>(() => new UgnTrainer(Tiny).Run(city.Codes, dir.File("none.safetensors"), "none", resume: true));
    }

    [Fact]
    public void Options_out_of_range_are_refused_naming_the_option()
    {
        Assert.Contains("--batch 1", Assert.Throws<ArgumentException>(() => new UgnTrainer(Tiny with { BatchSize = 1 })).Message);
        Assert.Contains("--beta2", Assert.Throws<ArgumentException>(() => new UgnTrainer(Tiny with { Beta2 = 1 })).Message);
        Assert.Contains("channels 0", Assert.Throws<ArgumentException>(() => new UgnTrainer(Tiny with { Generator = UgnOptions.Tiny with { Channels = 0 } })).Message);
    }

    sealed class StopAt(int step, CancellationTokenSource cts) : IProgress<UgnTrainingProgress>
    {
        public void Report(UgnTrainingProgress value)
        {
            if (value.Step == step) cts.Cancel();
        }
    }
}
