namespace EssenceOfPose.Inversion;

/// <summary>Transforms applied in order (Lucid's <c>compose</c>); the empty chain is the identity.</summary>
internal sealed record TransformChain(IReadOnlyList<Transform> Steps) : Transform
{
    public override string Name => Steps.Count == 0 ? "none" : string.Join(", ", Steps.Select(s => s.Name));

    public override int Margin => Steps.Sum(s => s.Margin);

    internal override Tensor Apply(Tensor images, Generator generator)
    {
        var x = images;
        foreach (var s in Steps) x = s.Apply(x, generator);
        return x;
    }

    public bool Equals(TransformChain? other) => other is not null && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => Steps.Aggregate(0, (h, s) => HashCode.Combine(h, s));
}
