using EssenceOfPose.Display;
using EssenceOfPose.Experiments;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>One arm of the comparison as figures.json holds it: its label, the method and weight, and the numbers of its reconstructions.</summary>
public sealed record RegulariserCell(string Label, string Preset, string Weight, string Objective, string Folder,
    IReadOnlyList<double> FeatureErrors, double MeanFeatureError, double MeanPsnr, double MeanSsim, double Seconds);

/// <summary>
/// Figure (b), written: the <see cref="RegulariserStudy"/> — the same study notebook 02 shows —
/// with its prior arms, its λ_V sweep and Yosinski et al.'s four settings as whole methods, as
/// <c>regularisers.png</c> (the study's grid), one folder per arm with its <c>options.json</c>,
/// and <c>result.json</c> (one <see cref="RegulariserCell"/> per arm).
/// </summary>
internal static class RegulariserComparison
{
    /// <summary>The arms of figure (b): the study's priors on Mahendran &amp; Vedaldi's solver, its TV sweep (multiples of λ_V), and the given methods.</summary>
    public static IReadOnlyList<RegulariserVariant> Arms(MahendranVedaldi mv, IReadOnlyList<double> tvSweep, IReadOnlyList<InversionPreset> methods) =>
        [.. RegulariserStudy.Variants(mv), .. RegulariserStudy.TvWeightSweep(mv, tvSweep), .. RegulariserStudy.Methods(methods)];

    /// <summary>Writes <paramref name="study"/> into <paramref name="outDir"/> and returns its cells.</summary>
    public static IReadOnlyList<RegulariserCell> Write(RegulariserStudyResult study, MahendranVedaldi mv, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var quality = study.Quality();
        var cells = new List<RegulariserCell>();
        for (var k = 0; k < study.Arms.Count; k++)
        {
            var (variant, r) = (study.Arms[k].Variant, study.Arms[k].Result);
            var method = variant.Method ?? mv;
            var folder = $"{k:D2}-{method.Name}";
            FigureJson.WriteText(Path.Combine(outDir, folder, "options.json"), r.Options.ToJson() + "\n");
            cells.Add(new RegulariserCell(variant.Label, method.Name, method.Describe(), r.Options.Objective, folder,
                r.PerImage.Select(p => p.FeatureError).ToArray(), r.MeanFeatureError, quality[k].Psnr.Average(), quality[k].Ssim.Average(), r.Elapsed.TotalSeconds));
        }
        study.Grid().Save(Path.Combine(outDir, "regularisers.png"));
        FigureJson.Write(Path.Combine(outDir, "result.json"), cells);
        return cells;
    }
}
