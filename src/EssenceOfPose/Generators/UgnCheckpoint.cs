using System.Globalization;
using System.Text.Json;
using EssenceOfPose.Models;

namespace EssenceOfPose.Generators;

/// <summary>What a generator file says besides its weights: the tap it inverts, the PoseNet whose codes it was trained on, its options.</summary>
public sealed record UgnInfo
{
    /// <summary>The tap whose codes the generator takes ("fc5", "conv4").</summary>
    public required string Tap { get; init; }

    /// <summary>One code's shape at that tap (no batch axis).</summary>
    public required IReadOnlyList<long> CodeShape { get; init; }

    /// <summary>sha256 of the PoseNet checkpoint file whose codes it was trained on ("" for a network never saved).</summary>
    public required string PoseNetSha256 { get; init; }

    public UgnOptions Options { get; init; } = UgnOptions.Default;

    public int OutputSize { get; init; } = 101;

    public Provenance Provenance { get; init; } = new();

    /// <summary>How it was trained: <see cref="GeneratorKind.Gan"/> when <c>eop train gan</c> wrote it (provenance note <c>objective</c> "gan"), else the UGN's MSE.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public GeneratorKind Kind => Provenance.Notes.TryGetValue("objective", out var o) && o == "gan" ? GeneratorKind.Gan : GeneratorKind.Ugn;
}

/// <summary>
/// Generator files: safetensors with the layer names of <see cref="UpConvGenerator"/>
/// (<c>defc1.weight</c>, <c>deconv1_bn.running_mean</c>, PyTorch layouts) and a <c>__metadata__</c>
/// holding the tap, the code's shape, the PoseNet checkpoint's sha256 and the options, as
/// <see cref="Checkpoint"/> does for PoseNet. A file is refused, naming it and the field, when its
/// metadata is missing or malformed, when it inverts another tap than the one asked for, or when its
/// tensors do not fit the architecture its metadata describes.
/// </summary>
public static class UgnCheckpoint
{
    public const string Format = "essence-of-pose/ugn-v1";
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Save(string path, UpConvGenerator generator, UgnInfo info)
    {
        if (!info.CodeShape.SequenceEqual(generator.CodeShape) || info.Options != generator.Options)
            throw new ArgumentException("the generator info's code shape or options are not the generator's");
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["tap"] = info.Tap,
            ["code_shape"] = JsonSerializer.Serialize(info.CodeShape),
            ["output_size"] = info.OutputSize.ToString(CultureInfo.InvariantCulture),
            ["posenet_sha256"] = info.PoseNetSha256,
            ["options"] = info.Options.ToJson(),
            ["provenance"] = JsonSerializer.Serialize(info.Provenance, Json),
        };
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        Safetensors.Save(path, generator.state_dict(), metadata);
    }

    /// <summary>Reads only the metadata.</summary>
    public static UgnInfo ReadInfo(string path) => ParseInfo(path, Safetensors.ReadHeader(path).Metadata);

    /// <summary>Loads a generator in eval mode; with <paramref name="expectedTap"/>, a generator of another tap is refused.</summary>
    public static (UpConvGenerator Generator, UgnInfo Info) Load(string path, string? expectedTap = null, Device? device = null)
    {
        using var data = Safetensors.Load(path);
        var info = ParseInfo(path, data.Metadata);
        if (expectedTap is not null && TapName.Parse(expectedTap).ToString() != info.Tap)
            throw new CheckpointException(path, $"__metadata__ field 'tap' is '{info.Tap}', expected '{expectedTap}'");
        // Checked before any layer is allocated: metadata may not ask for more than the file holds.
        var values = data.Tensors.Values.Sum(t => t.numel());
        var needed = UpConvGenerator.ParameterCount(info.CodeShape, info.Options, info.OutputSize);
        if (needed > values)
            throw new CheckpointException(path, $"__metadata__ fields 'code_shape' and 'options' describe a generator of {needed} parameters, but the file holds {values} values");
        var generator = new UpConvGenerator(info.CodeShape, info.Options, info.OutputSize);
        var problem = Checkpoint.Mismatches(generator, data.Tensors) is { Count: > 0 } problems
            ? $"does not fit the generator its __metadata__ describes (tap {info.Tap}, code [{string.Join(", ", info.CodeShape)}], options {info.Options.ToJson()}): {string.Join("; ", problems)}"
            : Checkpoint.NonFinite(data.Tensors);
        if (problem is not null)
        {
            generator.Dispose();
            throw new CheckpointException(path, problem);
        }
        generator.load_state_dict(new Dictionary<string, Tensor>(data.Tensors), strict: true);
        if (device is { } d) generator.to(d);
        generator.eval();
        return (generator, info);
    }

    static UgnInfo ParseInfo(string path, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
            throw new CheckpointException(path, "has no __metadata__; expected a generator written by eop train ugn (format, tap, code_shape, posenet_sha256, options)");
        var m = new MetadataFields(path, metadata);
        var format = m.Field("format");
        if (format != Format)
            throw new CheckpointException(path, $"__metadata__ field 'format' is '{format}', expected '{Format}'" + (format == Checkpoint.Format ? " (this is a PoseNet checkpoint, not a generator)" : ""));
        var info = new UgnInfo
        {
            Tap = m.Parse("tap", s => TapName.Parse(s).ToString()),
            CodeShape = m.Parse("code_shape", s => JsonSerializer.Deserialize<long[]>(s) ?? throw new FormatException("null")),
            OutputSize = m.Parse("output_size", s => int.Parse(s, CultureInfo.InvariantCulture)),
            PoseNetSha256 = m.Field("posenet_sha256"),
            Options = m.Parse("options", UgnOptions.FromJson),
            Provenance = m.Has("provenance") ? m.Parse("provenance", s => JsonSerializer.Deserialize<Provenance>(s, Json) ?? new Provenance()) : new Provenance(),
        };
        if (info.CodeShape.Count is not (1 or 3) || info.CodeShape.Any(d => d is < 1 or > 1 << 20))
            throw new CheckpointException(path, $"__metadata__ field 'code_shape' is [{string.Join(", ", info.CodeShape)}]; expected [C] or [C, H, W] of positive sizes");
        if (info.CodeShape.Count == 3 && info.CodeShape[1] != info.CodeShape[2])
            throw new CheckpointException(path, $"__metadata__ field 'code_shape' is [{string.Join(", ", info.CodeShape)}]; expected a square map");
        if (info.OutputSize is < 1 or > 4096)
            throw new CheckpointException(path, $"__metadata__ field 'output_size' is {info.OutputSize}; expected the network's input side (101)");
        if (info.PoseNetSha256.Length != 0 && !(info.PoseNetSha256.Length == 64 && info.PoseNetSha256.All(char.IsAsciiHexDigitLower)))
            throw new CheckpointException(path, $"__metadata__ field 'posenet_sha256' is '{info.PoseNetSha256}'; expected 64 lower-case hex digits");
        return info;
    }
}
