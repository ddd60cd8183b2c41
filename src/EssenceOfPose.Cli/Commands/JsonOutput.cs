using System.Text.Json;

namespace EssenceOfPose.Cli;

/// <summary>Writes a verb's numbers for `--json FILE` (indented, camelCase, atomically).</summary>
internal static class JsonOutput
{
    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A ROC curve starts at threshold +∞; JSON has no number for it, so it is written as "Infinity".
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write(FileInfo file, object value)
    {
        file.Directory?.Create();
        var tmp = file.FullName + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(value, Options));
        File.Move(tmp, file.FullName, overwrite: true);
    }
}
