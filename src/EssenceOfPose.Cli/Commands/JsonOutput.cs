using System.Text.Json;
using EssenceOfPose.Data.Images;

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

    public static void Write(FileInfo file, object value) => WriteText(file, JsonSerializer.Serialize(value, Options));

    /// <summary>Atomically: a folder given as the file, or a failed write, leaves nothing behind.</summary>
    public static void WriteText(FileInfo file, string json)
    {
        if (Directory.Exists(file.FullName)) throw new IOException($"--json {file.FullName}: is a folder, expected a file path");
        file.Directory?.Create();
        AtomicFile.WriteAllText(file.FullName, json);
    }
}
