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

    /// <summary>The data term of an inversion of <paramref name="codes"/> at <paramref name="tap"/>, before the preset's weight: the normalised feature match.</summary>
    public virtual Objective FeatureTerm(TapName tap, Tensor codes) => Objectives.FeatureMatch(tap, codes);

    /// <summary>The full render plan for a request: weighted objective with the method's regularisers, start image, phases.</summary>
    public abstract RenderPlan Plan(RenderRequest request, Generator generator);

    public virtual bool Equals(InversionPreset? other) =>
        other is not null && EqualityContract == other.EqualityContract && Steps == other.Steps && Seed == other.Seed && GradientLeak == other.GradientLeak
        && SnapshotSteps.SequenceEqual(other.SnapshotSteps);

    public override int GetHashCode() => HashCode.Combine(EqualityContract, Steps, Seed, GradientLeak);
}
