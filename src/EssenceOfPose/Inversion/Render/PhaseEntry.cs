namespace EssenceOfPose.Inversion;

/// <summary>
/// How a phase's image is made from the image the previous phase ended with (for the first phase,
/// from the plan's start): <see cref="Fit"/>, the default, centre-crops or zero-pads it to the
/// phase's size; <see cref="CarriedDetail"/> moves to another scale as DeepDream's octaves do.
/// Entries may hold tensors (an octave's base), so, like the plan's start, they are not written
/// with a run's options.
/// </summary>
public abstract record PhaseEntry
{
    /// <summary>The previous image, centre-cropped or zero-padded to the phase's size (Mahendran &amp; Vedaldi's placement).</summary>
    public static PhaseEntry Fit { get; } = new FitEntry();

    public abstract string Name { get; }

    /// <summary>The phase's first image [N,3,<paramref name="size"/>,<paramref name="size"/>] from <paramref name="previous"/>; runs without autograd.</summary>
    internal abstract Tensor Enter(Tensor previous, long size);

    sealed record FitEntry : PhaseEntry
    {
        public override string Name => "fit";

        internal override Tensor Enter(Tensor previous, long size) => Renderer.Fit(previous, size);
    }
}
