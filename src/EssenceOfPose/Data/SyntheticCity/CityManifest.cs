using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// <c>city.json</c>, written last into the output root: which generator made the dataset, every
/// option (the field of view among them, since the <c>.txt</c> format has no field for it), the
/// counts, and SHA-256 of the first three images and <c>.txt</c> files, enough to tell whether a
/// regenerated city is byte-identical. Holds no timings, so it is itself reproducible.
/// </summary>
internal sealed record CityManifest
{
    public const string FileName = "city.json";

    public string Format { get; init; } = "3D Street View (Zamir et al., ECCV 2016), synthetic city";
    public string Generator { get; init; } = "EssenceOfPose.Data.SyntheticCity";
    public int GeneratorVersion { get; init; } = SyntheticCityGenerator.Version;
    public string Conventions { get; init; } =
        "local frame x east, y north, z up, origin at the city centre on the street; lat/lon by the equirectangular approximation, R = 6371008.8 m; " +
        "target normals in east-north-up axes (the README's WebMercator frame); ImageID = PatchID, ViewID = StreetViewID; " +
        "the target projects to pixel coordinate (size/2, size/2) with pixel edges at integers; fieldOfViewDegrees is horizontal and vertical (square images)";
    public required SyntheticCityOptions Options { get; init; }
    public required CityCounts Counts { get; init; }
    public required IReadOnlyList<FileDigest> ReferenceFiles { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // a file, not HTML: keep ' readable
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static CityManifest Parse(string json) =>
        JsonSerializer.Deserialize<CityManifest>(json, Json) ?? throw new JsonException("city.json is empty");

    public static FileDigest Digest(string root, string fileName)
    {
        using var stream = File.OpenRead(Path.Combine(root, fileName));
        return new FileDigest(fileName, Convert.ToHexStringLower(SHA256.HashData(stream)));
    }
}

internal sealed record CityCounts(int Targets, int Images, int StreetViews, int Panoramas, int Buildings);

internal sealed record FileDigest(string File, string Sha256);
