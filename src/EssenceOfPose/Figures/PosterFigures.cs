using System.Diagnostics;
using EssenceOfPose.Attribution;
using EssenceOfPose.Data;
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

    public static PosterFiguresReport Run(SiameseNet model, CheckpointInfo info, string modelSource, PosterFiguresOptions options, string outDir,
        IProgress<FiguresProgress>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        if (options.Reconstruction is not MahendranVedaldi given)
            throw new ArgumentException($"PosterFiguresOptions.Reconstruction must be Mahendran–Vedaldi (the comparison varies its priors); got {options.Reconstruction.Name}");
        var mv = given with { GradientLeak = options.GradientLeak };
        var layers = options.Layers.Select(l => TapCheck.Require(model, l)).ToArray();
        var regulariserTap = TapCheck.Require(model, options.RegulariserLayer);
        var neuronTap = TapCheck.Require(model, options.NeuronLayer);
        var channelTap = TapCheck.Require(model, options.NeuronConvLayer);
        var dreamTaps = options.DreamLayers.Select(l => TapCheck.Require(model, l)).ToArray();
        var saliencyTargets = options.SaliencyTargets.Select(SaliencyTarget.Parse).ToArray();

        var clock = Stopwatch.StartNew();
        var sections = new Dictionary<string, double>();
        var dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        FigureJson.Write(Path.Combine(dir, "options.json"), options);
        var mean = info.Mean;
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
            HeldOutSet.Prepare(options.City, options.Images, options.OtherImageSeed, Path.Combine(dir, "test-city"), Preprocess.WithMean(mean), model, layers, cancellation));

        var recon = Section("reconstructions", p =>
        {
            var r = ReconstructionFigure.Run(model, info, set, layers, mv, Path.Combine(dir, "reconstruction"), p, cancellation);
            ReconstructionFigure.Grid(r, $"original | reconstruction at {string.Join(" | ", options.Layers)} ({mv.Name}, {FigurePresets.Describe(mv)}, {mv.Steps}+{mv.SlowSteps} steps)")
                .Save(Path.Combine(dir, FigureA));
            return r;
        });

        var regularisers = Section("regularisers", p =>
        {
            var settings = RegulariserComparison.Settings(mv, options.TvSweep, options.YosinskiSettings, mean, options.GradientLeak);
            var (cells, grid) = RegulariserComparison.Run(model, info, set.Targets.Take(options.RegulariserImages), regulariserTap, settings,
                Path.Combine(dir, "regularisers"), p, cancellation);
            grid.Save(Path.Combine(dir, FigureB));
            return cells;
        });

        var neurons = Section("neurons", p =>
        {
            var units = MostActive(model, set.Targets.Batch, neuronTap, options.NeuronUnits)
                .Concat(options.NeuronChannels > 0 ? MostActive(model, set.Targets.Batch, channelTap, options.NeuronChannels) : []).ToArray();
            var sheet = NeuronSheet.Run(model, Preprocess.WithMean(mean), units, FigurePresets.ForNeurons(options.Neurons, mean, options.GradientLeak), Path.Combine(dir, "neurons"),
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
        var report = new PosterFiguresReport(Describe(info, modelSource), $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {torch.get_num_threads()} torch threads",
            options, set.Root, set.Pairs, set.DeadCodes, Bars.From(options, recon), recon, regularisers, neurons, saliency, dream, figures, sections, clock.Elapsed.TotalSeconds);
        FigureJson.Write(Path.Combine(dir, "figures.json"), report);
        FiguresPage.Write(Path.Combine(dir, "index.html"), report, dir);
        return report;
    }

    /// <summary>
    /// The <paramref name="count"/> units of <paramref name="tap"/> with the largest mean activation
    /// over <paramref name="images"/>: in a trained ReLU net many units never fire, and their images
    /// would show only the prior. A convolutional channel is scored at the position where its mean
    /// activation peaks (PoseNet's conv4 is so sparse that at the blob's centre most channels are
    /// silent), and that position is the unit.
    /// </summary>
    public static IReadOnlyList<NeuronUnit> MostActive(SiameseNet model, Tensor images, TapName tap, int count)
    {
        float[] mean;
        long[] shape;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var a = model.Tap(images, tap);
            shape = a.shape;
            mean = a.mean([0L]).to(ScalarType.Float32).contiguous().ToArray<float>();
        }
        var channels = (int)shape[1];
        var area = shape.Length == 4 ? (int)(shape[2] * shape[3]) : 1;
        // The best position of each channel (the first on ties: for a silent channel, the top-left).
        var best = Enumerable.Range(0, channels).Select(c => Enumerable.Range(0, area).MaxBy(k => (mean[c * area + k], -k))).ToArray();
        var chosen = Enumerable.Range(0, channels).OrderByDescending(c => mean[c * area + best[c]]).ThenBy(c => c).Take(count).ToArray();
        if (shape.Length != 4) return NeuronImages.Units(model, tap, chosen);
        var width = (int)shape[3];
        return chosen.Select(c => NeuronUnit.Conv(tap, c, best[c] / width, best[c] % width)).ToArray();
    }

    static FiguresModel Describe(CheckpointInfo info, string source) =>
        new(source, File.Exists(source) ? WeightsManifest.Hash(source) : "", info.Architecture, info.LabelKind.ToString(), info.Provenance.Command);

    /// <summary>Render steps reported as the section's progress, synchronously (System.Progress would post them to the thread pool).</summary>
    sealed class SectionProgress(IProgress<FiguresProgress>? outer, string section) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) =>
            outer?.Report(new FiguresProgress(section, FormattableString.Invariant($"step {value.Step}/{value.TotalSteps} loss {value.Loss:G4}")));
    }
}
