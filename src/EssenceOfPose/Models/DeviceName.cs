namespace EssenceOfPose.Models;

/// <summary>The devices a verb can run on, by name: cpu, cuda or cuda:N.</summary>
public static class DeviceName
{
    /// <summary>The device <paramref name="name"/> names, refused with a clear message where this build or machine has no CUDA.</summary>
    public static Device Parse(string name)
    {
        var text = name.Trim().ToLowerInvariant();
        if (text == "cpu") return torch.CPU;
        if (text != "cuda" && !(text.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), out var i) && i >= 0))
            throw new ArgumentException($"device '{name}': expected cpu, cuda or cuda:N");
        if (!torch.cuda.is_available())
            throw new ArgumentException($"device '{name}': CUDA is not available (this build uses TorchSharp-cpu, or the machine has no GPU); build with -p:TorchDevice=cuda on a machine with one (environment.md)");
        var device = torch.device(text);
        if (device.index >= torch.cuda.device_count())
            throw new ArgumentException($"device '{name}': this machine has {torch.cuda.device_count()} CUDA device(s)");
        return device;
    }
}
