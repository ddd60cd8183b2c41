namespace EssenceOfPose.Caffe;

/// <summary>caffe.proto's <c>Phase</c>; deploy nets are built for <see cref="Test"/>.</summary>
enum CaffePhase
{
    Train,
    Test,
}

/// <summary>
/// A layer's <c>include</c> or <c>exclude</c> rule (<c>NetStateRule</c>). A net state meets it when every
/// condition that is set holds: the phase, the level range, all <see cref="Stages"/> present and no
/// <see cref="NotStages"/>.
/// </summary>
sealed record CaffeNetStateRule(
    CaffePhase? Phase = null,
    int? MinLevel = null,
    int? MaxLevel = null,
    IReadOnlyList<string>? Stages = null,
    IReadOnlyList<string>? NotStages = null)
{
    public bool IsMetBy(CaffePhase phase, int level = 0, IReadOnlyCollection<string>? stages = null)
    {
        stages ??= [];
        return (Phase is null || Phase == phase)
            && (MinLevel is null || level >= MinLevel)
            && (MaxLevel is null || level <= MaxLevel)
            && (Stages ?? []).All(stages.Contains)
            && !(NotStages ?? []).Any(stages.Contains);
    }

    public override string ToString()
    {
        var parts = new List<string>();
        if (Phase is { } p) parts.Add($"phase {p.ToString().ToUpperInvariant()}");
        if (MinLevel is { } min) parts.Add($"level ≥ {min}");
        if (MaxLevel is { } max) parts.Add($"level ≤ {max}");
        parts.AddRange((Stages ?? []).Select(s => $"stage {s}"));
        parts.AddRange((NotStages ?? []).Select(s => $"not stage {s}"));
        return parts.Count == 0 ? "always" : string.Join(", ", parts);
    }
}
