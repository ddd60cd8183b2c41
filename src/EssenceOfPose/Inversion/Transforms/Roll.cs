namespace EssenceOfPose.Inversion;

/// <summary>
/// Random circular shift (google/deepdream's <c>make_step</c>: <c>np.roll</c> by a shift drawn from
/// −J…J per axis before the step, rolled back after it): one shift of rows and columns per step,
/// drawn as <c>randint(−J, J + 1, [2])</c> and shared by the whole batch, as the original dreams
/// one image. Keeps the size (no margin). As a transform it feeds the network a rolled copy, and
/// since rolling is a permutation the image receives exactly the rolled-back gradient; as a
/// phase's <see cref="RenderPhase.CanvasShift"/> it rolls the image itself for the step, which is
/// the same step up to the order in which an update rule's per-image sums add up.
/// </summary>
public sealed record Roll(int Pixels) : Transform
{
    public override string Name => $"roll(±{Pixels})";

    public override int Margin => 0;

    internal override Tensor Apply(Tensor images, Generator generator) => images.roll(Draw(generator), Axes);

    /// <summary>The step's shift (rows, columns): one draw of two from the generator.</summary>
    internal long[] Draw(Generator generator)
    {
        if (Pixels < 0) throw new ArgumentOutOfRangeException(nameof(Pixels), Pixels, "the shift bound must be non-negative");
        return torch.randint(-Pixels, Pixels + 1, [2], generator: generator).ToArray<long>();
    }

    /// <summary>The image axes a shift moves: rows, then columns.</summary>
    internal static readonly long[] Axes = [2, 3];
}
