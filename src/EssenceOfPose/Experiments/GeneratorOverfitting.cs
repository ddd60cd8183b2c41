using EssenceOfPose.Data;
using EssenceOfPose.Display;
using EssenceOfPose.Generators;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// The poster's "UGN: Overfitting (FC5)" panel, measured: a generator trained on a small set
/// reconstructs its training images better than images it never saw. Training and held-out
/// images with their reconstructions, the PSNR of each set, and the per-epoch losses that show
/// where the two part.
/// </summary>
public sealed record OverfittingResult(string Tap, int TrainImages, int HeldOutImages, IReadOnlyList<UgnEpoch> Epochs,
    ImageBatch Training, ImageBatch TrainingReconstructions, ImageBatch HeldOut, ImageBatch HeldOutReconstructions,
    IReadOnlyList<double> TrainingPsnr, IReadOnlyList<double> HeldOutPsnr)
{
    public double MeanTrainingPsnr => TrainingPsnr.Average();

    public double MeanHeldOutPsnr => HeldOutPsnr.Average();

    /// <summary>The first epoch after which the held-out loss never again came within 5 % of its best: where the curves part (null if they never did).</summary>
    public int? PartingEpoch
    {
        get
        {
            var best = double.PositiveInfinity;
            int? parting = null;
            foreach (var e in Epochs)
            {
                if (e.ValidationLoss <= best * 1.05) parting = null;
                else parting ??= e.Epoch;
                best = Math.Min(best, e.ValidationLoss);
            }
            return parting;
        }
    }

    /// <summary>Training images | their reconstructions | held-out images | theirs, each reconstruction captioned with its PSNR.</summary>
    public ImageGrid Grid(int scale = 2)
    {
        string Caption(double psnr) => FormattableString.Invariant($"PSNR {psnr:F1} dB");
        var n = Math.Min(Training.Count, HeldOut.Count);
        return ComparisonGrid.Of(
        [
            new GridColumn("training image", Training.Pictures().Take(n).ToArray()),
            new GridColumn($"UGN {Tap}", TrainingReconstructions.Pictures().Take(n).ToArray(), TrainingPsnr.Take(n).Select(Caption).ToArray()),
            new GridColumn("held-out image", HeldOut.Pictures().Take(n).ToArray()),
            new GridColumn($"UGN {Tap}", HeldOutReconstructions.Pictures().Take(n).ToArray(), HeldOutPsnr.Take(n).Select(Caption).ToArray()),
        ], title: FormattableString.Invariant($"UGN: overfitting ({Tap}): training PSNR {MeanTrainingPsnr:F1} dB, held-out {MeanHeldOutPsnr:F1} dB"), scale: scale);
    }

    public PlotlyChart LossChart() => UgnTrainingLog.Chart(Epochs, $"UGN at {Tap} on {TrainImages} training images: training and held-out loss per epoch");

    public MetricTable Table() => new MetricTable("set", "images", "PSNR (dB)", "final MSE")
        {
            Title = $"UGN at {Tap}: training against held-out images",
        }
        .AddRow("training", TrainImages, MeanTrainingPsnr, Epochs.Count > 0 ? Epochs[^1].TrainLoss : null)
        .AddRow("held out", HeldOutImages, MeanHeldOutPsnr, Epochs.Count > 0 ? Epochs[^1].ValidationLoss : null)
        .WithFormat("PSNR (dB)", "F2").WithFormat("final MSE", "F1");
}

/// <summary>Trains a generator on a small cache and measures how far it overfits (the experiment behind <see cref="OverfittingResult"/>).</summary>
public static class GeneratorOverfitting
{
    /// <summary>
    /// Caches <paramref name="images"/> views of <paramref name="roots"/> at <paramref name="tap"/>,
    /// trains a generator with <paramref name="options"/> (its <c>ValidationFraction</c> held out)
    /// into <paramref name="workDir"/>, and reconstructs <paramref name="show"/> training and
    /// <paramref name="show"/> held-out images. The batches join the current dispose scope.
    /// </summary>
    public static OverfittingResult Run(PoseModel model, string tap, IReadOnlyList<string> roots, int images, UgnTrainingOptions options, string workDir,
        int show = 6, IProgress<UgnTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        var at = model.Tap(tap);
        using var cache = CodeCache.Build(model, at, roots, images, options.Seed);
        Directory.CreateDirectory(workDir);
        var path = Path.Combine(workDir, $"overfit-{at}.safetensors");
        var result = new UgnTrainer(options).Run(cache, path, $"GeneratorOverfitting {at} {images} images", progress: progress, cancel: cancellation);
        if (!result.Completed) throw new OperationCanceledException("the overfitting run was stopped");
        var (generator, _) = UgnCheckpoint.Load(path, at.ToString(), model.Device);
        using (generator)
        {
            var n = Math.Min(show, Math.Min(result.TrainImages, result.ValidationImages));
            // Every image of both sets is scored; the first n of each are shown.
            var (train, trainRec, trainPsnr) = Reconstruct(model, generator, cache, 0, result.TrainImages);
            var (held, heldRec, heldPsnr) = Reconstruct(model, generator, cache, result.TrainImages, result.ValidationImages);
            return new OverfittingResult(at.ToString(), result.TrainImages, result.ValidationImages, UgnTrainingLog.Read(Path.ChangeExtension(path, ".jsonl")),
                train.Take(n), trainRec.Take(n), held.Take(n), heldRec.Take(n), trainPsnr, heldPsnr);
        }
    }

    static (ImageBatch Originals, ImageBatch Reconstructions, double[] Psnr) Reconstruct(PoseModel model, UpConvGenerator generator, CodeCache cache, long start, long count)
    {
        using var off = torch.no_grad();
        generator.eval();
        var (images, codes) = cache.Rows(start, count);
        var parts = new List<Tensor>();
        for (long i = 0; i < count; i += 64)
            parts.Add(generator.call(codes.narrow(0, i, Math.Min(64, count - i)).to(model.Device)).cpu());
        var rec = torch.cat(parts, 0);
        var psnr = ImageQuality.Psnr(model.Preprocess.ToRgb(images), model.Preprocess.ToRgb(rec));
        return (new ImageBatch(images.clone(), model.Preprocess), new ImageBatch(rec, model.Preprocess), psnr);
    }
}
