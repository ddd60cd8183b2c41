using System.CommandLine;
using System.Diagnostics;

namespace EssenceOfPose.Cli;

/// <summary>
/// `eop smoke`: TorchSharp end to end in seconds — a tiny conv net learns to tell which half of a
/// noisy 16×16 image holds a bright square, on synthetic tensors, and the loss falls.
/// </summary>
internal static class SmokeCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "optimisation steps", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 0 };
        var json = new Option<FileInfo?>("--json") { Description = "write the numbers to this JSON file" };
        var cmd = new Command("smoke", "Train a tiny conv net on synthetic tensors and print the falling loss.") { steps, seed, json };
        cmd.SetAction(r =>
        {
            var n = r.GetValue(steps);
            if (n < 10) throw new ArgumentException($"--steps {n}: at least 10");
            var gen = new Generator((ulong)r.GetValue(seed));
            torch.manual_seed(r.GetValue(seed));
            using var net = nn.Sequential(
                nn.Conv2d(1, 8, 3, padding: 1), nn.ReLU(),
                nn.Conv2d(8, 8, 3, stride: 2, padding: 1), nn.ReLU(),
                nn.Flatten(), nn.Linear(8 * 8 * 8, 2));
            using var opt = torch.optim.Adam(net.parameters(), lr: 3e-3);
            var clock = Stopwatch.StartNew();
            var losses = new List<double>();
            Console.WriteLine($"libtorch {torch.__version__}, {torch.get_num_threads()} threads; {n} steps of Adam on 32 images 16×16 a step");
            for (var step = 1; step <= n; step++)
            {
                using var scope = torch.NewDisposeScope();
                var (x, y) = Batch(gen, 32);
                var loss = F.cross_entropy(net.call(x), y);
                opt.zero_grad();
                loss.backward();
                opt.step();
                losses.Add(loss.ToDouble());
                if (step == 1 || step % Math.Max(1, n / 10) == 0)
                    Console.WriteLine($"step {step,5}  loss {losses.Skip(Math.Max(0, losses.Count - 10)).Average():F4}");
            }
            var first = losses.Take(10).Average();
            var last = losses.TakeLast(10).Average();
            Console.WriteLine($"loss {first:F4} → {last:F4} in {clock.Elapsed.TotalSeconds:F1} s");
            if (r.GetValue(json) is { } file) JsonOutput.Write(file, new { steps = n, firstLoss = first, lastLoss = last, seconds = clock.Elapsed.TotalSeconds, losses });
            return last < first ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>Noise plus a bright 4×4 square in the left (label 0) or right (label 1) half.</summary>
    static (Tensor X, Tensor Y) Batch(Generator gen, int n)
    {
        var y = torch.randint(0, 2, [n], generator: gen);
        var x = torch.randn([n, 1, 16, 16], generator: gen) * 0.5;
        var labels = y.ToArray<long>();
        var rows = torch.randint(0, 12, [n], generator: gen).ToArray<long>();
        var cols = torch.randint(0, 4, [n], generator: gen).ToArray<long>();
        for (var i = 0; i < n; i++)
        {
            var c = cols[i] + (labels[i] == 1 ? 8 : 0);
            x[i, 0, TensorIndex.Slice(rows[i], rows[i] + 4), TensorIndex.Slice(c, c + 4)] = torch.ones(4, 4) * 2.0;
        }
        return (x, y);
    }
}
