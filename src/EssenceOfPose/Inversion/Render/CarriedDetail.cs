namespace EssenceOfPose.Inversion;

/// <summary>
/// A phase that starts from <see cref="Base"/> plus the detail the previous phase added to its own
/// base (<see cref="PreviousBase"/>), resized bilinearly to this phase's size: google/deepdream's
/// octave hand-over, <c>src.data[0] = octave_base + upscaled detail</c>, where the detail is the
/// previous octave's result minus its base. Both bases are [N,3,S,S] images the caller keeps alive
/// for the run.
/// </summary>
public sealed record CarriedDetail(Tensor Base, Tensor PreviousBase) : PhaseEntry
{
    public override string Name => $"detail carried onto a {Base.size(2)}×{Base.size(3)} base";

    internal override Tensor Enter(Tensor previous, long size)
    {
        if (Base.size(2) != size || Base.size(3) != size)
            throw new ArgumentException($"a {Base.size(2)}×{Base.size(3)} base for a phase of {size}×{size}");
        var detail = previous - PreviousBase;
        return Base + F.interpolate(detail, size: [size, size], mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
