using System.Text.Json;
using System.Text.Json.Serialization;

namespace EssenceOfPose.Notebooks;

/// <summary>What a kernel process tells the runner, in its status file: written as "running" before
/// each cell (so that a crash leaves the cell it happened in) and once more when the notebook ends.
/// A file rather than the process's output, which a cell can write to as well.</summary>
internal sealed record KernelStatus
{
    public const string Running = "running";
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string TimedOut = "timed_out";

    /// <summary>The notebook could not be read; nothing ran and there is no executed copy.</summary>
    public const string Invalid = "invalid";

    public string Status { get; init; } = Running;

    /// <summary>1-based number of the cell in the executed notebook (the injected cell counts).</summary>
    public int? Cell { get; init; }

    /// <summary>0-based index of that cell in the executed notebook's cells.</summary>
    public int? CellIndex { get; init; }

    public string? Message { get; init; }

    public List<string> Notes { get; init; } = [];

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public void Write(string path) => Files.WriteAtomically(path, JsonSerializer.Serialize(this, s_json));

    /// <summary>The status a kernel process left, or null when it left none (or half of one).</summary>
    public static KernelStatus? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<KernelStatus>(File.ReadAllText(path), s_json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
