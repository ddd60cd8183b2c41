using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EssenceOfPose.Models;

/// <summary>
/// The manifest of a shipped weight file (<c>data-manifests/*.json</c>): which file, its sha256,
/// the command that trained it, on what data, in how long on which machine, and how it evaluated
/// on its held-out split. <see cref="Open"/> checks the hash before anything loads the file.
/// </summary>
public sealed record WeightsManifest
{
    public required string Name { get; init; }
    /// <summary>The checkpoint's path relative to the repository root.</summary>
    public required string File { get; init; }
    public required string Sha256 { get; init; }
    public long Bytes { get; init; }
    public required string Architecture { get; init; }
    public required string Command { get; init; }
    public required string Data { get; init; }
    /// <summary>The synthetic city the held-out figures come from, so they can be reproduced (<c>eop dataset synth --seed S --targets T --size Z</c>).</summary>
    public SyntheticCityRef? City { get; init; }
    public string Training { get; init; } = "";
    /// <summary>The held-out figures at training time, as the checkpoint's provenance records them (on <see cref="City"/>'s generator version).</summary>
    public IReadOnlyDictionary<string, double> Evaluation { get; init; } = new Dictionary<string, double>();
    /// <summary>The same weights evaluated again on the same city rendered by a later generator version (its pixels changed, the weights did not).</summary>
    public IReadOnlyList<Reevaluation> Reevaluations { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The held-out figures on the city as generator <paramref name="generatorVersion"/> renders it.</summary>
    public IReadOnlyDictionary<string, double> EvaluationFor(int generatorVersion) =>
        (City?.GeneratorVersion ?? 1) == generatorVersion ? Evaluation
        : Reevaluations.FirstOrDefault(r => r.GeneratorVersion == generatorVersion)?.Evaluation
          ?? throw new InvalidDataException($"{Name}: the manifest has no held-out figures for synthetic-city generator version {generatorVersion}");

    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static WeightsManifest Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<WeightsManifest>(EssenceOfPose.Data.InputFile.ReadAllText(path, "a weights manifest", EssenceOfPose.Data.InputFile.DocumentLimit), Json)
                ?? throw new InvalidDataException($"{path}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a weights manifest ({e.Message})", e);
        }
    }

    public void Save(string path) => EssenceOfPose.Data.Images.AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The checkpoint's full path after checking its sha256 against the manifest.</summary>
    public string Open(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, File);
        if (!System.IO.File.Exists(path)) throw new FileNotFoundException($"{Name}: weight file {path} is missing (it is committed under models/; is this a full clone?)", path);
        var actual = Hash(path);
        if (!string.Equals(actual, Sha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{path}: sha256 {actual} does not match its manifest ({Sha256}); the file changed or is a Git LFS pointer");
        return path;
    }

    public static string Hash(string path)
    {
        using var stream = EssenceOfPose.Data.InputFile.OpenRead(path, "a weights file", EssenceOfPose.Data.InputFile.WeightsLimit);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>The suite's default weights: a PoseNet trained on the synthetic city by <c>eop train posenet</c>.</summary>
/// <summary>Which synthetic city a manifest's evaluation used: the generator's defaults with this seed, target count and image size.</summary>
public sealed record SyntheticCityRef(int Seed, int Targets, int Size, int GeneratorVersion = 1);

/// <summary>Held-out figures of the shipped weights on their city as a later generator version renders it, with the command and software that measured them.</summary>
public sealed record Reevaluation(int GeneratorVersion, string Command, string Software, IReadOnlyDictionary<string, double> Evaluation);

public static class ShippedWeights
{
    public const string ManifestFile = "data-manifests/posenet-synthetic-city.json";

    /// <summary>
    /// The repository root: <c>$EOP_ROOT</c> if set, else the first folder above the working
    /// directory or above this library that holds <see cref="ManifestFile"/>.
    /// </summary>
    public static string RepositoryRoot()
    {
        if (Environment.GetEnvironmentVariable("EOP_ROOT") is { Length: > 0 } env) return env;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory, Path.GetDirectoryName(typeof(ShippedWeights).Assembly.Location) ?? "" })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (System.IO.File.Exists(Path.Combine(d.FullName, ManifestFile))) return d.FullName;
        throw new DirectoryNotFoundException($"cannot find the repository (a folder holding {ManifestFile}) above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}; set EOP_ROOT");
    }

    public static WeightsManifest Manifest() => WeightsManifest.Load(Path.Combine(RepositoryRoot(), ManifestFile));

    /// <summary>The default PoseNet, hash-checked, in eval mode.</summary>
    public static (SiameseNet Model, CheckpointInfo Info) Load()
    {
        var root = RepositoryRoot();
        return Checkpoint.Load(Manifest().Open(root), PoseNet.Name);
    }
}
