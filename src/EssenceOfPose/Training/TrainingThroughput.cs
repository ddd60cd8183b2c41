using System.Diagnostics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Training;

/// <summary>
/// Speed of the training step as <see cref="PoseNetTrainer"/> runs it — the batch gathered from a
/// patch cache and mean-subtracted, forward through both towers, the original loss, backward,
/// gradient clipping, the update — on random patches, so nothing but the step is timed.
/// </summary>
public static class TrainingThroughput
{
    /// <summary>Median pairs per second over <paramref name="repeats"/> runs of <paramref name="steps"/> steps each, after <paramref name="warmup"/> steps.</summary>
    public static double PairsPerSecond(PoseNetTrainingOptions options, int batch, int steps, int warmup, int repeats)
    {
        if (batch < 2 || steps < 1 || warmup < 0 || repeats < 1) throw new ArgumentOutOfRangeException(nameof(batch), "batch >= 2, steps >= 1, warmup >= 0, repeats >= 1");
        torch.manual_seed(options.Seed);
        using var model = Checkpoint.Create(options.Architecture, options.LabelKind);
        model.HeInit();
        model.train();
        using var optimizer = PoseNetTrainer.CreateOptimizer(model, options);
        using var gen = new Generator((ulong)options.Seed);
        const int views = 128;
        using var patches = torch.rand([views, 3, model.InputSize, model.InputSize], generator: gen) * 255;
        using var mean = patches.mean([0, 2, 3], keepdim: true);
        var rng = new Random(options.Seed);

        void Run(int n)
        {
            for (var i = 0; i < n; i++)
            {
                using var scope = torch.NewDisposeScope();
                var first = Enumerable.Range(0, batch).Select(_ => (long)rng.Next(views)).ToArray();
                var second = Enumerable.Range(0, batch).Select(_ => (long)rng.Next(views)).ToArray();
                var a = patches.index_select(0, torch.tensor(first)) - mean;
                var b = patches.index_select(0, torch.tensor(second)) - mean;
                var match = torch.tensor(Enumerable.Range(0, batch).Select(j => (long)(j % 2)).ToArray());
                var label = torch.randn([batch, model.PoseOutputs], generator: gen);
                PoseNetTrainer.Step(model, optimizer, a, b, match, label, options);
            }
        }

        Run(warmup);
        var rates = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            Run(steps);
            rates[r] = steps * batch / clock.Elapsed.TotalSeconds;
        }
        Array.Sort(rates);
        return rates[repeats / 2];
    }
}
