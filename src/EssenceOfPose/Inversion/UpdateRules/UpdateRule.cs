using System.Text.Json.Serialization;

namespace EssenceOfPose.Inversion;

/// <summary>
/// How the leaves move given their gradients: the optimiser of one render phase. The record
/// holds the settings (serialised with a run's options); <see cref="Create"/> makes the stateful
/// updater for one phase's leaves.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MomentumAdaGrad), "momentum_adagrad")]
[JsonDerivedType(typeof(GradientStep), "gradient")]
[JsonDerivedType(typeof(AdamStep), "adam")]
[JsonDerivedType(typeof(NormalisedStep), "normalised")]
public abstract record UpdateRule
{
    public abstract string Name { get; }

    internal abstract IUpdater Create(IReadOnlyList<Tensor> parameters);
}

/// <summary>The state of an update rule over one set of leaves.</summary>
internal interface IUpdater : IDisposable
{
    /// <summary>Moves every leaf, in place and without autograd, given ∂loss/∂leaf (same order as the leaves).</summary>
    void Step(IReadOnlyList<Tensor> gradients);
}
