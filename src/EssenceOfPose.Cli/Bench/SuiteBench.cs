using System.Diagnostics;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Cli.Bench;

/// <summary>One figure of a workload as the suite measured it. <see cref="HigherIsBetter"/> for rates (GFLOP/s, pairs/s), not for times.</summary>
internal sealed record BenchMeasure(string Name, string Unit, double Value, bool HigherIsBetter);

/// <summary>
/// The suite's side of `eop bench`, each workload through the code the experiments run: raw
/// TorchSharp ops (matmul, conv2d, the cost of one tiny call), <see cref="TrainingThroughput"/>
/// (the trainer's own step) and the render loop of <see cref="Inverter"/> with the
/// Mahendran–Vedaldi preset. bench/pytorch_peer.py does the same in PyTorch under the same names.
/// </summary>
internal static class SuiteBench
{
    public static readonly string[] Workloads = ["torch", "posenet-train", "invert", "ugn-train"];

    public static IEnumerable<BenchMeasure> Run(string workload, int repeats) => workload switch
    {
        "torch" => Torch(repeats),
        "posenet-train" => [new("posenet-train batch 32", "pairs/s", TrainingThroughput.PairsPerSecond(PoseNetTrainingOptions.Full, batch: 32, steps: 3, warmup: 2, repeats), true)],
        "invert" => Invert(repeats),
        "ugn-train" => UgnTrain(repeats),
        _ => throw new ArgumentException($"--workload {workload}: expected all or one of {string.Join(", ", Workloads)}"),
    };

    static IEnumerable<BenchMeasure> Torch(int repeats)
    {
        using var scope = torch.NewDisposeScope();
        using var gen = new Generator(0);
        var a = torch.rand([1024, 1024], generator: gen) * 2 - 1;
        var b = torch.rand([1024, 1024], generator: gen) * 2 - 1;
        var x = torch.rand([64, 64, 32, 32], generator: gen) * 2 - 1;
        var w = torch.rand([128, 64, 3, 3], generator: gen) * 2 - 1;
        var p = torch.ones(1);
        var q = torch.ones(1);
        const int calls = 100_000;
        var mm = Median(repeats, 5, () => a.mm(b).Dispose());
        var conv = Median(repeats, 2, () => F.conv2d(x, w, padding: [1, 1]).Dispose());
        // The same convolution on channels-last (NHWC) strides, the layout the tower runs in (SiameseNet.Tap).
        var xl = x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        var wl = w.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);
        var convLast = Median(repeats, 2, () => F.conv2d(xl, wl, padding: [1, 1]).Dispose());
        var add = Median(repeats, 1, () =>
        {
            for (var i = 0; i < calls; i++) (p + q).Dispose();
        });
        return
        [
            new("matmul 1024² f32", "GFLOP/s", 2.0 * 1024 * 1024 * 1024 / mm / 1e9, true),
            new("conv2d 64×64×32×32, 128×3×3", "GFLOP/s", 2.0 * 64 * 128 * 32 * 32 * 64 * 9 / conv / 1e9, true),
            new("conv2d, channels-last", "GFLOP/s", 2.0 * 64 * 128 * 32 * 32 * 64 * 9 / convLast / 1e9, true),
            new("add, 1-element tensors", "µs/call", add / calls * 1e6, false),
        ];
    }

    /// <summary>ms per step of the first Mahendran–Vedaldi phase (jitter, feature loss, α-norm, TV, momentum-AdaGrad, box), C = 1, true gradient.</summary>
    static IEnumerable<BenchMeasure> Invert(int repeats)
    {
        torch.manual_seed(1);
        using var model = new PoseNet();
        model.HeInit();
        model.eval();
        foreach (var tap in new[] { "fc5", "conv4" })
            foreach (var n in new[] { 1, 16 })
            {
                using var gen = new Generator(2);
                using var targets = torch.rand([n, 3, 101, 101], generator: gen) * 255 - 128;
                var steps = n == 1 ? 50 : 8;
                var preset = new MahendranVedaldi { Steps = steps, SlowSteps = 0, GradientLeak = 0 };
                Inverter.Invert(model, targets, tap, preset with { Steps = n == 1 ? 10 : 2 }); // warm-up
                var perStep = new double[repeats];
                for (var r = 0; r < repeats; r++)
                {
                    using var scope = torch.NewDisposeScope();
                    perStep[r] = Inverter.Invert(model, targets, tap, preset).Elapsed.TotalSeconds / steps;
                }
                Array.Sort(perStep);
                yield return new($"invert {tap} batch {n}", "ms/step", perStep[repeats / 2] * 1e3, false);
            }
    }

    /// <summary>
    /// Images per second of the UGN's training step (<see cref="Generators.UgnTrainer"/>): the
    /// default generator (128 channels) from an fc5 code [500] and a conv4 code [160,4,4], batch
    /// 32, Adam, MSE.
    /// </summary>
    static IEnumerable<BenchMeasure> UgnTrain(int repeats)
    {
        var options = Generators.UgnTrainingOptions.Quick with { BatchSize = 32 };
        foreach (var (tap, shape) in new[] { ("fc5", new long[] { 500 }), ("conv4", new long[] { 160, 4, 4 }) })
            yield return new($"ugn-train {tap} batch 32", "images/s", Generators.UgnTrainer.ImagesPerSecond(shape, options, steps: 4, warmup: 2, repeats), true);
    }

    /// <summary>Median seconds per call over <paramref name="repeats"/> timed runs of <paramref name="inner"/> calls, after one warm-up.</summary>
    static double Median(int repeats, int inner, Action body)
    {
        body();
        var times = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < inner; i++) body();
            times[r] = clock.Elapsed.TotalSeconds / inner;
        }
        Array.Sort(times);
        return times[repeats / 2];
    }
}
