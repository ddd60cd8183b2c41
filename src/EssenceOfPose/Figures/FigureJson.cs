using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Figures;

/// <summary>
/// How the figure runs write their numbers: indented camelCase JSON, NaN and ∞ as named literals
/// (a PSNR of identical images is +∞, a 2-DOF translation is NaN), written atomically. Resolved
/// inversion options are embedded as their own JSON (<see cref="Inversion.InversionOptions.ToJson"/>),
/// which round-trips.
/// </summary>
public static class FigureJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options) + "\n";

    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void Write<T>(string path, T value) => WriteText(path, Serialize(value));

    public static void WriteText(string path, string json)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(path, json);
    }

    /// <summary>A JSON text as a node, to embed in a larger document unchanged.</summary>
    public static JsonNode Node(string json) => JsonNode.Parse(json) ?? throw new JsonException("empty JSON");
}
