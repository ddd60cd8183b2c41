using EssenceOfPose.Display;
using EssenceOfPose.Experiments;
using EssenceOfPose.Generators;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>
/// The GAN issue's bars at one tap: the GAN's sharpness against the UGN's (nearer 1, the
/// originals' own, is sharper in the sense that matters), their image-statistics distances, and
/// whether the GAN's re-encoded code is closer to Φ₀ than another image's.
/// </summary>
public sealed record GeneratorBar(string Tap, double UgnSharpness, double GanSharpness, bool GanSharperThanUgn, double UgnGradientW1, double GanGradientW1,
    double GanFeatureError, double OtherImageFeatureError, bool GanCloserThanOtherImage);

/// <summary>The "UGN: Overfitting" panel's numbers as <c>figures.json</c> holds them.</summary>
public sealed record OverfittingReport(string Tap, int TrainImages, int HeldOutImages, double TrainingPsnr, double HeldOutPsnr, int? PartingEpoch, IReadOnlyList<UgnEpoch> Epochs)
{
    public static OverfittingReport Of(OverfittingResult r) => new(r.Tap, r.TrainImages, r.HeldOutImages, r.MeanTrainingPsnr, r.MeanHeldOutPsnr, r.PartingEpoch, r.Epochs);
}

/// <summary>
/// The poster's results panel, (g) of <see cref="PosterFigures"/>: every generator given (each
/// file names its tap and whether <c>eop train ugn</c> or <c>eop train gan</c> made it), the
/// figures' own optimisation inversions and the other-image baseline, compared at each tap on
/// the held-out images (<see cref="MethodComparison"/>), drawn as original | UGN conv4 | UGN fc5 |
/// GAN conv4 | GAN fc5.
/// </summary>
public sealed record GeneratorPanel(MethodComparisonReport Report, IReadOnlyDictionary<string, GeneratorBar> Bars, MetricTable Table, ImageGrid Grid)
{
    public const string OptimisationName = "optimisation (MV)";

    /// <param name="optimisation">The figures' reconstructions by optimisation, reused (not run again) for the taps they cover.</param>
    public static GeneratorPanel Run(PoseModel model, HeldOutSet set, IReadOnlyList<LayerReconstruction> optimisation, IReadOnlyList<string> files, string outDir)
    {
        var loaded = new List<(string Name, string Path, UpConvGenerator Generator, UgnInfo Info)>();
        try
        {
            foreach (var path in files)
            {
                var (g, info) = UgnCheckpoint.Load(path, device: model.Device);
                var name = info.Kind.ToString().ToUpperInvariant();
                loaded.Add((name, path, g, info));
                if (loaded.Count(l => l.Name == name && l.Info.Tap == info.Tap) > 1)
                    throw new ArgumentException($"two {name} generators for {info.Tap}: {string.Join(" and ", loaded.Where(l => l.Name == name && l.Info.Tap == info.Tap).Select(l => l.Path))}; give one of each kind per tap");
            }
            var taps = loaded.Select(l => l.Info.Tap).Distinct().OrderBy(t => optimisation.Select(o => o.Layer).ToList().IndexOf(t) is var i and >= 0 ? i : int.MaxValue).ToArray();
            var methods = new List<ComparedMethod>();
            foreach (var tap in taps)
            {
                foreach (var l in loaded.Where(l => l.Info.Tap == tap).OrderBy(l => l.Info.Kind))
                    methods.Add(ComparedMethod.Generator(l.Name, l.Generator, l.Info, l.Path));
                if (optimisation.FirstOrDefault(o => o.Layer == tap) is { Images: { } images } mv)
                    methods.Add(ComparedMethod.Precomputed(OptimisationName, tap, images, mv.SecondsPerImage));
                methods.Add(ComparedMethod.OtherImage(tap));
            }
            var result = MethodComparison.Run(model, set.Targets.Images, set.Partners.Images, set.Others.Images, methods);
            var columns = new[] { GeneratorKind.Ugn, GeneratorKind.Gan }.SelectMany(k => taps.Select(t => $"{k.ToString().ToUpperInvariant()} {t}"))
                .Where(c => result.Rows.Any(r => $"{r.Method} {r.Tap}" == c)).ToArray();
            var report = MethodComparisonFiles.Write(result, set, model.Source, outDir, set.Targets.Count, columns);
            var bars = new Dictionary<string, GeneratorBar>();
            foreach (var tap in taps)
            {
                var ugn = result.Rows.FirstOrDefault(r => r.Method == "UGN" && r.Tap == tap);
                var gan = result.Rows.FirstOrDefault(r => r.Method == "GAN" && r.Tap == tap);
                if (ugn is null || gan is null) continue;
                var other = result["other image", tap];
                bars[tap] = new GeneratorBar(tap, ugn.MeanSharpness, gan.MeanSharpness, Math.Abs(1 - gan.MeanSharpness) < Math.Abs(1 - ugn.MeanSharpness),
                    ugn.Statistics.Gradient, gan.Statistics.Gradient, gan.MeanFeatureError, other.MeanFeatureError, gan.MeanFeatureError < other.MeanFeatureError);
            }
            return new GeneratorPanel(report, bars, result.Table(), result.Grid(set.Targets.Count, columns: columns));
        }
        finally
        {
            foreach (var l in loaded) l.Generator.Dispose();
        }
    }
}
