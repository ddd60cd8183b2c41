namespace EssenceOfPose.Caffe;

/// <summary>
/// One layer of a Caffe net, as the prototxt gives it. <see cref="Type"/> uses the current names
/// (<c>Convolution</c>, not V1's <c>CONVOLUTION</c>). <see cref="Parameters"/> is set for every type the
/// importer computes (with Caffe's defaults where the file leaves the block out) and null otherwise.
/// </summary>
sealed record CaffeLayer(
    string Name,
    string Type,
    IReadOnlyList<string> Bottoms,
    IReadOnlyList<string> Tops,
    IReadOnlyList<CaffeParamSpec> Params,
    CaffeLayerParameters? Parameters,
    IReadOnlyList<CaffeNetStateRule>? Include = null,
    IReadOnlyList<CaffeNetStateRule>? Exclude = null,
    TextLocation? Location = null)
{
    public CaffeLayerRole Role => CaffeLayerTypes.RoleOf(Type);

    /// <summary>Caffe's rule: included when any include rule is met; else excluded when any exclude rule is met.</summary>
    public bool IsIncludedIn(CaffePhase phase, int level = 0, IReadOnlyCollection<string>? stages = null)
    {
        if (Include is { Count: > 0 })
            return Include.Any(r => r.IsMetBy(phase, level, stages));
        return Exclude is not { Count: > 0 } || !Exclude.Any(r => r.IsMetBy(phase, level, stages));
    }

    /// <summary>True for in-place layers (top named like bottom), as Caffe's ReLU usually is.</summary>
    public bool IsInPlace => Bottoms.Count == 1 && Tops.Count == 1 && Bottoms[0] == Tops[0];

    public override string ToString() =>
        $"{Name} ({Type}: {string.Join(", ", Bottoms)} → {string.Join(", ", Tops)})";
}
