using System.Text.Json;
using EssenceOfPose.Data;
using EssenceOfPose.Display;

namespace EssenceOfPose.Generators;

/// <summary>One line of a generator's training log (<c>OUT.jsonl</c>): mean squared errors in the network's input space after an epoch.</summary>
public sealed record UgnEpoch(int Epoch, int Step, double TrainLoss, double ValidationLoss, double Seconds)
{
    /// <summary>PSNR (dB, 0–255 range) of a mean squared error: 10·log₁₀(255² / MSE).</summary>
    public static double Psnr(double mse) => 10 * Math.Log10(255.0 * 255.0 / mse);
}

/// <summary>The per-epoch losses <see cref="UgnTrainer"/> writes, read back for curves.</summary>
public static class UgnTrainingLog
{
    /// <summary>Every epoch of the log at <paramref name="path"/>; a malformed line is refused naming the file and the line.</summary>
    public static IReadOnlyList<UgnEpoch> Read(string path)
    {
        var lines = InputFile.ReadAllText(path, "a generator training log", InputFile.DocumentLimit).Split('\n');
        var epochs = new List<UgnEpoch>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            UgnEpoch? e;
            try
            {
                e = JsonSerializer.Deserialize<UgnEpoch>(line, Json);
            }
            catch (JsonException x)
            {
                throw new InvalidDataException($"{path}: line {i + 1} is not an epoch of a generator log ({x.Message})", x);
            }
            if (e is null || e.Epoch < 1 || e.Step < 1)
                throw new InvalidDataException($"{path}: line {i + 1}: field 'epoch' and 'step' must be at least 1");
            epochs.Add(e);
        }
        return epochs;
    }

    /// <summary>Training and validation loss against the epoch: where they part, the generator has started to learn its training images rather than the code.</summary>
    public static PlotlyChart Chart(IReadOnlyList<UgnEpoch> epochs, string title) =>
        Display.Chart.Combine(
                Display.Chart.Line(epochs.Select(e => (double)e.Epoch), epochs.Select(e => e.TrainLoss), "training MSE"),
                Display.Chart.Line(epochs.Select(e => (double)e.Epoch), epochs.Select(e => e.ValidationLoss), "held-out MSE"))
            .WithTitle(title).WithAxisTitles("epoch", "MSE (network input space)");

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
