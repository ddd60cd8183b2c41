using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EssenceOfPose.Data.Pairs;

namespace EssenceOfPose.Models;

/// <summary>Where a checkpoint came from: the command that made it, its seed, its data, its figures.</summary>
public sealed record Provenance
{
    public string Command { get; init; } = "";
    public long? Seed { get; init; }
    /// <summary>The data manifest's name or path, and what of it was used.</summary>
    public string DataManifest { get; init; } = "";
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    public string CreatedUtc { get; init; } = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture);
    public string Machine { get; init; } = $"{Environment.MachineName}, {Environment.ProcessorCount} cores";
    /// <summary>Anything else worth keeping (training time, steps, source file of an import).</summary>
    public IReadOnlyDictionary<string, string> Notes { get; init; } = new Dictionary<string, string>();
}

/// <summary>What a checkpoint says about its model besides the weights.</summary>
public sealed record CheckpointInfo
{
    public required string Architecture { get; init; }
    public PoseLabelKind LabelKind { get; init; } = PoseLabelKind.Dof6;
    public int InputSize { get; init; } = 101;
    /// <summary>Per-channel RGB mean in the 0–255 range, subtracted from inputs as Caffe did.</summary>
    public required IReadOnlyList<double> Mean { get; init; }
    /// <summary>The z-score statistics of the pose labels the model was trained on (null: outputs are raw labels).</summary>
    public LabelStats? LabelStats { get; init; }
    public Provenance Provenance { get; init; } = new();
}

/// <summary>
/// PoseNet checkpoints: safetensors with Caffe layer names (<c>conv1.weight</c>, PyTorch layouts)
/// and a <c>__metadata__</c> of string values — format, architecture, label kind, input size,
/// channel mean, label statistics and provenance (JSON) — so the file loads as is in PyTorch
/// with <c>safetensors.torch.load_file</c> and carries what is needed to use it.
/// </summary>
public static class Checkpoint
{
    public const string Format = "essence-of-pose/posenet-checkpoint-v1";
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>A fresh network of a named architecture.</summary>
    public static SiameseNet Create(string architecture, PoseLabelKind labelKind = PoseLabelKind.Dof6) => architecture switch
    {
        PoseNet.Name => new PoseNet(PoseLabels.Size(labelKind)),
        SmallNetV5.Name => new SmallNetV5(PoseLabels.Size(labelKind)),
        _ => throw new ArgumentException($"unknown architecture '{architecture}'; known: {PoseNet.Name}, {SmallNetV5.Name}"),
    };

    /// <summary>Writes the model's state and <paramref name="info"/> atomically.</summary>
    public static void Save(string path, SiameseNet model, CheckpointInfo info)
    {
        if (info.Architecture != model.Architecture)
            throw new ArgumentException($"checkpoint info says '{info.Architecture}' but the model is '{model.Architecture}'");
        if (info.Mean.Count != 3) throw new ArgumentException($"the channel mean has {info.Mean.Count} values; expected 3 (R, G, B)");
        var metadata = new Dictionary<string, string>
        {
            ["format"] = Format,
            ["architecture"] = info.Architecture,
            ["label_kind"] = info.LabelKind.ToString(),
            ["pose_outputs"] = model.PoseOutputs.ToString(CultureInfo.InvariantCulture),
            ["input_size"] = info.InputSize.ToString(CultureInfo.InvariantCulture),
            ["mean"] = JsonSerializer.Serialize(info.Mean),
            ["provenance"] = JsonSerializer.Serialize(info.Provenance, Json),
        };
        if (info.LabelStats is { } stats) metadata["label_stats"] = stats.ToJson();
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        // state_dict() holds the model's own tensors: nothing here is disposed.
        Safetensors.Save(path, model.state_dict(), metadata);
    }

