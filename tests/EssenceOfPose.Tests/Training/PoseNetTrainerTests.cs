using System.Text.Json;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Tests.Training;

public sealed class PoseNetTrainerTests(TinyCity city) : IClassFixture<TinyCity>, IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("eop-train-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static PoseNetTrainingOptions Tiny => TinyTraining.Options;

    PoseNetData Data() => TinyTraining.Data(city);

    [Fact]
    public void Loss_falls_and_the_checkpoint_records_what_made_it()
    {
        using var data = Data();
        var o = Tiny with { Epochs = 8, BaseLr = 3e-3 };
        var path = Path.Combine(dir, "tiny.safetensors");
        var result = new PoseNetTrainer(o).Run(data, path, "eop train posenet --test");
        Assert.True(result.Completed);
        var log = File.ReadAllLines(Path.ChangeExtension(path, ".jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(8, log.Length);
        var first = log[0].GetProperty("loss").GetDouble();
        var last = log[^1].GetProperty("loss").GetDouble();
        Assert.True(last < first * 0.9, $"training loss went from {first} to {last}");

        var info = Checkpoint.ReadInfo(path);
        Assert.Equal("eop train posenet --test", info.Provenance.Command);
        Assert.Equal(1L, info.Provenance.Seed);
        Assert.NotNull(info.LabelStats);
        Assert.All(info.Mean, m => Assert.InRange(m, 1, 254));
        Assert.True(info.Provenance.Metrics.ContainsKey("match_auc"));
        Assert.True(info.Provenance.Metrics.ContainsKey("baseline_mean_pose_median_rotation_deg"));
    }

    [Fact]
    public void Resumed_run_reaches_the_weights_of_an_uninterrupted_one()
    {
        using var data = Data();
        var straight = Path.Combine(dir, "straight.safetensors");
        new PoseNetTrainer(Tiny).Run(data, straight, "straight");

        var resumed = Path.Combine(dir, "resumed.safetensors");
        using (var cts = new CancellationTokenSource())
        {
            // "Kill" after step 5: the last checkpoint is step 4, so the resumed run replays step 5.
            var stop = new StopAtStep(cts, 5);
            var first = new PoseNetTrainer(Tiny).Run(data, resumed, "resumed", progress: stop, cancel: cts.Token);
            Assert.False(first.Completed);
            Assert.False(File.Exists(resumed));
        }
        var second = new PoseNetTrainer(Tiny).Run(data, resumed, "resumed", resume: true);
        Assert.True(second.Completed);

        using var a = Safetensors.Load(straight);
        using var b = Safetensors.Load(resumed);
        Assert.Equal(a.Tensors.Keys, b.Tensors.Keys);
        foreach (var (name, t) in a.Tensors)
            Assert.True(t.ToArray<float>().SequenceEqual(b.Tensors[name].ToArray<float>()), $"{name} differs after resume");
    }

    [Fact]
    public void Epoch_seeds_are_the_same_in_every_process()
    {
        // Pinned values: a per-process hash (HashCode.Combine) here once made a resumed run,
        // started in a new process, draw other batches than the run it continued.
        Assert.Equal(unchecked((int)(2654435761u ^ 3u * 40503u ^ 0x5eedu)), PoseNetTrainer.EpochSeed(1, 3, 0x5eed));
        Assert.NotEqual(PoseNetTrainer.EpochSeed(1, 3, 0x5eed), PoseNetTrainer.EpochSeed(1, 4, 0x5eed));
        Assert.NotEqual(PoseNetTrainer.EpochSeed(1, 3, 0x5eed), PoseNetTrainer.EpochSeed(2, 3, 0x5eed));
    }

    [Fact]
    public void Drawing_new_negatives_each_epoch_changes_what_is_learnt()
    {
        using var data = Data();
        var o = Tiny with { Epochs = 2 };
        var fresh = Path.Combine(dir, "fresh.safetensors");
        var fixedNegatives = Path.Combine(dir, "fixed.safetensors");
        new PoseNetTrainer(o).Run(data, fresh, "fresh");
        new PoseNetTrainer(o with { ResampleNegatives = false }).Run(data, fixedNegatives, "fixed");
        using var a = Safetensors.Load(fresh);
        using var b = Safetensors.Load(fixedNegatives);
        Assert.Contains(a.Tensors, kv => !kv.Value.ToArray<float>().SequenceEqual(b.Tensors[kv.Key].ToArray<float>()));
    }

    [Fact]
    public void Fine_tuning_starts_from_the_given_checkpoint_and_records_it()
    {
        using var data = Data();
        var start = Path.Combine(dir, "start.safetensors");
        new PoseNetTrainer(Tiny with { Epochs = 1 }).Run(data, start, "start");
        // With a zero learning rate AdamW leaves every weight where it started: the loaded ones.
        var tuned = Path.Combine(dir, "tuned.safetensors");
        new PoseNetTrainer(Tiny with { Epochs = 1, Solver = PoseSolver.AdamW, BaseLr = 0, InitFrom = start, Seed = 9 }).Run(data, tuned, "tuned");
        using (var a = Safetensors.Load(start))
        using (var b = Safetensors.Load(tuned))
        {
            foreach (var (name, t) in a.Tensors)
                Assert.True(t.ToArray<float>().SequenceEqual(b.Tensors[name].ToArray<float>()), $"{name} is not the starting checkpoint's");
        }
        Assert.StartsWith("start.safetensors sha256 ", Checkpoint.ReadInfo(tuned).Provenance.Notes["init_from"]);

        var error = Assert.Throws<ArgumentException>(() =>
            new PoseNetTrainer(Tiny with { LabelKind = EssenceOfPose.Data.Pairs.PoseLabelKind.Dof2, InitFrom = start }).Run(data, Path.Combine(dir, "x.safetensors"), "x"));
        Assert.Contains("start.safetensors", error.Message);
        Assert.Contains("Dof6", error.Message);
    }
}
