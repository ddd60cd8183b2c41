using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EssenceOfPose;

/// <summary>
/// Loads TorchSharp's native library from beside this assembly before anything touches
/// <c>torch</c>. In a notebook kernel (a <c>#r</c> of this DLL in Jupyter or VS Code) TorchSharp's
/// own loader looks beside TorchSharp.dll and then rebuilds a folder from the NuGet cache, which
/// on Debian 12 holds the unpatched copy (see tools/torchsharp-compat); the output folder's copy is
/// the one the build made loadable. Loaded once by path, it is the one every later lookup finds.
/// </summary>
internal static class TorchNative
{
#pragma warning disable CA2255 // a library initialiser on purpose: nothing else runs before a notebook's first cell uses torch
    [ModuleInitializer]
    internal static void Load()
    {
        if (!OperatingSystem.IsLinux()) return;
        var dir = Path.GetDirectoryName(typeof(TorchNative).Assembly.Location);
        if (string.IsNullOrEmpty(dir)) return;
        var native = Path.Combine(dir, "runtimes", "linux-x64", "native"); // TorchSharp-cpu ships linux-x64 only
        // libtorch_cpu first: LibTorchSharp finds it through its $ORIGIN runpath either way, but a
        // failure then names the library that is really missing.
        foreach (var lib in new[] { "libtorch_cpu.so", "libLibTorchSharp.so" })
        {
            var path = Path.Combine(native, lib);
            if (File.Exists(path)) NativeLibrary.Load(path);
        }
    }
#pragma warning restore CA2255
}
