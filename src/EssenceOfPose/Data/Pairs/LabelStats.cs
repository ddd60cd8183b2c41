using System.Text.Json;
using System.Text.Json.Serialization;

namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// Per-component mean and standard deviation of pose labels over a training set, for the z-score
/// normalisation the original training used (FACTS.md: "z-score normalised"). Serialises to JSON
/// so it travels in a checkpoint's metadata and the same numbers undo the normalisation later.
/// </summary>
public sealed record LabelStats
{
    public required PoseLabelKind Kind { get; init; }

    public required IReadOnlyList<string> Names { get; init; }

    public required IReadOnlyList<double> Mean { get; init; }

    /// <summary>Population standard deviation. A component constant over the training set (roll) has 0 here and is divided by 1 instead.</summary>
    public required IReadOnlyList<double> Std { get; init; }

    /// <summary>Number of label vectors the statistics were computed on.</summary>
    public required int Count { get; init; }

    public static LabelStats Compute(PoseLabelKind kind, IEnumerable<double[]> labels)
    {
        var size = PoseLabels.Size(kind);
        var sum = new double[size];
        var count = 0;
        var rows = labels as IReadOnlyCollection<double[]> ?? labels.ToList();
        foreach (var v in rows)
        {
            CheckSize(v, size, kind);
            for (var i = 0; i < size; i++) sum[i] += v[i];
            count++;
        }
        if (count == 0) throw new ArgumentException("label statistics need at least one label", nameof(labels));
        var mean = sum.Select(s => s / count).ToArray();
        var sq = new double[size];
        foreach (var v in rows)
            for (var i = 0; i < size; i++) sq[i] += (v[i] - mean[i]) * (v[i] - mean[i]);
        return new LabelStats
        {
            Kind = kind,
            Names = PoseLabels.Names(kind),
            Mean = mean,
            Std = sq.Select(s => Math.Sqrt(s / count)).ToArray(),
            Count = count,
        };
    }

    public double[] Normalize(IReadOnlyList<double> label)
    {
        CheckSize(label, Mean.Count, Kind);
        var r = new double[label.Count];
        for (var i = 0; i < r.Length; i++) r[i] = (label[i] - Mean[i]) / Scale(i);
        return r;
    }

    public double[] Denormalize(IReadOnlyList<double> normalized)
    {
        CheckSize(normalized, Mean.Count, Kind);
        var r = new double[normalized.Count];
        for (var i = 0; i < r.Length; i++) r[i] = normalized[i] * Scale(i) + Mean[i];
        return r;
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static LabelStats FromJson(string json)
    {
        var s = JsonSerializer.Deserialize<LabelStats>(json, JsonOptions) ?? throw new JsonException("label statistics cannot be JSON null");
        var size = PoseLabels.Size(s.Kind);
        if (s.Names.Count != size || s.Mean.Count != size || s.Std.Count != size)
            throw new JsonException($"label statistics of kind {s.Kind} need {size} names, means and stds; got {s.Names.Count}, {s.Mean.Count}, {s.Std.Count}");
        return s;
    }

    private double Scale(int i) => Std[i] > 0 ? Std[i] : 1.0;

    private static void CheckSize(IReadOnlyCollection<double> v, int size, PoseLabelKind kind)
    {
        if (v.Count != size)
            throw new ArgumentException($"a {kind} label has {size} components, got {v.Count}");
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
