using System.Text.Json;
using EssenceOfPose.Attribution;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Experiments;
using EssenceOfPose.Figures;
using EssenceOfPose.Generators;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;
using EssenceOfPose.Tests.Inversion;
using EssenceOfPose.Tests.Training;

namespace EssenceOfPose.Tests.Figures;

/// <summary>The whole figures run on a tiny case: every section on the page, every bar in figures.json, the same held-out images every time.</summary>
public sealed class PosterFiguresTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("eop-figures-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Two held-out images from a 64-pixel city, two or three steps everywhere.</summary>
    static PosterFiguresOptions Tiny => PosterFiguresOptions.Quick with
    {
        City = SyntheticCityOptions.Default with { Seed = 2, DatasetId = 9002, Targets = 4, ImageSize = 64, BlocksX = 4, BlocksY = 4 },
        Images = 2,
        Reconstruction = MahendranVedaldi.Quick.ForPoseNet() with { Steps = 3, SlowSteps = 1 },
        TvSweep = [10],
        YosinskiSettings = [Yosinski2.Quick with { Steps = 2 }, Yosinski4.Quick with { Steps = 2 }],
        NeuronUnits = 2,
        NeuronChannels = 1,
        Neurons = LucidAdam.Quick with { Steps = 2 },
        SaliencyPairs = 1,
        DreamLayers = ["conv3", "fc5"],
        Dream = DeepDreamOptions.Quick with { Octaves = 2, IterationsPerOctave = 1 },
        GeneratorFiles = [],
        OverfittingImages = 0,
    };

    static PoseModel Net()
    {
        var net = new PoseNet();
        TinySiamese.Reinitialise(net, 4, p => 1 / Math.Sqrt(p.numel() / p.size(0)));
        return PoseModel.Of(net, new CheckpointInfo { Architecture = PoseNet.Name, Mean = [120, 115, 105] }, "in-memory");
    }

    /// <summary>
    /// A tiny UGN and a tiny GAN (started from it) at each tap, trained for a few steps on a tiny
    /// city's codes of <paramref name="model"/> (which must be saved: a generator names its network by hash).
    /// </summary>
    static string[] TinyGenerators(PoseModel model, string dir)
    {
        using var city = new TinyCity();
        var files = new List<string>();
        foreach (var tap in new[] { "conv4", "fc5" })
        {
            using var cache = CodeCache.Build(model, tap, [city.Root], images: 12, seed: 1);
            var ugn = Path.Combine(dir, $"ugn-{tap}.safetensors");
            new UgnTrainer(new UgnTrainingOptions { Generator = UgnOptions.Tiny, Epochs = 1, BatchSize = 4, Threads = 1 }).Run(cache, ugn, "tiny ugn");
            var gan = Path.Combine(dir, $"gan-{tap}.safetensors");
            new GanTrainer(new GanTrainingOptions { Discriminator = DiscriminatorOptions.Tiny, Epochs = 1, BatchSize = 4, SampleImages = 0, Threads = 1 })
                .Run(model, cache, gan, "tiny gan", initFrom: ugn);
            files.AddRange([ugn, gan]);
        }
        return [.. files];
    }

    [Fact]
    public void A_tiny_run_writes_every_figure_the_page_with_every_section_and_the_bars()
    {
        var weights = Path.Combine(dir, "posenet.safetensors");
        using (var made = Net()) Checkpoint.Save(weights, made.Net, made.Info);
        using var net = PoseModel.Load(weights);
        var generators = TinyGenerators(net, Directory.CreateDirectory(Path.Combine(dir, "g")).FullName);
        var options = Tiny with
        {
            GeneratorFiles = generators,
            OverfittingImages = 8,
            Overfitting = Tiny.Overfitting with { Epochs = 2, BatchSize = 2, Generator = UgnOptions.Tiny },
        };
        var report = PosterFigures.Run(net, options, dir);

        foreach (var png in new[] { PosterFigures.FigureA, PosterFigures.FigureB, PosterFigures.FigureC, PosterFigures.FigureD, PosterFigures.FigureE, PosterFigures.FigureG, PosterFigures.FigureH })
            Assert.True(new FileInfo(Path.Combine(dir, png)).Length > 1000, png);
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        foreach (var id in FiguresPage.SectionIds) Assert.Contains($"<section id=\"{id}\">", html);
        Assert.Equal(7, html.Split("src=\"data:image/png;base64,").Length - 1);

        // (g): every method at both taps on the same images, the optimisation reused from (a).
        var rows = report.Generators!.Rows;
        Assert.Equal(["UGN conv4", "GAN conv4", "optimisation (MV) conv4", "other image conv4", "UGN fc5", "GAN fc5", "optimisation (MV) fc5", "other image fc5"],
            rows.Select(r => $"{r.Method} {r.Tap}"));
        Assert.All(rows, r => Assert.Equal(2, r.PsnrPerImage.Count));
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Sharpness) && double.IsFinite(r.GradientW1) && double.IsFinite(r.ColourW1) && r.RotationMedianDegrees is not null, $"{r.Method} {r.Tap}"));
        foreach (var tap in new[] { "conv4", "fc5" })
        {
            var mv = report.Reconstruction.Single(l => l.Layer == tap);
            var row = rows.Single(r => r.Method == GeneratorPanel.OptimisationName && r.Tap == tap);
            Assert.Equal(mv.SecondsPerImage, row.SecondsPerImage);
            Assert.Equal(mv.MeanPsnr, row.Psnr, 6);
            var bar = report.GeneratorBars![tap];
            Assert.Equal(Math.Abs(1 - bar.GanSharpness) < Math.Abs(1 - bar.UgnSharpness), bar.GanSharperThanUgn);
        }
        Assert.Equal(8, report.GeneratorTable!.Rows.Count);
        Assert.Equal(8, report.Overfitting!.TrainImages + report.Overfitting.HeldOutImages);
        Assert.Equal(2, report.Overfitting.Epochs.Count);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http", html);
        Assert.Contains("C = 1, ReLU gradient leak 0.3", html);
        Assert.Contains("yosinski2: inversion weight 10, ReLU gradient leak 0.3", html);
        Assert.Contains("yosinski4: inversion weight 1, ReLU gradient leak 0.3", html);

        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "figures.json")));
        var bars = doc.RootElement.GetProperty("bars");
        Assert.Equal(2, bars.GetProperty("images").GetInt32());
        Assert.Equal(1, bars.GetProperty("objectiveWeight").GetDouble());
        Assert.Equal(0.3, bars.GetProperty("gradientLeak").GetDouble());
        Assert.Equal(4, bars.GetProperty("stepsPerImage").GetInt32());
        foreach (var layer in new[] { "conv4", "fc5" })
        {
            var l = bars.GetProperty("layers").GetProperty(layer);
            foreach (var key in new[] { "reconstructionError", "startNoiseError", "otherImageError", "secondsPerImage" })
                Assert.True(double.IsFinite(l.GetProperty(key).GetDouble()), $"{layer}.{key}");
            Assert.Equal(l.GetProperty("reconstructionError").GetDouble() < l.GetProperty("otherImageError").GetDouble(), l.GetProperty("closerThanOtherImage").GetBoolean());
            var pose = l.GetProperty("poseAgreement");
            foreach (var key in new[] { "meanRotationDegrees", "medianRotationDegrees", "meanAbsMatchChange" })
                Assert.True(double.IsFinite(pose.GetProperty(key).GetDouble()), $"{layer}.poseAgreement.{key}");
        }
        Assert.Equal(bars.GetProperty("layers").EnumerateObject().All(l => l.Value.GetProperty("closerThanOtherImage").GetBoolean()),
            bars.GetProperty("closerThanOtherImageAtEveryLayer").GetBoolean());
        Assert.True(bars.GetProperty("secondsPerImage").GetDouble() > 0);

        // (b): the regulariser study's 11 arms + 1 TV weight + 2 Yosinski settings, each with its options beside it.
        Assert.Equal(RegulariserStudy.Variants(MahendranVedaldi.Quick).Count + 3, report.Regularisers.Count);
        Assert.All(report.Regularisers, c => Assert.True(File.Exists(Path.Combine(dir, "regularisers", c.Folder, "options.json"))));
        Assert.Contains(report.Regularisers, c => c.Objective == "feature_match(fc5) + 0.006602*tv(β=2,iso)"); // α-norm left out
        Assert.Equal(3, report.Neurons.Units.Count);
        Assert.StartsWith("conv4[", report.Neurons.Units[2]);
        Assert.Equal(2, report.Saliency.Items.Count);
        Assert.Equal(2, report.Dream.Items.Count);
        Assert.True(File.Exists(Path.Combine(dir, "options.json")));
        Assert.Equal(2, report.Pairs.Count);
        Assert.All(report.Pairs, p => Assert.NotEqual(p.First, p.Other));
        Assert.All(report.Pairs, p => Assert.StartsWith("9002_", Path.GetFileName(p.First)));
    }

    [Fact]
    public void Presets_carry_their_weights_for_PoseNet_and_describe_themselves()
    {
        Assert.Equal(1, (MahendranVedaldi.Quick with { ObjectiveWeight = 7 }).ForPoseNet().DataWeight);
        Assert.Equal(10, Yosinski2.Full.ForPoseNet().DataWeight);
        Assert.Equal(10, Yosinski3.Quick.ForPoseNet().DataWeight);
        Assert.Equal(1, Yosinski4.Quick.ForPoseNet().DataWeight);
        Assert.Equal(1, Yosinski1.Quick.ForPoseNet().DataWeight);
        Assert.Equal(300, MahendranVedaldi.Quick.ForPoseNet().WithDataWeight(300).DataWeight);
        Assert.Null(LucidAdam.Quick.ForPoseNet().DataWeight);
        Assert.Equal(InversionPreset.PoseNetGradientLeak, Yosinski2.Quick.ForPoseNet().GradientLeak);
        Assert.Equal(0, MahendranVedaldi.Quick.GradientLeak);
        Assert.Equal(0, LucidAdam.Quick.ForPoseNet().WithLeak(0).GradientLeak);
        Assert.Equal("C = 1, true gradient", MahendranVedaldi.Quick.ForPoseNet().WithLeak(0).Describe());
        Assert.Equal("inversion weight 10, ReLU gradient leak 0.3", Yosinski2.Quick.ForPoseNet().Describe());
        Assert.Equal("no data-term weight, ReLU gradient leak 0.3", LucidAdam.Quick.ForPoseNet().Describe());
        Assert.Throws<ArgumentException>(() => LucidAdam.Quick.WithDataWeight(5));
        Assert.Throws<ArgumentOutOfRangeException>(() => MahendranVedaldi.Quick.WithDataWeight(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MahendranVedaldi.Quick.WithLeak(1.5));
        // Steps: Mahendran & Vedaldi's slow phase shrinks as 50 is to 300.
        Assert.Equal((60, 10), ((MahendranVedaldi)MahendranVedaldi.Full.WithSteps(60)) is var m ? (m.Steps, m.SlowSteps) : default);
        Assert.Equal(7, Yosinski2.Full.WithSteps(7).Steps);
        Assert.IsType<Yosinski2>(PresetCatalog.Get("yosinski2", Profile.Full));
        Assert.Equal(750, PresetCatalog.Get("Yosinski2", Profile.Full).Steps);
        Assert.Equal(MahendranVedaldi.Quick, PresetCatalog.Get("mahendran_vedaldi", Profile.Quick));
        Assert.Contains("LucidAdam", Assert.Throws<ArgumentException>(() => PresetCatalog.Get("simonyan", Profile.Quick)).Message);
    }

    [Fact]
    public void A_profile_is_parsed_once_and_picks_quick_or_full()
    {
        Assert.Equal(Profile.Full, Profiles.Parse("Full"));
        Assert.Equal(Profile.Quick, Profiles.Parse("quick"));
        Assert.Contains("expected quick or full", Assert.Throws<ArgumentException>(() => Profiles.Parse("medium")).Message);
        Assert.Equal(16, Profile.Full.Pick(PosterFiguresOptions.Quick, PosterFiguresOptions.Full).Images);
        Assert.Equal("\"quick\"", JsonSerializer.Serialize(Profile.Quick));
    }

    [Fact]
    public void Options_refuse_more_figure_images_than_held_out_images()
    {
        Assert.Contains("SaliencyPairs", Assert.Throws<ArgumentException>(() => (Tiny with { SaliencyPairs = 3 }).Validate()).Message);
        Assert.Contains("Images", Assert.Throws<ArgumentException>(() => (Tiny with { Images = 0 }).Validate()).Message);
        using var net = Net();
        Assert.Contains("conv9", Assert.Throws<ArgumentException>(() => PosterFigures.Run(net, Tiny with { Layers = ["conv9"] }, dir)).Message);
        Assert.Contains("Mahendran", Assert.Throws<ArgumentException>(() => PosterFigures.Run(net, Tiny with { Reconstruction = LucidAdam.Quick }, dir)).Message);
        // A generator of another network is refused before any section runs.
        var foreign = Path.Combine(dir, "foreign.safetensors");
        using (var g = new UpConvGenerator([500], UgnOptions.Tiny))
            UgnCheckpoint.Save(foreign, g, new UgnInfo { Tap = "fc5", CodeShape = [500], PoseNetSha256 = new string('a', 64), Options = UgnOptions.Tiny });
        var e = Assert.Throws<CheckpointException>(() => PosterFigures.Run(net, Tiny with { GeneratorFiles = [foreign] }, Path.Combine(dir, "refused")));
        Assert.Contains("foreign.safetensors", e.Message);
        Assert.Contains("--no-generators", e.Message);
        Assert.False(File.Exists(Path.Combine(dir, "refused", PosterFigures.FigureA)));
    }
}
