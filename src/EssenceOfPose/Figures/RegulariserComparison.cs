using System.Globalization;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Display;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>One setting of the comparison: its label, the weight of its data term, and the numbers of its reconstructions.</summary>
public sealed record RegulariserCell(string Label, string Preset, string Weight, string Objective, string Folder,
    IReadOnlyList<double> FeatureErrors, double MeanFeatureError, double MeanPsnr, double MeanSsim, double Seconds);

/// <summary>
/// Figure (b): the same images inverted at one tap under each prior — Mahendran &amp; Vedaldi's
/// objective with TV isotropic or anisotropic and β = 2 or 1, without the α-norm, with the TV
/// weight λ_V swept, and Yosinski et al.'s four settings (L2 decay, blur, small-norm and
/// small-contribution clipping). Each cell is one <see cref="ImageInversion"/> in its own folder
/// (with its options.json); the grid has a row per image: the original, then every setting,
/// captioned with its label and feature error.
/// </summary>
public static class RegulariserComparison
{
    /// <summary>The settings compared, labelled in the captions' Latin-1 font (beta, lambda spelled out).</summary>
    public static IReadOnlyList<(string Label, InversionPreset Preset)> Settings(MahendranVedaldi mv, IReadOnlyList<double> tvSweep,
        IReadOnlyList<InversionPreset> yosinski, IReadOnlyList<double> mean, double gradientLeak)
    {
        var cells = new List<(string, InversionPreset)>
        {
            ("MV: TV beta=2 iso", mv),
            ("TV beta=2 aniso", mv with { IsotropicTv = false }),
            ("TV beta=1 iso", mv with { Beta = 1 }),
            ("TV beta=1 aniso", mv with { Beta = 1, IsotropicTv = false }),
            ("no alpha-norm", mv with { AlphaWeight = 0 }),
        };
        foreach (var f in tvSweep)
            cells.Add((string.Create(CultureInfo.InvariantCulture, $"TV lambda x{f:G3} = {f * mv.LambdaBeta:G3}"), mv with { TvWeight = f * mv.LambdaBeta }));
        foreach (var y in yosinski) cells.Add((Describe(y), FigurePresets.ForInversion(y, mean, leak: gradientLeak)));
        return cells;
    }

    /// <summary>Inverts <paramref name="images"/> at <paramref name="tap"/> under every setting; returns the cells and their grid (also written as <c>regularisers.png</c>).</summary>
    public static (IReadOnlyList<RegulariserCell> Cells, ImageGrid Grid) Run(SiameseNet model, CheckpointInfo info, InputImages images, TapName tap,
        IReadOnlyList<(string Label, InversionPreset Preset)> settings, string outDir, IProgress<RenderProgress>? progress = null, CancellationToken cancellation = default)
    {
        var cells = new List<RegulariserCell>();
        var pictures = new List<RgbImage[]>();
        for (var k = 0; k < settings.Count; k++)
        {
            using var scope = torch.NewDisposeScope();
            var (label, preset) = settings[k];
            var folder = $"{k:D2}-{preset.Name}";
            var r = ImageInversion.Run(model, info, images, null, tap, preset, Path.Combine(outDir, folder), progress, cancellation);
            cells.Add(new RegulariserCell(label, preset.Name, r.Weight, r.Options["Objective"]?.GetValue<string>() ?? "", folder,
                r.Images.Select(x => x.FeatureError).ToArray(), r.MeanFeatureError, r.MeanPsnr, r.MeanSsim, r.Seconds));
            pictures.Add(r.ReconstructedImages.ToArray());
        }
        var grid = Grid(cells, pictures, images, $"priors compared at {tap}: a row per image, the original then each setting");
        grid.Save(Path.Combine(outDir, "regularisers.png"));
        FigureJson.Write(Path.Combine(outDir, "result.json"), cells);
        return (cells, grid);
    }

    /// <summary>A row per image: the original, then every setting's reconstruction captioned with its label and feature error.</summary>
    public static ImageGrid Grid(IReadOnlyList<RegulariserCell> cells, IReadOnlyList<RgbImage[]> pictures, InputImages images, string title)
    {
        var grid = new List<RgbImage>();
        var captions = new List<string>();
        for (var i = 0; i < images.Count; i++)
        {
            grid.Add(images.Display(i));
            captions.Add(ImageInversion.Short(images.Names[i]) + "\noriginal");
            for (var k = 0; k < cells.Count; k++)
            {
                grid.Add(pictures[k][i]);
                captions.Add(string.Create(CultureInfo.InvariantCulture, $"{cells[k].Label}\nerr {cells[k].FeatureErrors[i]:F3}"));
            }
        }
        return new ImageGrid(grid, captions, columns: cells.Count + 1) { Title = title };
    }

    static string Describe(InversionPreset y) => y switch
    {
        Yosinski1 => "Y1: blur+norm clip 50%",
        Yosinski2 => "Y2: decay 0.3+norm clip 20%",
        Yosinski3 => "Y3: decay 1e-4+blur 1.0",
        Yosinski4 => "Y4: blur+contrib. clip 90%",
        _ => y.Name,
    };
}
