using System.Text.Json;
using System.Text.Json.Nodes;
using EssenceOfPose.Data;
using EssenceOfPose.Display;

namespace EssenceOfPose.Generators;

/// <summary>The log <see cref="GanTrainer"/> writes (<c>OUT.jsonl</c>), read back for the balancing and held-out charts.</summary>
public static class GanTrainingLog
{
    /// <summary>Every line of the log at <paramref name="path"/>; a malformed line is refused naming the file, the line and the field.</summary>
    public static IReadOnlyList<GanLogLine> Read(string path)
    {
        var lines = InputFile.ReadAllText(path, "a GAN training log", InputFile.DocumentLimit).Split('\n');
        var read = new List<GanLogLine>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0) continue;
            GanLogLine? l;
            try
            {
                l = JsonSerializer.Deserialize<GanLogLine>(line, Json);
            }
            catch (JsonException x)
            {
                throw new InvalidDataException($"{path}: line {i + 1} is not a line of a GAN training log ({x.Message})", x);
            }
            if (l is null || l.Kind is not ("trace" or "epoch"))
                throw new InvalidDataException($"{path}: line {i + 1}: field 'kind' must be \"trace\" or \"epoch\"");
            if (l.Epoch < 1 || l.Step < 1)
                throw new InvalidDataException($"{path}: line {i + 1}: fields 'epoch' and 'step' must be at least 1");
            read.Add(l);
        }
        return read;
    }

    /// <summary>
    /// The balancing over training, from the trace lines: D's loss (real + generated), G's
    /// adversarial loss, r on a log axis with DeePSiM's thresholds, and the fraction of steps each
    /// network trained.
    /// </summary>
    public static PlotlyChart Balance(IReadOnlyList<GanLogLine> log, GanBalance thresholds, string title = "Balancing the discriminator and the generator")
    {
        var trace = log.Where(l => l.Kind == "trace").ToArray();
        var steps = trace.Select(l => (double)l.Step).ToArray();
        var span = steps.Length == 0 ? [0.0, 1.0] : new[] { steps[0], steps[^1] };
        PlotlyChart Threshold(double v, string name) => Chart.Line(span, [v, v], name);
        return Chart.Combine(
                Chart.Line(steps, trace.Select(l => l.DReal + l.DGenerated), "D loss (real + generated)"),
                Chart.Line(steps, trace.Select(l => l.Adversarial), "G adversarial loss −log D(G(Φ))"),
                Chart.Line(steps, trace.Select(l => l.Ratio), "r = D loss / G adversarial"),
                Threshold(thresholds.StopDiscriminator, $"r = {thresholds.StopDiscriminator:G2}: D stops"),
                Threshold(thresholds.RestartDiscriminator, $"r = {thresholds.RestartDiscriminator:G2}: D restarts"),
                Threshold(thresholds.OnlyDiscriminator, $"r = {thresholds.OnlyDiscriminator:G2}: only D trains"),
                Chart.Line(steps, trace.Select(l => l.DTrained), "fraction of steps D trained"),
                Chart.Line(steps, trace.Select(l => l.GTrained), "fraction of steps G trained"))
            .WithTitle(title).WithAxisTitles("step", "loss, r, fraction")
            .WithLayout("yaxis", new JsonObject { ["type"] = "log", ["title"] = new JsonObject { ["text"] = "loss, r, fraction (log)" } });
    }

    /// <summary>Held-out MSE and sharpness of the generator after each epoch (two panels side by side).</summary>
    public static PlotlyChart HeldOut(IReadOnlyList<GanLogLine> log, string title = "The generator on held-out images, per epoch")
    {
        var epochs = log.Where(l => l.Kind == "epoch").ToArray();
        var x = epochs.Select(e => (double)e.Epoch).ToArray();
        return Chart.Combine(
                Chart.Line(x, epochs.Select(e => e.ValidationSharpness ?? double.NaN), "sharpness (1 = the originals')"),
                Chart.Line(x, epochs.Select(e => e.ValidationFeatureError ?? double.NaN), "re-encoded feature error"),
                Chart.Line(x, epochs.Select(e => e.GeneratedProbability ?? double.NaN), "D(G(Φ)) on held-out"),
                Chart.Line(x, epochs.Select(e => e.RealProbability ?? double.NaN), "D(x) on held-out"))
            .WithTitle(title).WithAxisTitles("epoch", "value");
    }

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
