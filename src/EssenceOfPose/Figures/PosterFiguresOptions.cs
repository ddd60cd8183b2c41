using EssenceOfPose.Attribution;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Generators;
using EssenceOfPose.Inversion;

namespace EssenceOfPose.Figures;

/// <summary>
/// Everything that decides a <see cref="PosterFigures"/> run, written beside its output as
/// <c>options.json</c>. <see cref="Quick"/> takes minutes on 2 CPU cores; <see cref="Full"/> uses
/// the presets' published step counts and 16 held-out images (the bars). The held-out
/// images come from a city rendered with another seed than the training cities (seeds 1 and 3), so no
/// building, façade or camera of the test set was seen in training. Inversion weights are the
/// presets' own for PoseNet (<see cref="InversionPreset.ForPoseNet"/>) and are written with every number.
/// </summary>
public sealed record PosterFiguresOptions
{
    /// <summary>Quick or Full, for the page and the bars.</summary>
    public Profile Profile { get; init; } = Profile.Quick;

    /// <summary>The held-out city: seed 2 and dataset id 9002 (the shipped weights' training cities: seeds 1 and 3), 256 px like the training city.</summary>
    public SyntheticCityOptions City { get; init; } = SyntheticCityOptions.Default with { Seed = 2, DatasetId = 9002, Targets = 24 };

    /// <summary>Held-out targets reconstructed (each gives a view A and a matching view B).</summary>
    public int Images { get; init; } = 6;

    /// <summary>Seed that draws each target's "different random image" baseline.</summary>
    public int OtherImageSeed { get; init; } = 7;

    /// <summary>
    /// The backward slope through dead ReLUs of every render of the run (reconstructions, the
    /// comparison, the units); see <see cref="InversionPreset.PoseNetGradientLeak"/> for why. 0 is the true gradient.
    /// </summary>
    public double GradientLeak { get; init; } = InversionPreset.PoseNetGradientLeak;

    /// <summary>Taps inverted for figure (a) and the metrics table (f).</summary>
    public IReadOnlyList<string> Layers { get; init; } = ["conv4", "fc5"];

    /// <summary>The inversion of (a) and (f): Mahendran &amp; Vedaldi as tuned for PoseNet (<see cref="MahendranVedaldi.ForPoseNet"/>: their published C = 1).</summary>
    public InversionPreset Reconstruction { get; init; } = MahendranVedaldi.Quick.ForPoseNet();

    /// <summary>Tap of the regulariser comparison (b).</summary>
    public string RegulariserLayer { get; init; } = "fc5";

    /// <summary>Images of the regulariser comparison (the first held-out targets).</summary>
    public int RegulariserImages { get; init; } = 1;

    /// <summary>The TV weight sweep of (b), as multiples of the published λ_V = (6.5/B)^β (<see cref="Experiments.RegulariserStudy.TvWeightSweep"/>).</summary>
    public IReadOnlyList<double> TvSweep { get; init; } = [0.1, 10, 100];

    /// <summary>Yosinski et al.'s settings compared in (b) as whole methods (weights from their <see cref="InversionPreset.ForPoseNet"/>).</summary>
    public IReadOnlyList<InversionPreset> YosinskiSettings { get; init; } = [Yosinski1.Quick, Yosinski2.Quick, Yosinski3.Quick, Yosinski4.Quick];

    /// <summary>Tap and count of the single-unit images of (c): the most active units on the held-out images.</summary>
    public string NeuronLayer { get; init; } = "fc5";

    public int NeuronUnits { get; init; } = 16;

    /// <summary>Convolutional tap and channel count of (c), each channel at the position where its mean activation peaks (<see cref="Experiments.UnitRanking.MostActive"/>).</summary>
    public string NeuronConvLayer { get; init; } = "conv4";

    public int NeuronChannels { get; init; } = 4;

    /// <summary>
    /// The activation maximisation of (c): Lucid's recipe, whose Adam steps do not depend on the
    /// gradient's scale — Yosinski's constant rates barely move PoseNet's small fc5 gradients.
    /// </summary>
    public InversionPreset Neurons { get; init; } = LucidAdam.Quick;

