using System.Text.Json.Serialization;

namespace EssenceOfPose.Inversion;

/// <summary>
/// Everything the render loop needs, with nothing left to defaults: the objective, the
/// parameterisation, the start image (already sized for the first phase) and the phases. Presets
/// make one (<see cref="InversionPreset.Plan"/>); a notebook can adjust it with <c>with</c>
/// before <see cref="Renderer.Run"/>, the lower level under <see cref="Inverter"/>.
/// </summary>
public sealed record RenderPlan(
    [property: JsonIgnore] Objective Objective,
    ImageParameterisation Parameterisation,
    [property: JsonIgnore] Tensor Start,
    IReadOnlyList<RenderPhase> Phases)
{
    /// <summary>Steps after which to keep a copy of the image (0 = the start); the final image is always kept.</summary>
    public IReadOnlyList<int> SnapshotSteps { get; init; } = [];

    /// <summary>
    /// The backward slope through dead activations of the network's taps (0: the true gradient);
    /// see <see cref="Models.SiameseNet.Tap(Tensor, Models.TapName, double)"/>. Values are never changed.
    /// </summary>
    public double GradientLeak { get; init; }

    /// <summary>
    /// The network input side, which is also the side of the returned images (the final image and
    /// snapshots are centre-cropped to it); null: the start's side less the first phase's margin.
    /// A plan whose phases set their own <see cref="RenderPhase.Size"/> (octaves) gives it.
    /// </summary>
    public int? InputSize { get; init; }

    /// <summary>The objective's name, for the options written next to an output.</summary>
    public string ObjectiveName => Objective.Name;

    public int TotalSteps => Phases.Sum(p => p.Steps);
}
