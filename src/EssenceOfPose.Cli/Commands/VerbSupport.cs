using System.CommandLine;
using System.Globalization;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Inversion;
using EssenceOfPose.Metrics;
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
        Description = $"backward slope through dead ReLUs (a surrogate gradient; losses and errors stay true); default PoseNet's {InversionPreset.PoseNetGradientLeak}, 0 for the true gradient",
    };

    public static Option<string> DeviceOption() => new("--device")
    {
        Description = "cpu (default), cuda or cuda:N; CUDA needs a build with -p:TorchDevice=cuda (environment.md)",
        DefaultValueFactory = _ => "cpu",
    };

    public static Option<FileInfo?> JsonOption() => new("--json") { Description = "also write the numbers to this JSON file" };

    /// <summary>The shipped weights for "default", else the checkpoint at the path.</summary>
    public static PoseModel LoadModel(string text)
    {
        if (text.Equals("default", StringComparison.OrdinalIgnoreCase)) return PoseModel.Shipped();
        if (Directory.Exists(text)) throw new ArgumentException($"--model {text}: is a folder; expected a checkpoint file (.safetensors) or 'default'");
        if (!File.Exists(text)) throw new FileNotFoundException($"--model {text}: no such checkpoint file (give a .safetensors path or 'default')", text);
        return PoseModel.Load(text);
    }

    /// <summary>--profile, parsed by the one parser (<see cref="Profiles.Parse"/>).</summary>
    public static Profile Profile(ParseResult r, Option<string> option)
    {
        var text = r.GetValue(option)!;
        try { return Profiles.Parse(text); }
        catch (ArgumentException) { throw new ArgumentException($"--profile {text}: expected quick or full"); }
    }

    /// <summary>
    /// A named preset in its Quick or Full form as PoseNet runs it (<see cref="InversionPreset.ForPoseNet"/>),
    /// with --steps, --seed, --weight and --leak applied.
    /// </summary>
    public static InversionPreset Preset(string name, Profile profile, int? steps, ulong? seed, double? weight = null, double? leak = null)
    {
        if (!PresetCatalog.TryGet(name, profile, out var preset))
            throw new ArgumentException($"--preset {name}: expected one of {string.Join(", ", PresetCatalog.Names)}");
        preset = preset.ForPoseNet();
        if (steps is { } n)
        {
            if (n < 1) throw new ArgumentException($"--steps {n}: at least 1");
            preset = preset.WithSteps(n);
        }
        if (weight is { } w) preset = preset.WithDataWeight(w);
        if (leak is { } l) preset = preset.WithLeak(l);
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

    /// <summary>", rotation change 3.1°, p(match) 0.91 -> 0.85" for an image with a partner; "" without.</summary>
    public static string AgreementNote(PairAgreement? agreement) => agreement is { } a
        ? $", rotation change {F(a.RotationDegrees, "F1")}°, p(match) {F(a.MatchProbability, "F2")} -> {F(a.ReconstructionMatchProbability, "F2")}"
        : "";

    public static string F(double v, string format = "F3") => v.ToString(format, CultureInfo.InvariantCulture);
}
