namespace EssenceOfPose.Torch;

/// <summary>Device kinds, numbered as c10::DeviceType numbers them.</summary>
public enum DeviceType
{
    CPU = 0,
    CUDA = 1,
}

/// <summary>Where a tensor lives: "cpu", "cuda" or "cuda:N", as PyTorch writes it.</summary>
public readonly record struct Device(DeviceType Type, int Index = -1)
{
    public static readonly Device CPU = new(DeviceType.CPU);

    public static Device CUDA(int index = 0) => new(DeviceType.CUDA, index);

    /// <summary>Parses "cpu", "cuda" or "cuda:1".</summary>
    public static Device Parse(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        if (s == "cpu") return CPU;
        if (s == "cuda") return CUDA(0);
        if (s.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(s.AsSpan(5), out var i) && i >= 0) return CUDA(i);
        throw new FormatException($"device '{text}': expected cpu, cuda or cuda:N");
    }

    public override string ToString() => Type switch
    {
        DeviceType.CPU => "cpu",
        _ => Index >= 0 ? $"cuda:{Index}" : "cuda",
    };
}
