using System.Text.Json;

namespace EssenceOfPose.Cli;

/// <summary>Writes a verb's numbers for `--json FILE` (indented, camelCase, atomically).</summary>
internal static class JsonOutput
{
    static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(FileInfo file, object value)
    {
        file.Directory?.Create();
        var tmp = file.FullName + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(value, Options));
        File.Move(tmp, file.FullName, overwrite: true);
    }
}