    /// <summary>Pairs (A, B) of (d) and the scores explained ("match", "pose:K").</summary>
    public int SaliencyPairs { get; init; } = 3;

    public IReadOnlyList<string> SaliencyTargets { get; init; } = ["match", "pose:0"];

    /// <summary>Images and taps of (e).</summary>
    public int DreamImages { get; init; } = 1;

    public IReadOnlyList<string> DreamLayers { get; init; } = ["conv3", "fc5"];

    public DeepDreamOptions Dream { get; init; } = DeepDreamOptions.Quick;

    /// <summary>
    /// The generators of the poster's results panel and of the comparison of every method: null,
    /// the shipped UGN and GAN at conv4 and fc5 (<see cref="ShippedGenerators"/>, which need the
    /// shipped PoseNet); otherwise these files (each names its tap and kind); empty: no panel.
    /// </summary>
    public IReadOnlyList<string>? GeneratorFiles { get; init; }

    /// <summary>Held-out views the "UGN: Overfitting" panel trains its small generator on (a quarter of them held out again); 0 leaves the panel out.</summary>
    public int OverfittingImages { get; init; } = 96;

    public string OverfittingLayer { get; init; } = "fc5";

    /// <summary>How the overfitting generator trains: long enough on few images to learn them rather than the code.</summary>
    public UgnTrainingOptions Overfitting { get; init; } = UgnTrainingOptions.Quick with
    {
        Epochs = 30, BatchSize = 8, Lr = 2e-3, ValidationFraction = 0.25, Generator = UgnOptions.Default with { Channels = 48, MinChannels = 12 },
    };

    /// <summary>A few minutes on 2 CPU cores: 6 images, the presets' Quick step counts.</summary>
    public static PosterFiguresOptions Quick => new();

    /// <summary>The bars: 16 held-out images, Mahendran &amp; Vedaldi Full (300 + 50 steps), the presets' Full forms.</summary>
    public static PosterFiguresOptions Full => new()
    {
        Profile = Profile.Full,
        City = SyntheticCityOptions.Default with { Seed = 2, DatasetId = 9002, Targets = 48 },
        Images = 16,
        Reconstruction = MahendranVedaldi.Full.ForPoseNet(),
        RegulariserImages = 2,
        YosinskiSettings = [Yosinski1.Full, Yosinski2.Full, Yosinski3.Full, Yosinski4.Full],
        Neurons = LucidAdam.Full,
        SaliencyPairs = 4,
        DreamImages = 2,
        Dream = DeepDreamOptions.Full,
        Overfitting = Quick.Overfitting with { Epochs = 200 },
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        City.Validate();
        Require(Images >= 1, nameof(Images), "at least 1");
        Require(Layers.Count >= 1, nameof(Layers), "at least one tap");
        Require(RegulariserImages is >= 1 && RegulariserImages <= Images, nameof(RegulariserImages), $"1 to Images ({Images})");
        Require(SaliencyPairs is >= 1 && SaliencyPairs <= Images, nameof(SaliencyPairs), $"1 to Images ({Images})");
        Require(DreamImages is >= 1 && DreamImages <= Images, nameof(DreamImages), $"1 to Images ({Images})");
        Require(NeuronUnits >= 1 && NeuronChannels >= 0, nameof(NeuronUnits), "at least one unit, and 0 or more channels");
        Require(TvSweep.All(f => double.IsFinite(f) && f > 0), nameof(TvSweep), "positive multiples");
        Require(GradientLeak is >= 0 and <= 1, nameof(GradientLeak), "in [0, 1]");
        Require(SaliencyTargets.Count >= 1 && DreamLayers.Count >= 1, nameof(SaliencyTargets), "at least one saliency target and one dream tap");
        Require(OverfittingImages == 0 || OverfittingImages >= 4, nameof(OverfittingImages), "0 (no panel) or at least 4");
        Require(Overfitting.Problem() is null, nameof(Overfitting), $"valid training options ({Overfitting.Problem()})");
    }

    static void Require(bool ok, string name, string expected)
    {
        if (!ok) throw new ArgumentException($"PosterFiguresOptions.{name} must be {expected}", name);
    }
}
