using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Experiments;
using EssenceOfPose.Figures;
using EssenceOfPose.Generators;
using EssenceOfPose.Inversion;
using EssenceOfPose.Tests.Training;

namespace EssenceOfPose.Tests.Generators;

/// <summary>Every method on the same images (the table of the UGN and GAN issues), the overfitting experiment and the training log, on the tiny city.</summary>
[Collection(nameof(TorchSeeded))]
public sealed class MethodComparisonTests(UgnCity city) : IClassFixture<UgnCity>, IDisposable
{
    readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    static UgnTrainingOptions Tiny => new()
    {
        Generator = UgnOptions.Tiny with { Channels = 8, MinChannels = 4, FcWidth = 16 },
        Epochs = 2,
        BatchSize = 8,
        Lr = 1e-2,
        Threads = 1,
    };

    [Fact]
    public void The_table_has_every_method_and_tap_and_the_baseline_is_scored_like_a_reconstruction()
    {
        using var scope = torch.NewDisposeScope();
        var set = HeldOutSet.Pick(StreetViewDataset.Load(city.Root), 3, 7, city.Model, [city.Model.Tap("fc5"), city.Model.Tap("conv4")]);
        var path = dir.File("g.safetensors");
        new UgnTrainer(Tiny).Run(city.Codes, path, "test");
        var (g, info) = UgnCheckpoint.Load(path, "fc5");
        using var _ = g;
        var preset = MahendranVedaldi.Quick.ForPoseNet().WithSteps(2);
        ComparedMethod[] methods =
        [
            ComparedMethod.Generator("UGN", g, info, path),
            ComparedMethod.Optimisation("optimisation", "fc5", preset),
            ComparedMethod.OtherImage("fc5"),
            ComparedMethod.Optimisation("optimisation", "conv4", preset),
            ComparedMethod.OtherImage("conv4"),
        ];
        var messages = new List<string>();
        var result = MethodComparison.Run(city.Model, set.Targets.Images, set.Partners.Images, set.Others.Images, methods, new Synchronous(messages.Add));

        Assert.Equal(["UGN at fc5", "optimisation at fc5", "other image at fc5", "optimisation at conv4", "other image at conv4"], messages);
        var table = result.Table();
        Assert.Equal(5, table.Rows.Count);
        Assert.Equal(methods.Select(m => (m.Name, m.Tap)), table.Rows.Select(r => ((string)r[0]!, (string)r[1]!)));
        foreach (var row in result.Rows)
        {
            Assert.Equal(3, row.Images.Count);
            Assert.Equal(3, row.FeatureErrors.Count);
            Assert.All(row.Scores.Sharpness, s => Assert.True(s >= 0 && double.IsFinite(s), $"{row.Method}: sharpness {s}"));
            Assert.NotNull(row.Scores.Agreement);
            Assert.True(row.SecondsPerImage >= 0);
        }
        // The baseline is the other images themselves: its feature error is that of their codes, and its sharpness theirs over the originals'.
        var other = result["other image", "fc5"];
        using (torch.no_grad())
        {
            var expected = Objectives.NormalisedError(city.Model.Net.Tap(set.Others.Batch, "fc5"), city.Model.Net.Tap(set.Targets.Batch, "fc5")).to(ScalarType.Float64).ToArray<double>();
            Assert.Equal(expected, other.FeatureErrors.ToArray(), (a, b) => Math.Abs(a - b) < 1e-9);
        }
        Assert.Throws<KeyNotFoundException>(() => result["GAN", "fc5"]);

        var report = MethodComparisonFiles.Write(result, set, "in memory", dir.File("out"));
        Assert.Equal(5, report.Rows.Count);
        Assert.True(File.Exists(Path.Combine(dir.File("out"), "comparison.png")));
        Assert.Contains("other image", File.ReadAllText(Path.Combine(dir.File("out"), "comparison.txt")));
    }

