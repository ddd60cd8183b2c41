using System.Diagnostics;
using EssenceOfPose.Attribution;
using EssenceOfPose.Experiments;
using EssenceOfPose.Generators;
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
/// (e) DeepDream at a conv tap and at fc5, (f) the metrics table, and the poster's second half:
/// (g) original | UGN conv4 | UGN fc5 | GAN conv4 | GAN fc5 with the table that compares every
/// method (optimisation, UGN, GAN, another image) at both taps on the same images, and (h) the
/// "UGN: Overfitting (FC5)" panel — as captioned PNGs,
/// one self-contained <c>index.html</c>, <c>figures.json</c> (every number, the
/// <see cref="Bars"/> under "bars") and <c>options.json</c>.
/// </summary>
public static class PosterFigures
{
    public const string FigureA = "figure-a-reconstructions.png", FigureB = "figure-b-regularisers.png", FigureC = "figure-c-neurons.png",
        FigureD = "figure-d-saliency.png", FigureE = "figure-e-deepdream.png", FigureG = "figure-g-generators.png", FigureH = "figure-h-ugn-overfitting.png";

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

        var generatorFiles = GeneratorFiles(model, options);

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

        var generators = generatorFiles.Count == 0 ? null : Section("generators", _ =>
        {
            var panel = GeneratorPanel.Run(model, set, recon, generatorFiles, Path.Combine(dir, "generators"));
            panel.Grid.Save(Path.Combine(dir, FigureG));
            return panel;
        });

        var overfitting = options.OverfittingImages == 0 ? null : Section("overfitting", _ =>
        {
            var o = GeneratorOverfitting.Run(model, options.OverfittingLayer, [set.Root], options.OverfittingImages,
                options.Overfitting with { Threads = torch.get_num_threads() }, Path.Combine(dir, "overfitting"), cancellation: cancellation);
            o.Grid().Save(Path.Combine(dir, FigureH));
            return OverfittingReport.Of(o);
        });

        var figures = new Dictionary<string, string>
        {
            ["a"] = FigureA, ["b"] = FigureB, ["c"] = FigureC, ["d"] = FigureD, ["e"] = FigureE, ["page"] = "index.html",
        };
        if (generators is not null) figures["g"] = FigureG;
        if (overfitting is not null) figures["h"] = FigureH;
        var report = new PosterFiguresReport(Describe(model), $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {torch.get_num_threads()} torch threads",
            options, set.Root, set.Pairs, set.DeadCodes, Bars.From(options, recon), recon, regularisers, neurons, saliency, dream, figures, sections, clock.Elapsed.TotalSeconds)
        {
            Generators = generators?.Report,
            GeneratorBars = generators?.Bars,
            GeneratorTable = generators?.Table,
            Overfitting = overfitting,
        };
        FigureJson.Write(Path.Combine(dir, "figures.json"), report);
        FiguresPage.Write(Path.Combine(dir, "index.html"), report, dir);
        return report;
    }

    /// <summary>
    /// The generators of (g), checked before any section runs: the shipped UGN and GAN at each tap
    /// (hash-checked against their manifests) unless the options name files, and each refused,
    /// naming it, when it was trained on another network's codes than <paramref name="model"/>.
    /// </summary>
    static IReadOnlyList<string> GeneratorFiles(PoseModel model, PosterFiguresOptions options)
    {
        var files = options.GeneratorFiles ?? ShippedGenerators.Taps.SelectMany(t => new[] { GeneratorKind.Ugn, GeneratorKind.Gan }
            .Select(k => ShippedGenerators.Manifest(t, k).Open(ShippedWeights.RepositoryRoot()))).ToArray();
        foreach (var f in files)
        {
            var info = UgnCheckpoint.ReadInfo(f);
            if (!CodeLineage.SharesCodes(model, info.PoseNetSha256, model.Tap(info.Tap)))
                throw new CheckpointException(f, $"__metadata__ field 'posenet_sha256' is '{info.PoseNetSha256}', but the figures' PoseNet ({(model.Source.Length > 0 ? model.Source : "in memory")}) does not give that network's codes at {info.Tap}; give generators trained on its codes (--generator) or leave them out (--no-generators)");
        }
        return files;
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
