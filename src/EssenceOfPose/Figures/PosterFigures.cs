using System.Diagnostics;
using EssenceOfPose.Attribution;
using EssenceOfPose.Experiments;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Figures;

/// <summary>
/// The poster's experimental results ("The Essence of Pose", Thatte, Sitzmann &amp; Ruban,
/// Stanford 2016) reproduced on the suite's embedded default: given weights and a fixed set of
/// held-out synthetic images (<see cref="HeldOutSet"/>), it writes into one folder
/// (a) originals beside their conv4 and fc5 reconstructions (Mahendran &amp; Vedaldi),
/// (b) the priors compared on one or two images, (c) single-unit images of fc5 and conv4,
/// (d) saliency of the match logit and a pose component on both images of a few pairs,
/// (e) DeepDream at a conv tap and at fc5, and (f) the metrics table — as captioned PNGs,
/// one self-contained <c>index.html</c>, <c>figures.json</c> (every number, the
/// <see cref="Bars"/> under "bars") and <c>options.json</c>.
/// </summary>
public static class PosterFigures
{
    public const string FigureA = "figure-a-reconstructions.png", FigureB = "figure-b-regularisers.png", FigureC = "figure-c-neurons.png",
        FigureD = "figure-d-saliency.png", FigureE = "figure-e-deepdream.png";

    public static PosterFiguresReport Run(PoseModel model, PosterFiguresOptions options, string outDir,
        IProgress<FiguresProgress>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        if (options.Reconstruction is not MahendranVedaldi given)
            throw new ArgumentException($"PosterFiguresOptions.Reconstruction must be Mahendran–Vedaldi (the comparison varies its priors); got {options.Reconstruction.Name}");
        var mv = given with { GradientLeak = options.GradientLeak };
        var layers = options.Layers.Select(model.Tap).ToArray();
        var regulariserTap = model.Tap(options.RegulariserLayer);
        var neuronTap = model.Tap(options.NeuronLayer);
        var channelTap = model.Tap(options.NeuronConvLayer);
        var dreamTaps = options.DreamLayers.Select(model.Tap).ToArray();
        var saliencyTargets = options.SaliencyTargets.Select(SaliencyTarget.Parse).ToArray();

        var clock = Stopwatch.StartNew();
        var sections = new Dictionary<string, double>();
        var dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        FigureJson.Write(Path.Combine(dir, "options.json"), options);
        using var scope = torch.NewDisposeScope();

        T Section<T>(string name, Func<IProgress<RenderProgress>, T> body)
        {
            cancellation.ThrowIfCancellationRequested();
            progress?.Report(new FiguresProgress(name, "started"));
            var watch = Stopwatch.StartNew();
            var value = body(new SectionProgress(progress, name));
            sections[name] = watch.Elapsed.TotalSeconds;
            progress?.Report(new FiguresProgress(name, $"done in {watch.Elapsed.TotalSeconds:F1} s"));
            return value;
        }

        var set = Section("held-out images", _ =>
            HeldOutSet.Prepare(options.City, options.Images, options.OtherImageSeed, Path.Combine(dir, "test-city"), model, layers, cancellation));

        var recon = Section("reconstructions", p =>
        {
            var r = ReconstructionFigure.Run(model, set, layers, mv, Path.Combine(dir, "reconstruction"), p, cancellation);
            ReconstructionFigure.Grid(r, $"original | reconstruction at {string.Join(" | ", options.Layers)} ({mv.Name}, {mv.Describe()}, {mv.Steps}+{mv.SlowSteps} steps)")
                .Save(Path.Combine(dir, FigureA));
            return r;
        });

        var regularisers = Section("regularisers", p =>
        {
            var arms = RegulariserComparison.Arms(mv, options.TvSweep, options.YosinskiSettings.Select(y => y.ForPoseNet().WithLeak(options.GradientLeak)).ToArray());
            var study = RegulariserStudy.Run(model, set.Targets.Take(options.RegulariserImages).Images, regulariserTap, mv, arms, p, cancellation);
            var cells = RegulariserComparison.Write(study, mv, Path.Combine(dir, "regularisers"));
            study.Grid().Save(Path.Combine(dir, FigureB));
            return cells;
        });

        var neurons = Section("neurons", p =>
        {
            var units = UnitRanking.MostActive(model.Net, set.Targets.Batch, neuronTap, options.NeuronUnits)
                .Concat(options.NeuronChannels > 0 ? UnitRanking.MostActive(model.Net, set.Targets.Batch, channelTap, options.NeuronChannels) : []).ToArray();
            var sheet = NeuronSheet.Run(model, units, options.Neurons.WithLeak(options.GradientLeak), Path.Combine(dir, "neurons"),
                progress: p, cancellation: cancellation);
            sheet.Grid!.Save(Path.Combine(dir, FigureC));
            return sheet;
        });

        var saliency = Section("saliency", _ =>
        {
            var s = PairSaliency.Run(model, set.Targets.Take(options.SaliencyPairs), set.Partners.Take(options.SaliencyPairs), saliencyTargets, Path.Combine(dir, "saliency"));
            s.Grid!.Save(Path.Combine(dir, FigureD));
            return s;
        });

        var dream = Section("deepdream", _ =>
        {
            var d = DreamSheet.Run(model, set.Targets.Take(options.DreamImages), dreamTaps, options.Dream, Path.Combine(dir, "deepdream"));
            d.Grid!.Save(Path.Combine(dir, FigureE));
            return d;
        });

        var figures = new Dictionary<string, string>
        {
            ["a"] = FigureA, ["b"] = FigureB, ["c"] = FigureC, ["d"] = FigureD, ["e"] = FigureE, ["page"] = "index.html",
        };
        var report = new PosterFiguresReport(Describe(model), $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {torch.get_num_threads()} torch threads",
            options, set.Root, set.Pairs, set.DeadCodes, Bars.From(options, recon), recon, regularisers, neurons, saliency, dream, figures, sections, clock.Elapsed.TotalSeconds);
        FigureJson.Write(Path.Combine(dir, "figures.json"), report);
        FiguresPage.Write(Path.Combine(dir, "index.html"), report, dir);
        return report;
    }

    static FiguresModel Describe(PoseModel model) =>
        new(model.Source, File.Exists(model.Source) ? WeightsManifest.Hash(model.Source) : "", model.Info.Architecture, model.LabelKind.ToString(), model.Info.Provenance.Command);

    /// <summary>Render steps reported as the section's progress, synchronously (System.Progress would post them to the thread pool).</summary>
    sealed class SectionProgress(IProgress<FiguresProgress>? outer, string section) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) =>
            outer?.Report(new FiguresProgress(section, FormattableString.Invariant($"step {value.Step}/{value.TotalSteps} loss {value.Loss:G4}")));
    }
}
