using EssenceOfPose.Experiments;

namespace EssenceOfPose.Figures;

/// <summary>The weights a figures run used: where they came from, their hash, and how they were trained.</summary>
public sealed record FiguresModel(string Source, string Sha256, string Architecture, string LabelKind, string TrainedBy);

/// <summary>One tap's bar numbers: mean normalised feature error of the reconstructions and its two baselines, pose agreement, time.</summary>
public sealed record BarLayer(double ReconstructionError, double StartNoiseError, double OtherImageError, bool CloserThanOtherImage,
    AgreementSummary? PoseAgreement, AgreementSummary OtherImagePoseAgreement, double SecondsPerImage);

/// <summary>
/// The bars: over the held-out images, with Mahendran &amp; Vedaldi (and its C), the mean
/// normalised feature error at each tap beside the start-noise and other-image baselines, whether
/// the reconstruction is closer to Φ₀ than the other image at every tap, the pose agreement at
/// each tap, and the seconds per image of the batch (all taps together and per tap).
/// </summary>
public sealed record Bars(Profile Profile, int Images, int Batch, string Preset, double? ObjectiveWeight, double GradientLeak, string Weight, int StepsPerImage,
    IReadOnlyDictionary<string, BarLayer> Layers, bool CloserThanOtherImageAtEveryLayer, double SecondsPerImage)
{
    public static Bars From(PosterFiguresOptions options, IReadOnlyList<LayerReconstruction> layers)
    {
        var first = layers[0].Inversion;
        var perLayer = layers.ToDictionary(l => l.Layer, l => new BarLayer(l.ReconstructionError, l.StartNoiseError, l.OtherImageError, l.CloserThanOtherImage,
            l.Agreement, l.OtherImageAgreement, l.SecondsPerImage));
        return new Bars(options.Profile, first.Images.Count, first.Images.Count, first.Preset, first.ObjectiveWeight, options.GradientLeak, first.Weight, first.Steps, perLayer,
            layers.All(l => l.CloserThanOtherImage), layers.Sum(l => l.SecondsPerImage));
    }
}

/// <summary>Progress of a figures run: the section, and what it is doing.</summary>
public readonly record struct FiguresProgress(string Section, string Detail);

/// <summary>Everything a <see cref="PosterFigures"/> run measured, as <c>figures.json</c> holds it.</summary>
public sealed record PosterFiguresReport(
    FiguresModel Model,
    string Machine,
    PosterFiguresOptions Options,
    string TestCity,
    IReadOnlyList<HeldOutPair> Pairs,
    IReadOnlyList<string> DeadCodeTargets,
    Bars Bars,
    IReadOnlyList<LayerReconstruction> Reconstruction,
    IReadOnlyList<RegulariserCell> Regularisers,
    NeuronSheetReport Neurons,
    PairSaliencyReport Saliency,
    DreamSheetReport Dream,
    IReadOnlyDictionary<string, string> Figures,
    IReadOnlyDictionary<string, double> SectionSeconds,
    double Seconds)
{
    /// <summary>(g): every reconstruction method at both taps on the held-out images (null when the run had no generators).</summary>
    public MethodComparisonReport? Generators { get; init; }

    /// <summary>The GAN issue's bars at each tap (null without generators).</summary>
    public IReadOnlyDictionary<string, GeneratorBar>? GeneratorBars { get; init; }

    /// <summary>(g)'s table, for the page and the console.</summary>
    [System.Text.Json.Serialization.JsonIgnore] public Display.MetricTable? GeneratorTable { get; init; }

    /// <summary>(h): the overfitting generator's figures (null when left out).</summary>
    public OverfittingReport? Overfitting { get; init; }
}
