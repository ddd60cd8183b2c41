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
/// the step) at 0.01, and setting 1 at no weight tried, so it keeps the library's 100. Every figure
/// and verb writes the weight it used beside its numbers (<see cref="Weight"/>, <see cref="Describe"/>).
/// </summary>
public static class FigurePresets
{
    /// <summary>C of Mahendran &amp; Vedaldi for the figures.</summary>
    public const double MahendranVedaldiC = 20;

    /// <summary>The inversion weight of Yosinski settings 2 and 3.</summary>
    public const double YosinskiSmoothingWeight = 1e4;

    /// <summary>The inversion weight of Yosinski setting 4.</summary>
    public const double YosinskiContributionWeight = 0.01;

    /// <summary>
    /// <paramref name="preset"/> with the figures' inversion weight (or <paramref name="weight"/>
    /// when given) and, for Yosinski's settings, the model's channel mean so pixels stay in the
    /// valid 0–255 range as their code keeps them. Lucid's recipe has no weight to set; a weight
    /// given for it is refused.
    /// </summary>
    public static InversionPreset ForInversion(InversionPreset preset, IReadOnlyList<double> mean, double? weight = null)
    {
        if (weight is { } w && !(double.IsFinite(w) && w > 0)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "an objective weight is finite and positive");
        return preset switch
        {
            MahendranVedaldi m => m with { ObjectiveWeight = weight ?? MahendranVedaldiC },
            Yosinski1 y => y with { InversionWeight = weight ?? y.InversionWeight, ChannelMean = mean.ToArray() },
            Yosinski2 or Yosinski3 => WithYosinski((YosinskiPreset)preset, weight ?? YosinskiSmoothingWeight, mean),
            Yosinski4 y => y with { InversionWeight = weight ?? YosinskiContributionWeight, ChannelMean = mean.ToArray() },
            LucidAdam when weight is not null => throw new ArgumentException($"preset {preset.Name} has no objective weight to set"),
            _ => preset,
        };
    }

    /// <summary>For activation maximisation: Yosinski's settings with the model's mean (valid pixel range); others as given.</summary>
    public static InversionPreset ForNeurons(InversionPreset preset, IReadOnlyList<double> mean) =>
        preset is YosinskiPreset y ? y with { ChannelMean = mean.ToArray() } : preset;

    /// <summary>The weight of the data term a preset inverts with (C, or Yosinski's inversion weight); null for Lucid's recipe.</summary>
    public static double? Weight(InversionPreset preset) => preset switch
    {
        MahendranVedaldi m => m.ObjectiveWeight,
        YosinskiPreset y => y.InversionWeight,
        _ => null,
    };

    /// <summary>The weight in words, e.g. "C = 20" or "inversion weight 1E+04".</summary>
    public static string Describe(InversionPreset preset) => preset switch
    {
        MahendranVedaldi m => string.Create(CultureInfo.InvariantCulture, $"C = {m.ObjectiveWeight:G4}"),
        YosinskiPreset y => string.Create(CultureInfo.InvariantCulture, $"inversion weight {y.InversionWeight:G4}"),
        _ => "no data-term weight",
    };

    static YosinskiPreset WithYosinski(YosinskiPreset y, double weight, IReadOnlyList<double> mean) =>
        y with { InversionWeight = weight, ChannelMean = mean.ToArray() };
}