    [Fact]
    public void Mismatched_batches_and_an_empty_method_list_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        var set = HeldOutSet.Pick(StreetViewDataset.Load(city.Root), 3, 7, city.Model, [city.Model.Tap("fc5")]);
        Assert.Throws<ArgumentException>(() => MethodComparison.Run(city.Model, set.Targets.Images, set.Partners.Images, set.Others.Images, []));
        var e = Assert.Throws<ArgumentException>(() => MethodComparison.Run(city.Model, set.Targets.Images, set.Partners.Images.Take(2), set.Others.Images, [ComparedMethod.OtherImage("fc5")]));
        Assert.Contains("2 partners", e.Message);
    }

    [Fact]
    public void Overfitting_scores_the_training_and_held_out_images_and_reads_the_log_back()
    {
        using var scope = torch.NewDisposeScope();
        var options = Tiny with { Epochs = 12, ValidationFraction = 0.25 };
        var r = GeneratorOverfitting.Run(city.Model, "fc5", [city.Root], 32, options, dir.File("overfit"), show: 3);
        Assert.Equal(24, r.TrainImages);
        Assert.Equal(8, r.HeldOutImages);
        Assert.Equal(24, r.TrainingPsnr.Count);
        Assert.Equal(8, r.HeldOutPsnr.Count);
        Assert.Equal(3, r.Training.Count);
        Assert.Equal(3, r.HeldOutReconstructions.Count);
        Assert.Equal(Enumerable.Range(1, 12), r.Epochs.Select(e => e.Epoch));
        Assert.True(r.Epochs[^1].TrainLoss < r.Epochs[0].TrainLoss, "the training loss did not fall");
        // The last epoch's training MSE is measured in training mode over the epoch; the PSNR after it in eval mode: both finite and in the image range.
        Assert.All(r.TrainingPsnr.Concat(r.HeldOutPsnr), p => Assert.InRange(p, 0, 60));
        Assert.Equal(2, r.Table().Rows.Count);
        Assert.Contains("training MSE", r.LossChart().ToJson());
        Assert.Equal(4, r.Grid().Columns);
    }

    [Fact]
    public void The_parting_epoch_is_where_the_held_out_loss_leaves_its_best_for_good()
    {
        UgnEpoch E(int epoch, double validation) => new(epoch, epoch * 10, 100.0 / epoch, validation, epoch);
        OverfittingResult With(params UgnEpoch[] epochs) => new("fc5", 1, 1, epochs, null!, null!, null!, null!, [1.0], [1.0]);
        Assert.Null(With(E(1, 100), E(2, 90), E(3, 80)).PartingEpoch);
        Assert.Equal(3, With(E(1, 100), E(2, 80), E(3, 90), E(4, 95)).PartingEpoch);
        // A rise that comes back within 5 % of the best is not a parting.
        Assert.Null(With(E(1, 100), E(2, 80), E(3, 90), E(4, 83)).PartingEpoch);
    }

    [Fact]
    public void A_training_log_with_a_bad_line_is_refused_naming_the_line()
    {
        var path = dir.File("log.jsonl");
        File.WriteAllText(path, "{\"epoch\":1,\"step\":4,\"trainLoss\":10.5,\"validationLoss\":12,\"seconds\":1.5}\n\n{\"epoch\":2,\"step\":8,\"trainLoss\":\"NaN\",\"validationLoss\":11,\"seconds\":3}\n");
        var epochs = UgnTrainingLog.Read(path);
        Assert.Equal(2, epochs.Count);
        Assert.True(double.IsNaN(epochs[1].TrainLoss));
        Assert.Equal(10 * Math.Log10(255.0 * 255.0 / 100), UgnEpoch.Psnr(100), 12);
        File.AppendAllText(path, "{\"epoch\":3,\"step\"\n");
        var e = Assert.Throws<InvalidDataException>(() => UgnTrainingLog.Read(path));
        Assert.Contains("line 4", e.Message);
        Assert.Contains(path, e.Message);
        File.WriteAllText(path, "{\"epoch\":0,\"step\":1,\"trainLoss\":1,\"validationLoss\":1,\"seconds\":1}\n");
        Assert.Contains("'epoch'", Assert.Throws<InvalidDataException>(() => UgnTrainingLog.Read(path)).Message);
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    sealed class Synchronous(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
