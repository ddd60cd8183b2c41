namespace EssenceOfPose.Inversion;

/// <summary>
/// One weighted term of an <see cref="Objective"/>: a named leaf loss and its weight. Its
/// <see cref="Name"/> is what the loss history is keyed by, e.g. <c>"0.0066*tv(β=2,iso)"</c>.
/// </summary>
public sealed class ObjectiveTerm
{
    readonly Func<RenderContext, Tensor> loss;

    internal ObjectiveTerm(double weight, string leafName, Func<RenderContext, Tensor> loss)
    {
        Weight = weight;
        LeafName = leafName;
        this.loss = loss;
    }

    /// <summary>The factor the leaf is multiplied by.</summary>
    public double Weight { get; }

    /// <summary>The leaf's own name, without the weight, e.g. <c>"tv(β=2,iso)"</c>.</summary>
    public string LeafName { get; }

    /// <summary>The weighted name: <c>"tv"</c>, <c>"-tv"</c> or <c>"0.5*tv"</c>.</summary>
    public string Name => Weight switch
    {
        1 => LeafName,
        -1 => "-" + LeafName,
        _ => Objective.FormatNumber(Weight) + "*" + LeafName,
    };

    /// <summary>The weighted loss per image [N]; throws when the leaf returns another shape.</summary>
    public Tensor Evaluate(RenderContext context)
    {
        var v = loss(context);
        var n = context.BatchSize;
        if (v.dim() != 1 || v.size(0) != n)
            throw new InvalidOperationException($"objective '{LeafName}' returned shape [{string.Join(", ", v.shape)}]; a loss per image [{n}] is expected");
        return Weight == 1 ? v : v * Weight;
    }

    internal ObjectiveTerm WithWeight(double weight) => new(weight, LeafName, loss);

    internal bool SameLeaf(ObjectiveTerm other) => ReferenceEquals(loss, other.loss);

    public override string ToString() => Name;
}
