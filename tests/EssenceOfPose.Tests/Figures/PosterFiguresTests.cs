using System.Text.Json;
using EssenceOfPose.Attribution;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Experiments;
using EssenceOfPose.Figures;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;
using EssenceOfPose.Tests.Inversion;

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
    };

    static PoseModel Net()
    {
        var net = new PoseNet();
        TinySiamese.Reinitialise(net, 4, p => 1 / Math.Sqrt(p.numel() / p.size(0)));
        return PoseModel.Of(net, new CheckpointInfo { Architecture = PoseNet.Name, Mean = [120, 115, 105] }, "in-memory");
    }

    [Fact]
    public void A_tiny_run_writes_every_figure_the_page_with_every_section_and_the_bars()
    {
        using var net = Net();
        var report = PosterFigures.Run(net, Tiny, dir);

        foreach (var png in new[] { PosterFigures.FigureA, PosterFigures.FigureB, PosterFigures.FigureC, PosterFigures.FigureD, PosterFigures.FigureE })
            Assert.True(new FileInfo(Path.Combine(dir, png)).Length > 1000, png);
        var html = File.ReadAllText(Path.Combine(dir, "index.html"));
        foreach (var id in FiguresPage.SectionIds) Assert.Contains($"<section id=\"{id}\">", html);
        Assert.Equal(5, html.Split("src=\"data:image/png;base64,").Length - 1);
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
    }
}
