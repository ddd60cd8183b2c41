using System.Globalization;
using EssenceOfPose.Inversion;

namespace EssenceOfPose.Figures;

/// <summary>
/// The data-term weights and the gradient the suite's figures invert with, and the
/// model-dependent settings a preset needs. The trained PoseNet fires on about 2.4 % of its
/// conv4 units (about 3 % of conv2) on training views and on fewer for noise, so the true
/// gradient of a post-ReLU code is sparse: on the shipped weights Mahendran &amp; Vedaldi's Full
/// schedule ends at a mean feature error of 0.25 (fc5) and 0.24 (conv4). The figures therefore
/// optimise with a surrogate gradient through dead ReLUs of slope <see cref="GradientLeak"/> = 0.3
/// (the loss and every reported error are the true ones), which ends at 0.105 and 0.052. With
/// it, Mahendran &amp; Vedaldi's published C = 1 reconstructs best of the values tried (C = 20
/// ends at 0.111 and 0.086; on the earlier weights 20 and 100 also ended
/// higher), so the figures keep it. Yosinski et al. never inverted codes; on the earlier weights
/// their constant-rate settings 2 and 3 reconstructed best at an inversion weight of 10 and their
/// progress-policy settings 1 and 4 at 1 (each of 0.1, 1, 10, 100, 10⁴; not measured again).
/// Every figure and verb writes the weight and the leak it used beside its numbers
/// (<see cref="Weight"/>, <see cref="Describe"/>).
/// </summary>
public static class FigurePresets
{
    /// <summary>C of Mahendran &amp; Vedaldi for the figures: their published 1.</summary>
    public const double MahendranVedaldiC = 1;

    /// <summary>The inversion weight of Yosinski's constant-rate settings 2 and 3.</summary>
    public const double YosinskiConstantRateWeight = 10;

    /// <summary>The inversion weight of Yosinski's progress-policy settings 1 and 4.</summary>
    public const double YosinskiProgressPolicyWeight = 1;

    /// <summary>The backward slope through dead ReLUs the figures optimise with (<see cref="InversionPreset.GradientLeak"/>).</summary>
    public const double GradientLeak = 0.3;

    /// <summary>
    /// <paramref name="preset"/> with the figures' inversion weight (or <paramref name="weight"/>
    /// when given), the figures' gradient leak (or <paramref name="leak"/>) and, for Yosinski's
    /// settings, the model's channel mean so pixels stay in the valid 0–255 range as their code
    /// keeps them. Lucid's recipe has no weight to set; a weight given for it is refused.
    /// </summary>
    public static InversionPreset ForInversion(InversionPreset preset, IReadOnlyList<double> mean, double? weight = null, double? leak = null)
    {
        if (weight is { } w && !(double.IsFinite(w) && w > 0)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "an objective weight is finite and positive");
        return WithLeak(Weighted(preset, mean, weight), leak);
    }

    /// <summary>For activation maximisation: the figures' gradient leak (or <paramref name="leak"/>), and Yosinski's settings with the model's mean (valid pixel range).</summary>
    public static InversionPreset ForNeurons(InversionPreset preset, IReadOnlyList<double> mean, double? leak = null) =>
        WithLeak(preset is YosinskiPreset y ? y with { ChannelMean = mean.ToArray() } : preset, leak);

    static InversionPreset WithLeak(InversionPreset preset, double? leak)
    {
        var value = leak ?? GradientLeak;
        if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(nameof(leak), leak, "a gradient leak is in [0, 1]");
        return preset with { GradientLeak = value };
    }

    static InversionPreset Weighted(InversionPreset preset, IReadOnlyList<double> mean, double? weight) =>
        preset switch
        {
            MahendranVedaldi m => m with { ObjectiveWeight = weight ?? MahendranVedaldiC },
            YosinskiPreset y => y with
            {
                InversionWeight = weight ?? (y.DesiredProgress is null ? YosinskiConstantRateWeight : YosinskiProgressPolicyWeight),
                ChannelMean = mean.ToArray(),
            },
            LucidAdam when weight is not null => throw new ArgumentException($"preset {preset.Name} has no objective weight to set"),
            _ => preset,
        };

    /// <summary>The weight of the data term a preset inverts with (C, or Yosinski's inversion weight); null for Lucid's recipe.</summary>
    public static double? Weight(InversionPreset preset) => preset switch
    {
        MahendranVedaldi m => m.ObjectiveWeight,
        YosinskiPreset y => y.InversionWeight,
        _ => null,
    };

    /// <summary>The weight and leak in words, e.g. "C = 1, ReLU gradient leak 0.3" or "inversion weight 10, true gradient".</summary>
    public static string Describe(InversionPreset preset)
    {
        var weight = preset switch
        {
            MahendranVedaldi m => string.Create(CultureInfo.InvariantCulture, $"C = {m.ObjectiveWeight:G4}"),
            YosinskiPreset y => string.Create(CultureInfo.InvariantCulture, $"inversion weight {y.InversionWeight:G4}"),
            _ => "no data-term weight",
        };
        return weight + (preset.GradientLeak > 0 ? string.Create(CultureInfo.InvariantCulture, $", ReLU gradient leak {preset.GradientLeak:G3}") : ", true gradient");
    }
}
