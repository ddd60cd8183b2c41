namespace EssenceOfPose.Inversion;

/// <summary>
/// Random zoom by a factor uniform in [<see cref="Min"/>, <see cref="Max"/>] per image about the
/// centre, keeping the size (Lucid's <c>random_scale</c>, whose standard list is 0.9…1.1 in steps
/// of 0.02; here drawn continuously and resampled in place rather than resized).
/// </summary>
internal sealed record RandomScale(double Min, double Max) : Transform
{
    public override string Name => $"scale({Objective.FormatNumber(Min)}..{Objective.FormatNumber(Max)})";

    public override int Margin => 0;

    internal override Tensor Apply(Tensor images, Generator generator)
    {
        if (!(Min > 0 && Max >= Min)) throw new ArgumentException($"scale range [{Min}, {Max}] must be positive and ordered");
        var s = RandomAffine.Uniform(images.size(0), Min, Max, generator);
        // Zooming in by s samples the input at coordinates / s.
        return RandomAffine.Warp(images, s.SelectMany(v => new[] { 1 / v, 0, 0, 0, 1 / v, 0 }).ToArray());
    }
}
