using System.Text.Json;
using System.Text.Json.Serialization;

namespace EssenceOfPose.Inversion;

/// <summary>
/// The resolved options of one run, to write as JSON next to its output: the preset as given,
/// and what it resolved to — objective, parameterisation, phases with their optimisers,
/// transforms and step regularisers — with the tap, its stride, the batch and the seed. The
/// components' read-only names are written for the reader and skipped when the JSON is read back.
/// </summary>
public sealed record InversionOptions(
    string Method,
    InversionPreset Preset,
    string Target,
    int TapStride,
    long Batch,
    int ImageSize,
    string Objective,
    ImageParameterisation Parameterisation,
    IReadOnlyList<RenderPhase> Phases,
    ulong Seed)
{
    /// <summary>The libtorch version the run used.</summary>
    public string Torch { get; init; } = torch.__version__;

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static InversionOptions FromJson(string json) =>
        JsonSerializer.Deserialize<InversionOptions>(json, Json) ?? throw new JsonException("empty options");

    internal static InversionOptions For(InversionPreset preset, RenderPlan plan, string target, int stride, long batch, int size, Generator generator) =>
        new(preset.Name, preset, target, stride, batch, size, plan.ObjectiveName, plan.Parameterisation, plan.Phases, (ulong)generator.initial_seed());
}
