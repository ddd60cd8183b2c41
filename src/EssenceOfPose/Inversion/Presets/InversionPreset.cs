using System.Text.Json.Serialization;
using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>
/// A named method with all its settings (minGPT's configs): each concrete preset has a
/// <c>Quick</c> instance (seconds on 2 CPU cores) and a <c>Full</c> one (as published), and any
/// setting is overridden with <c>with { Steps = 2000 }</c>. <see cref="Plan"/> turns it into the
/// objective, start image and phases of one render. Serialises to JSON with a "preset" tag.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "preset")]
[JsonDerivedType(typeof(MahendranVedaldi), "mahendran_vedaldi")]
[JsonDerivedType(typeof(Yosinski1), "yosinski1")]
[JsonDerivedType(typeof(Yosinski2), "yosinski2")]
[JsonDerivedType(typeof(Yosinski3), "yosinski3")]
[JsonDerivedType(typeof(Yosinski4), "yosinski4")]
[JsonDerivedType(typeof(LucidAdam), "lucid_adam")]
public abstract record InversionPreset
{
    /// <summary>Optimisation steps (of the main phase, where a method has more than one).</summary>
    public int Steps { get; init; }

    /// <summary>Steps after which to keep a snapshot of the images (0 = the start).</summary>
    public IReadOnlyList<int> SnapshotSteps { get; init; } = [];

    /// <summary>Seed of the generator a run makes when none is given (start noise, jitter, transforms).</summary>
    public ulong Seed { get; init; } = 1;

    public abstract string Name { get; }

    /// <summary>
    /// Backward slope through dead ReLUs (a surrogate gradient; the loss is unchanged), for nets
    /// whose trained towers leave most units dead on the start image. 0, the default, is the true
    /// gradient, as every published method used.
    /// </summary>
    public double GradientLeak { get; init; }

    /// <summary>
    /// The weight of the data term when inverting (Mahendran &amp; Vedaldi's C, Yosinski's inversion
    /// weight); null for a method without one (Lucid's recipe).
    /// </summary>
    public virtual double? DataWeight => null;

    /// <summary>This preset with the data term weighted by <paramref name="weight"/> (finite, positive).</summary>
    /// <exception cref="ArgumentException">The preset has no data-term weight.</exception>
    public InversionPreset WithDataWeight(double weight)
    {
        if (!(double.IsFinite(weight) && weight > 0)) throw new ArgumentOutOfRangeException(nameof(weight), weight, "an objective weight is finite and positive");
        return Weighted(weight) ?? throw new ArgumentException($"preset {Name} has no objective weight to set");
    }

    /// <summary>The preset with its data weight set; null where it has none.</summary>
    protected virtual InversionPreset? Weighted(double weight) => null;

    /// <summary>This preset with a backward slope through dead ReLUs of <paramref name="leak"/> (in [0, 1]).</summary>
    public InversionPreset WithLeak(double leak)
    {
        if (!(leak >= 0 && leak <= 1)) throw new ArgumentOutOfRangeException(nameof(leak), leak, "a gradient leak is in [0, 1]");
        return this with { GradientLeak = leak };
    }

    /// <summary>This preset with <paramref name="steps"/> main-phase steps (a method with a second phase shortens it in proportion).</summary>
    public virtual InversionPreset WithSteps(int steps)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "at least 1 step");
        return this with { Steps = steps };
    }

    /// <summary>
    /// The backward slope through dead ReLUs that renders of the shipped PoseNet use: it fires on
    /// about 2.4 % of its conv4 units (3 % of conv2) on training views and on fewer for noise, so
    /// the true gradient of a post-ReLU code is sparse. Through dead ReLUs with slope 0.3 the Full
    /// schedule ends two to five times closer to the code (mean feature error 0.105 at fc5 and
    /// 0.052 at conv4, against 0.25 and 0.24); losses and reported errors stay the true ones.
    /// </summary>
    public const double PoseNetGradientLeak = 0.3;

    /// <summary>
    /// The preset as the figures, the CLI and the notebooks run it on PoseNet: the gradient leak
    /// <see cref="PoseNetGradientLeak"/> and the data weight tuned on the shipped weights (each
    /// preset says which in its override). The library's Quick and Full stay as published (true
    /// gradient).
    /// </summary>
    public virtual InversionPreset ForPoseNet() => this with { GradientLeak = PoseNetGradientLeak };

    /// <summary>The weight and leak in words, e.g. "C = 1, ReLU gradient leak 0.3" or "inversion weight 10, true gradient".</summary>
    public string Describe() =>
        WeightText + (GradientLeak > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", ReLU gradient leak {GradientLeak:G3}") : ", true gradient");

    /// <summary>The data weight in words ("C = 1"); "no data-term weight" where there is none.</summary>
    protected virtual string WeightText => "no data-term weight";

    /// <summary>A short caption of the method's own prior (Latin-1, for image captions).</summary>
    public virtual string Caption => Name;

    /// <summary>The data term of an inversion of <paramref name="codes"/> at <paramref name="tap"/>, before the preset's weight: the normalised feature match.</summary>
    public virtual Objective FeatureTerm(TapName tap, Tensor codes) => Objectives.FeatureMatch(tap, codes);

    /// <summary>The full render plan for a request: weighted objective with the method's regularisers, start image, phases.</summary>
    public abstract RenderPlan Plan(RenderRequest request, Generator generator);

    public virtual bool Equals(InversionPreset? other) =>
        other is not null && EqualityContract == other.EqualityContract && Steps == other.Steps && Seed == other.Seed && GradientLeak == other.GradientLeak
        && SnapshotSteps.SequenceEqual(other.SnapshotSteps);

    public override int GetHashCode() => HashCode.Combine(EqualityContract, Steps, Seed, GradientLeak);
}
