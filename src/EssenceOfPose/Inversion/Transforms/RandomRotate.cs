namespace EssenceOfPose.Inversion;

/// <summary>
/// Random rotation about the centre by an angle uniform in ±<see cref="MaxDegrees"/> per image
/// (Lucid's <c>random_rotate</c>, whose standard list is −10…10 degrees). Coordinates are
/// normalised per axis, so the images are taken to be square, as every image here is.
/// </summary>
internal sealed record RandomRotate(double MaxDegrees) : Transform
{
    public override string Name => $"rotate(±{Objective.FormatNumber(MaxDegrees)}°)";

    public override int Margin => 0;

    internal override Tensor Apply(Tensor images, Generator generator)
    {
        if (!(MaxDegrees >= 0)) throw new ArgumentOutOfRangeException(nameof(MaxDegrees), MaxDegrees, "the angle must be non-negative");
        var a = RandomAffine.Uniform(images.size(0), -MaxDegrees, MaxDegrees, generator).Select(d => d * Math.PI / 180);
        return RandomAffine.Warp(images, a.SelectMany(r => new[] { Math.Cos(r), -Math.Sin(r), 0, Math.Sin(r), Math.Cos(r), 0 }).ToArray());
    }
}
