using System.Text;

namespace EssenceOfPose.Tests;

/// <summary>
/// TorchSharp's native library loads from this build's output (on Debian 12 only through
/// tools/torchsharp-compat), and the compat step touched the output's copy, never the NuGet cache's.
/// </summary>
public class TorchSharpLoadsTests
{
    const string CompatLibrary = "libeop_glibcxx_compat.so";
    static readonly string Native = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");

    static bool SystemLacksGlibcxx3432()
    {
        var lib = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6" }.First(File.Exists);
        return File.ReadAllBytes(lib).AsSpan().IndexOf("GLIBCXX_3.4.32"u8) < 0;
    }

    static bool Names(string file, string library) => File.ReadAllBytes(file).AsSpan().IndexOf(Encoding.ASCII.GetBytes(library + "\0")) >= 0;

    [Fact]
    public void Tensors_compute_through_libtorch()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(6, dtype: ScalarType.Float32).reshape(2, 3);
        Assert.Equal(new float[] { 5, 14, 14, 50 }, x.mm(x.t()).ToArray<float>());
        Assert.StartsWith("2.10", torch.__version__);
    }

    [Fact]
    public void The_output_copy_is_patched_exactly_where_the_system_needs_it_and_the_nuget_cache_is_not()
    {
        if (!OperatingSystem.IsLinux()) return;
        var output = Path.Combine(Native, "libLibTorchSharp.so");
        Assert.True(File.Exists(output), $"{output} is missing: the build did not copy TorchSharp's native library");
        var patched = Names(output, CompatLibrary);
        Assert.Equal(SystemLacksGlibcxx3432(), patched);
        if (patched) Assert.True(File.Exists(Path.Combine(Native, CompatLibrary)), $"{CompatLibrary} is not beside {output}");

        var home = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var cached = Directory.Exists(home)
            ? Directory.EnumerateFiles(home, "libLibTorchSharp.so", SearchOption.AllDirectories).ToList()
            : [];
        foreach (var file in cached) Assert.False(Names(file, CompatLibrary), $"{file} in the NuGet cache was patched");
    }
}
