using System.Text.Json;
using System.Text.Json.Serialization;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.Manifests;

/// <summary>One comparison of what a manifest expects with what the copy on disk holds.</summary>
public sealed record VerifyCheck(string Name, bool Ok, string Expected, string Actual)
{
    public override string ToString() => $"{(Ok ? "ok  " : "FAIL")} {Name}: expected {Expected}, found {Actual}";
}

/// <summary>A file a manifest part lists, and whether it is on disk.</summary>
public sealed record PartFileStatus(string Part, string Path, bool Present, long? Bytes);

/// <summary>
/// What <see cref="ManifestVerifier.Verify"/> found: the views and targets that parse, the bad
/// records, each check, and for real data which of the published files are present.
/// </summary>
public sealed record VerifyReport
{
    public required string Manifest { get; init; }
    public required ManifestKind Kind { get; init; }
    public required string Root { get; init; }
    public required int Views { get; init; }
    public required int Targets { get; init; }

    /// <summary>Number of views per target → number of targets with that many views.</summary>
    public required IReadOnlyDictionary<int, int> ViewsPerTarget { get; init; }

    public required int BadRecords { get; init; }

    /// <summary>The first bad records (at most <see cref="ManifestVerifier.MaxListedProblems"/>).</summary>
    public required IReadOnlyList<LoadProblem> Problems { get; init; }

    public required IReadOnlyList<VerifyCheck> Checks { get; init; }

    public required IReadOnlyList<PartFileStatus> PartFiles { get; init; }

    public bool Ok => Checks.All(c => c.Ok);

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>A few lines for a terminal: the verdict, the numbers, then every failed check and the first problems.</summary>
    public string Summary()
    {
        var lines = new List<string>
        {
            $"{Manifest} ({Kind.ToString().ToLowerInvariant()}) at {Root}: {(Ok ? "OK" : "MISMATCH")}",
            $"  {Views} views, {Targets} targets, {BadRecords} bad records; views per target: " +
                string.Join(", ", ViewsPerTarget.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")),
        };
        if (PartFiles.Count > 0)
        {
            foreach (var part in PartFiles.GroupBy(p => p.Part))
                lines.Add($"  part {part.Key}: {part.Count(p => p.Present)} of {part.Count()} files present");
        }
        lines.AddRange(Checks.Select(c => "  " + c));
        lines.AddRange(Problems.Take(10).Select(p => "  bad record: " + p.Message));
        if (BadRecords > 10) lines.Add($"  … and {BadRecords - 10} more bad records");
        return string.Join(Environment.NewLine, lines);
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
