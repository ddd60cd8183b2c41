using System.Text.Json;

namespace EssenceOfPose.Models;

/// <summary>
/// A safetensors file's <c>__metadata__</c> read field by field, every problem a
/// <see cref="CheckpointException"/> naming the file and the field: what PoseNet checkpoints and
/// generator files share.
/// </summary>
internal sealed class MetadataFields(string path, IReadOnlyDictionary<string, string> metadata)
{
    public bool Has(string key) => metadata.ContainsKey(key);

    public string Field(string key) => metadata.TryGetValue(key, out var v) ? v : throw new CheckpointException(path, $"__metadata__ has no '{key}'");

    /// <summary>A field parsed by <paramref name="parse"/>; a format, JSON or range error becomes one message naming the field and its text.</summary>
    public T Parse<T>(string key, Func<string, T> parse)
    {
        var text = Field(key);
        try { return parse(text); }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or OverflowException or NotSupportedException)
        {
            throw new CheckpointException(path, $"__metadata__ field '{key}' is not valid: '{text}' ({e.Message})");
        }
    }
}
