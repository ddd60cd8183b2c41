using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EssenceOfPose.Data.Manifests;

/// <summary>
/// A dataset described by a JSON file under <c>data-manifests/</c> (d2l's DATA_HUB idea, STYLE.md):
/// where it comes from, under what licence, how big, which files make it, and what a
/// correct copy looks like. One model serves the real 3D Street View dataset (links, parts,
/// layout; FACTS.md, "The dataset") and a generated synthetic city (generator, seed,
/// parameters, counts, and the sha256 of reference files).
/// </summary>
public sealed record DatasetManifest
{
    public required string Name { get; init; }

    public required ManifestKind Kind { get; init; }

    public string? Description { get; init; }

    /// <summary>Licence as the source states it; "non-commercial" for 3D Street View.</summary>
    public string? Licence { get; init; }

    public string? Homepage { get; init; }

    public string? Citation { get; init; }

    public ManifestSize? Size { get; init; }

    /// <summary>Every part's files are fetched from <c>BaseUrl + part.Directory + file</c>.</summary>
    public string? BaseUrl { get; init; }

    public IReadOnlyList<ManifestPart> Parts { get; init; } = [];

    public ManifestLayout? Layout { get; init; }

    /// <summary>Synthetic data: the program, version, seed and parameters that made it.</summary>
    public ManifestGenerator? Generator { get; init; }

    /// <summary>What a complete copy holds; the verifier compares what it finds with these.</summary>
    public ManifestCounts? Counts { get; init; }

    /// <summary>Relative path (forward slashes, from the dataset root) → lowercase hex sha256.</summary>
    public IReadOnlyDictionary<string, string> ReferenceFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Caveats a reader must see: what is assumed rather than checked.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static JsonSerializerOptions JsonOptions { get; } = CreateJsonOptions();

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static DatasetManifest FromJson(string json) =>
        JsonSerializer.Deserialize<DatasetManifest>(json, JsonOptions)
        ?? throw new JsonException("a dataset manifest cannot be JSON null");

    public static DatasetManifest Load(string path)
    {
        try
        {
            return FromJson(InputFile.ReadAllText(path, "a dataset manifest (JSON)", InputFile.DocumentLimit));
        }
        catch (JsonException e)
        {
            throw new JsonException($"{path}: not a dataset manifest: {e.Message}", e);
        }
    }

    public void Save(string path) => Images.AtomicFile.WriteAllText(path, ToJson() + "\n");

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return o;
    }
}

/// <summary>Real data are downloaded and checked for layout; synthetic data are regenerated and checked by hash.</summary>
public enum ManifestKind
{
    Real,
    Synthetic,
}

/// <summary>Published size figures; approximate where the source says "about".</summary>
public sealed record ManifestSize
{
    public long? ApproxBytes { get; init; }
    public long? Images { get; init; }
    public long? Pairs { get; init; }
    public int? Cities { get; init; }
}

/// <summary>
/// A group of files fetched together (e.g. the aligned tars). Either <see cref="Files"/> lists
/// them, or <see cref="FilePattern"/> with <see cref="First"/> and <see cref="Count"/> numbers
/// them (<c>{0:0000}.tar</c> → <c>0000.tar</c> …).
/// </summary>
public sealed record ManifestPart
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Folder under the base URL and under the local root, with a trailing slash (<c>dataset_aligned/</c>).</summary>
    public string Directory { get; init; } = "";

    public string? FilePattern { get; init; }

    public int First { get; init; }

    public int Count { get; init; }

    /// <summary>False when the file names were inferred (e.g. from a published count) rather than seen.</summary>
    public bool NumberingVerified { get; init; } = true;

    /// <summary>
    /// True when the files hold views laid out as the dataset's README says (<c>.jpg</c> + <c>.txt</c>),
    /// so the verifier parses them; false for files of another, undocumented format.
    /// </summary>
    public bool ContainsViews { get; init; } = true;

    public IReadOnlyList<ManifestFile> Files { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>The part's files, paths relative to the dataset root (explicit list first, then the numbered ones).</summary>
    public IEnumerable<ManifestFile> AllFiles()
    {
        foreach (var f in Files)
            yield return f with { Path = Directory + f.Path };
        if (FilePattern is null) yield break;
        for (var i = First; i < First + Count; i++)
            yield return new ManifestFile { Path = Directory + string.Format(System.Globalization.CultureInfo.InvariantCulture, FilePattern, i) };
    }
}

/// <summary>One downloadable file; hash and size only where the source publishes them.</summary>
public sealed record ManifestFile
{
    public required string Path { get; init; }
    public string? Sha256 { get; init; }
    public long? Bytes { get; init; }
}

/// <summary>How a correct copy is laid out on disk, in words and as patterns the verifier checks.</summary>
public sealed record ManifestLayout
{
    public string? Description { get; init; }

    /// <summary>Image file name pattern, e.g. <c>&lt;DatasetID&gt;_&lt;ImageID&gt;_&lt;ViewID&gt;_&lt;TargetID&gt;.jpg</c>.</summary>
    public string? ImageName { get; init; }

    public string? TextName { get; init; }

    public int? ImageWidth { get; init; }

    public int? ImageHeight { get; init; }

    public int? MinViewsPerTarget { get; init; }

    public int? MaxViewsPerTarget { get; init; }
}

/// <summary>The program that generated a synthetic dataset, so that it can be made again.</summary>
public sealed record ManifestGenerator
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public long Seed { get; init; }
    public JsonObject? Parameters { get; init; }
}

/// <summary>Expected numbers of targets and views in a complete copy.</summary>
public sealed record ManifestCounts
{
    public int? Targets { get; init; }
    public int? Views { get; init; }
}
