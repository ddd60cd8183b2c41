using System.Globalization;
using EssenceOfPose.Inversion;

namespace EssenceOfPose.Figures;

/// <summary>
/// The data-term weights the suite's figures invert with, and the model-dependent settings a
/// preset needs. The published weights do not reconstruct PoseNet's codes within the suite's
/// step counts: Mahendran &amp; Vedaldi's default C = 1 leaves the feature error almost where the
/// noise started, so the figures use C = <see cref="MahendranVedaldiC"/>, inside the range the
/// IJCV paper swept (1, 20, 100, 300); Yosinski et al. never inverted codes, and their settings
/// 2 and 3 reconstruct at an inversion weight of 10⁴, setting 4 (whose progress policy normalises
/// the step) at 0.01, and setting 1 at no weight tried, so it keeps the library's 100.
/// The trained PoseNet leaves almost every conv2 and conv4 ReLU dead on a noise image (conv4 fires
/// on under 1 % of its units even for photographs), so the true gradient of a post-ReLU code is
/// zero nearly everywhere and every method stalls at an error near 1; the figures therefore
/// optimise with a surrogate gradient through dead ReLUs, slope <see cref="GradientLeak"/> = 0.3
/// (the loss and every reported error are the true ones). Every figure and verb writes the weight
/// and the leak it used beside its numbers (<see cref="Weight"/>, <see cref="Describe"/>).
/// </summary>
public static class FigurePresets
{
    /// <summary>C of Mahendran &amp; Vedaldi for the figures.</summary>
    public const double MahendranVedaldiC = 20;

    /// <summary>The inversion weight of Yosinski settings 2 and 3.</summary>
    public const double YosinskiSmoothingWeight = 1e4;

    /// <summary>The inversion weight of Yosinski setting 4.</summary>
    public const double YosinskiContributionWeight = 0.01;

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
                InversionWeight = weight ?? y switch { Yosinski2 or Yosinski3 => YosinskiSmoothingWeight, Yosinski4 => YosinskiContributionWeight, _ => y.InversionWeight },
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

    /// <summary>The weight and leak in words, e.g. "C = 20, ReLU gradient leak 0.3" or "inversion weight 1E+04, true gradient".</summary>
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
