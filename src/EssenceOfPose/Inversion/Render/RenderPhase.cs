using System.Text.Json.Serialization;

namespace EssenceOfPose.Inversion;

/// <summary>
/// A stretch of the render loop with one optimiser, one random transform and one set of
/// step-wise regularisers (Mahendran &amp; Vedaldi run two: 300 steps with jitter, then 50 at a tenth
/// of the rate without). The image of a phase is the network input plus the transform's margin,
/// or <see cref="Size"/> where set; a phase starts from the previous phase's image through its
/// <see cref="Entry"/> (by default centre-cropped or zero-padded to its size), with fresh optimiser state.
/// </summary>
public sealed record RenderPhase(int Steps, UpdateRule Rule, Transform Transform, IReadOnlyList<StepRegulariser> StepRegularisers)
{
    /// <summary>
    /// The side of the phase's image where it is not the network input plus the transform's margin:
    /// a phase at another scale (DeepDream's octaves). Its transforms then decide what the network
    /// sees (a <see cref="Resize"/> to the input size, or the image as it is for a tap that takes any size).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Size { get; init; }

    /// <summary>How the phase's first image is made from the previous phase's last (null: <see cref="PhaseEntry.Fit"/>).</summary>
    [JsonIgnore]
    public PhaseEntry? Entry { get; init; }

    /// <summary>
    /// A random circular shift of the phase's image itself at every step (null: none): the loop
    /// rolls the image, takes the step there (transforms, objective, update) and rolls it back
    /// before the step regularisers, as google/deepdream's <c>make_step</c> does. The same as a
    /// <see cref="Roll"/> at the head of the transforms except for rounding: an update rule that
    /// sums over an image (<see cref="NormalisedStep"/>'s mean |g|) adds in the original's order,
    /// so the steps are bit for bit the original's.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Roll? CanvasShift { get; init; }

    public string Name => $"{Steps} × {Rule.Name}; transforms: {Transform.Name}; step regularisers: {(StepRegularisers.Count == 0 ? "none" : string.Join(", ", StepRegularisers.Select(r => r.Name)))}"
        + (CanvasShift is { } c ? $"; canvas {c.Name}" : "") + (Size is { } s ? $"; {s}×{s} image" : "") + (Entry is { } e ? $"; entry: {e.Name}" : "");

    public bool Equals(RenderPhase? other) =>
        other is not null && Steps == other.Steps && Rule == other.Rule && Transform == other.Transform && StepRegularisers.SequenceEqual(other.StepRegularisers)
        && Size == other.Size && Equals(Entry, other.Entry) && CanvasShift == other.CanvasShift;

    public override int GetHashCode() => HashCode.Combine(Steps, Rule, Transform, StepRegularisers.Count, Size);
}
