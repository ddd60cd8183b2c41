using EssenceOfPose.Models;

namespace EssenceOfPose.Attribution;

/// <summary>The size of one octave of a dream, and whether the tap saw it resized to the model's input size.</summary>
public readonly record struct OctaveSize(long Height, long Width, bool ResizedToInput);

/// <summary>
/// A dream: the image [N,3,H,W] in the model's input space, what produced it, the octaves from
/// finest (the input size) to coarsest, and the objective ½‖a‖² at the tap before each step
/// (summed over the batch; measured on the jittered image at that step's octave size).
/// </summary>
public sealed record DeepDreamResult(
    Tensor Image,
    TapName Tap,
    DeepDreamOptions Options,
    IReadOnlyList<OctaveSize> Octaves,
    IReadOnlyList<double> Objective)
{
    /// <summary>The octave pyramid: the input resized to each octave's size, finest (the input itself) first, as <see cref="Octaves"/>.</summary>
    public IReadOnlyList<Tensor> OctaveBases { get; init; } = [];

    /// <summary>The dream at the end of each octave, at that octave's size, finest (the final image) first, as <see cref="Octaves"/>.</summary>
    public IReadOnlyList<Tensor> OctaveImages { get; init; } = [];
}