    /// <summary>Every missing, unexpected or misshapen tensor of <paramref name="tensors"/> for <paramref name="model"/>, one phrase each.</summary>
    internal static List<string> Mismatches(Module model, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var own = model.state_dict();
        var problems = new List<string>();
        var missing = own.Keys.Where(k => !tensors.ContainsKey(k)).ToList();
        var unexpected = tensors.Keys.Where(k => !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (missing.Count > 0) problems.Add("missing " + string.Join(", ", missing));
        if (unexpected.Count > 0) problems.Add("unexpected " + string.Join(", ", unexpected));
        foreach (var (name, mine) in own)
            if (tensors.TryGetValue(name, out var theirs) && !mine.shape.SequenceEqual(theirs.shape))
                problems.Add($"{name} is [{string.Join(", ", theirs.shape)}], expected [{string.Join(", ", mine.shape)}]");
        return problems;
    }

    /// <summary>Reads only the metadata.</summary>
    public static CheckpointInfo ReadInfo(string path) => ParseInfo(path, Safetensors.ReadHeader(path).Metadata);

    /// <summary>
    /// Loads a checkpoint into a new network of the architecture it names. With
    /// <paramref name="expectedArchitecture"/>, a file of another architecture is refused; missing,
    /// unexpected or misshapen tensors are listed together, naming the file.
    /// </summary>
    public static (SiameseNet Model, CheckpointInfo Info) Load(string path, string? expectedArchitecture = null, Device? device = null)
    {
        using var data = Safetensors.Load(path);
        var info = ParseInfo(path, data.Metadata);
        if (expectedArchitecture is not null && expectedArchitecture != info.Architecture)
            throw new CheckpointException(path, $"holds architecture '{info.Architecture}', expected '{expectedArchitecture}'");
        var model = Create(info.Architecture, info.LabelKind);
        if (Mismatches(model, data.Tensors) is { Count: > 0 } problems)
        {
            model.Dispose();
            throw new CheckpointException(path, $"does not fit architecture '{info.Architecture}': {string.Join("; ", problems)}");
        }
        if (NonFinite(data.Tensors) is { } bad)
        {
            model.Dispose();
            throw new CheckpointException(path, bad);
        }
        if (info.InputSize != model.InputSize)
        {
            model.Dispose();
            throw new CheckpointException(path, $"__metadata__ field 'input_size' is {info.InputSize}, but architecture '{info.Architecture}' with these tensors takes {model.InputSize}×{model.InputSize} inputs");
        }
        model.load_state_dict(new Dictionary<string, Tensor>(data.Tensors), strict: true);
        if (device is { } d) model.to(d);
        model.eval();
        return (model, info);
    }

    /// <summary>The first tensor holding NaN or an infinity, in words; null when every value is finite.</summary>
    internal static string? NonFinite(IReadOnlyDictionary<string, Tensor> tensors)
    {
        foreach (var (name, t) in tensors)
        {
            if (!t.is_floating_point()) continue;
            using var finite = torch.isfinite(t);
            using var bad = finite.logical_not();
            using var count = bad.sum();
            var n = count.item<long>();
            if (n == 0) continue;
            using var nan = torch.isnan(t);
            using var nanCount = nan.sum();
            return $"tensor '{name}' holds {n} non-finite value(s) ({nanCount.item<long>()} NaN) of {t.numel()}; expected finite weights (a diverged training run?)";
        }
        return null;
    }

    static CheckpointInfo ParseInfo(string path, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0)
            throw new CheckpointException(path, "has no __metadata__; expected the fields format, architecture, label_kind, input_size, mean (write it with Checkpoint.Save or eop import caffe)");
        var m = new MetadataFields(path, metadata);
        var format = m.Field("format");
        if (format != Format) throw new CheckpointException(path, $"__metadata__ format is '{format}', expected '{Format}'");
        var info = new CheckpointInfo
        {
            Architecture = m.Field("architecture"),
            LabelKind = m.Parse("label_kind", s => Enum.Parse<PoseLabelKind>(s)),
            InputSize = m.Parse("input_size", s => int.Parse(s, CultureInfo.InvariantCulture)),
            Mean = m.Parse("mean", s => JsonSerializer.Deserialize<double[]>(s) ?? throw new FormatException("null")),
            LabelStats = m.Has("label_stats") ? m.Parse("label_stats", LabelStats.FromJson) : null,
            Provenance = m.Has("provenance") ? m.Parse("provenance", s => JsonSerializer.Deserialize<Provenance>(s, Json) ?? new Provenance()) : new Provenance(),
        };
        if (info.Architecture is not (PoseNet.Name or SmallNetV5.Name))
            throw new CheckpointException(path, $"__metadata__ field 'architecture' is '{info.Architecture}'; expected {PoseNet.Name} or {SmallNetV5.Name}");
        if (info.Mean.Count != 3) throw new CheckpointException(path, $"__metadata__ field 'mean' has {info.Mean.Count} values, expected 3");
        if (info.Mean.Any(m => !(m >= 0 && m <= 255)))
            throw new CheckpointException(path, $"__metadata__ field 'mean' is [{string.Join(", ", info.Mean)}]; expected three channel means in 0–255");
        if (info.InputSize is < 1 or > 4096)
            throw new CheckpointException(path, $"__metadata__ field 'input_size' is {info.InputSize}; expected the side of the network's square input (101 for the suite's architectures)");
        if (info.LabelStats is { } stats && LabelStatsProblem(stats, info.LabelKind) is { } problem)
            throw new CheckpointException(path, $"__metadata__ field 'label_stats' {problem}");
        var outputs = m.Parse("pose_outputs", s => int.Parse(s, CultureInfo.InvariantCulture));
        if (outputs != PoseLabels.Size(info.LabelKind))
            throw new CheckpointException(path, $"__metadata__ says {outputs} pose outputs but label kind {info.LabelKind} has {PoseLabels.Size(info.LabelKind)}");
        return info;
    }

    static string? LabelStatsProblem(LabelStats stats, PoseLabelKind kind)
    {
        var size = PoseLabels.Size(kind);
        if (stats.Kind != kind) return $"is for label kind {stats.Kind}, but the checkpoint's label_kind is {kind}";
        if (stats.Mean is null || stats.Std is null || stats.Mean.Count != size || stats.Std.Count != size)
            return $"has {stats.Mean?.Count ?? 0} means and {stats.Std?.Count ?? 0} standard deviations; expected {size} of each for {kind}";
        if (stats.Mean.Any(v => !double.IsFinite(v))) return $"has a mean that is not finite: [{string.Join(", ", stats.Mean)}]";
        if (stats.Std.Any(v => !(v >= 0 && double.IsFinite(v)))) return $"has a standard deviation that is not a finite number >= 0: [{string.Join(", ", stats.Std)}]";
        return stats.Count < 1 ? $"has count {stats.Count}; expected at least 1 label" : null;
    }
}

/// <summary>A checkpoint file that cannot be used, with the file named.</summary>
public sealed class CheckpointException(string path, string problem, Exception? inner = null)
    : Exception($"{path}: {problem}", inner)
{
    public string FilePath { get; } = path;
}
