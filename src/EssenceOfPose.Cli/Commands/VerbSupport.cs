using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli;

/// <summary>
/// What the experiment verbs (invert, neuron, saliency, dream, figures) share: the --model option
/// ("default" is the shipped weights), --profile, and the rule that bad input — a missing image,
/// an unknown layer or preset, a checkpoint that does not load — ends with one line naming the
/// file or field and exit code 2, never a stack trace.
/// </summary>
internal static class VerbSupport
{
    public const int BadInput = 2;

    public static Option<string> ModelOption() => new("--model")
    {
        Description = "checkpoint (.safetensors), or 'default' for the shipped PoseNet (data-manifests/posenet-synthetic-city.json)",
        DefaultValueFactory = _ => "default",
    };

    public static Option<string> ProfileOption() => new("--profile") { Description = "quick (minutes on 2 CPU cores) or full (the published step counts)", DefaultValueFactory = _ => "quick" };

    public static Option<double?> LeakOption() => new("--leak")
    {
        Description = $"backward slope through dead ReLUs (a surrogate gradient; losses and errors stay true); default the figures' {EssenceOfPose.Figures.FigurePresets.GradientLeak}, 0 for the true gradient",
    };

    public static Option<string> DeviceOption() => new("--device")
    {
        Description = "cpu (default), cuda or cuda:N; CUDA needs a build with -p:TorchDevice=cuda (environment.md)",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<FileInfo?> JsonOption() => new("--json") { Description = "also write the numbers to this JSON file" };

    /// <summary>The shipped weights for "default", else the checkpoint at the path.</summary>
    public static (SiameseNet Model, CheckpointInfo Info, string Source) LoadModel(string text)
    {
        if (text.Equals("default", StringComparison.OrdinalIgnoreCase))
        {
            var (model, info) = ShippedWeights.Load();
            return (model, info, Path.Combine(ShippedWeights.RepositoryRoot(), ShippedWeights.Manifest().File));
        }
        if (Directory.Exists(text)) throw new ArgumentException($"--model {text}: is a folder; expected a checkpoint file (.safetensors) or 'default'");
        if (!File.Exists(text)) throw new FileNotFoundException($"--model {text}: no such checkpoint file (give a .safetensors path or 'default')", text);
        var (net, meta) = Checkpoint.Load(text);
        return (net, meta, Path.GetFullPath(text));
    }

    public static bool IsFull(string profile) => profile.ToLowerInvariant() switch
    {
        "quick" => false,
        "full" => true,
        _ => throw new ArgumentException($"--profile {profile}: expected quick or full"),
    };

    /// <summary>A named preset in its Quick or Full form, with --steps and --seed applied.</summary>
    public static InversionPreset Preset(string name, string profile, int? steps, ulong? seed)
    {
        var full = IsFull(profile);
        if (!PresetCatalog.TryGet(name, full, out var preset))
            throw new ArgumentException($"--preset {name}: expected one of {string.Join(", ", PresetCatalog.Names)}");
        if (steps is { } n)
        {
            if (n < 1) throw new ArgumentException($"--steps {n}: at least 1");
            preset = preset is MahendranVedaldi m ? m with { Steps = n, SlowSteps = Math.Min(m.SlowSteps, Math.Max(n / 6, 1)) } : preset with { Steps = n };
        }
        return seed is { } s ? preset with { Seed = s } : preset;
    }

    public static string Command(ParseResult r) => "eop " + string.Join(' ', r.Tokens.Select(t => t.Value));

    /// <summary>
    /// Runs a verb's body; bad input prints "eop VERB: message" on stderr and returns 2. Anything
    /// else is a bug and propagates.
    /// </summary>
    public static Task<int> Guard(string verb, Func<int> body)
    {
        try
        {
            return Task.FromResult(body());
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"eop {verb}: cancelled");
            return Task.FromResult(130);
        }
        catch (Exception e) when (TopLevel.IsBadInput(e))
        {
            Console.Error.WriteLine($"eop {verb}: {OneLine(e.Message)}");
            return Task.FromResult(BadInput);
        }
    }

    /// <summary>A message on one line: its lines trimmed and joined ("…: a; b" for a list under a heading).</summary>
    public static string OneLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sb = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (sb.Length > 0) sb.Append(sb[^1] == ':' ? " " : "; ");
            sb.Append(line);
        }
        return sb.ToString();
    }

    public static string F(double v, string format = "F3") => v.ToString(format, CultureInfo.InvariantCulture);
}
