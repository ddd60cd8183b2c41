using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EssenceOfPose;

/// <summary>
/// Makes TorchSharp's and SkiaSharp's native libraries load from beside this assembly. A normal
/// build finds them through the application's deps.json; a notebook kernel that loads this DLL with
/// <c>#r</c> (Jupyter, VS Code) has no deps.json entry for them:
/// <list type="bullet">
/// <item>TorchSharp's own loader then looks beside TorchSharp.dll and rebuilds a folder from the
/// NuGet cache, which on Debian 12 holds the unpatched libLibTorchSharp.so (tools/torchsharp-compat).
/// Loading the output folder's copy by path first makes it the one every later lookup finds.</item>
/// <item>SkiaSharp would look only beside SkiaSharp.dll, so decoding and captions would fail with
/// a DllNotFoundException; a resolver answers for <c>libSkiaSharp</c> alone, and only when the file
/// exists.</item>
/// </list>
/// </summary>
internal static class NativeLibraries
{
#pragma warning disable CA2255 // a library initialiser on purpose: a notebook's first cell may use torch or decode an image
    [ModuleInitializer]
    internal static void Register()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64) return;
        var dir = Path.GetDirectoryName(typeof(NativeLibraries).Assembly.Location);
        if (string.IsNullOrEmpty(dir)) return;
        var native = Path.Combine(dir, "runtimes", "linux-x64", "native");
        LoadTorch(native);
        ResolveSkia(Path.Combine(native, "libSkiaSharp.so"));
    }
#pragma warning restore CA2255

    static void LoadTorch(string native)
    {
        // libtorch_cpu first: LibTorchSharp finds it through its $ORIGIN runpath either way, but a
        // failure then names the library that is really missing.
        foreach (var lib in new[] { "libtorch_cpu.so", "libLibTorchSharp.so" })
        {
            var path = Path.Combine(native, lib);
            if (File.Exists(path)) NativeLibrary.Load(path);
        }
    }

    static void ResolveSkia(string path)
    {
        if (!File.Exists(path)) return;
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(SkiaSharp.SKObject).Assembly, (name, _, _) =>
                name == "libSkiaSharp" && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for SkiaSharp (the host's): the default probing stays, and a
            // real failure surfaces on first use with its own message.
        }
    }
}
