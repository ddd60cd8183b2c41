using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EssenceOfPose.Data.Images;

/// <summary>
/// Debian's <c>libstb0</c> (stb_image 2.27, stb_image_write 1.16), called directly. Exports
/// confirmed with <c>nm -D /usr/lib/x86_64-linux-gnu/libstb.so.0</c>.
/// </summary>
/// <remarks>
/// Global state: <c>stbi_failure_reason</c> is thread-local in this build (the library has a
/// TLS segment and the header declares it <c>_Thread_local</c> for C11), so reading it right after
/// a failed call on the same thread is safe without a lock. The writer's globals
/// <c>stbi_write_png_compression_level</c> (8), <c>stbi_write_force_png_filter</c> (−1) and the
/// vertical flip flags are process-wide; they only change PNG bytes (the JPEG writer reads none of
/// them), and this suite never sets them, so PNG output is reproducible as long as nothing else
/// in the process does.
/// </remarks>
internal static unsafe partial class StbNative
{
    private const string Library = "libstb.so.0";

    [LibraryImport(Library, EntryPoint = "stbi_load_from_memory")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* LoadFromMemory(byte* buffer, int length, out int width, out int height, out int channelsInFile, int desiredChannels);

    [LibraryImport(Library, EntryPoint = "stbi_info_from_memory")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int InfoFromMemory(byte* buffer, int length, out int width, out int height, out int channels);

    [LibraryImport(Library, EntryPoint = "stbi_failure_reason")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial nint FailureReasonPointer();

    [LibraryImport(Library, EntryPoint = "stbi_image_free")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void ImageFree(void* pixels);

    [LibraryImport(Library, EntryPoint = "stbi_write_png_to_func")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int WritePngToFunc(delegate* unmanaged[Cdecl]<void*, void*, int, void> func, void* context, int width, int height, int components, byte* data, int strideInBytes);

    [LibraryImport(Library, EntryPoint = "stbi_write_jpg_to_func")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int WriteJpgToFunc(delegate* unmanaged[Cdecl]<void*, void*, int, void> func, void* context, int width, int height, int components, byte* data, int quality);

    /// <summary>stb's reason for the last failure on this thread. It can be empty (a PNG without its IEND chunk).</summary>
    public static string FailureReason()
    {
        var p = FailureReasonPointer();
        var text = p == 0 ? null : Marshal.PtrToStringUTF8(p);
        return string.IsNullOrEmpty(text) ? "failed without a reason" : text;
    }
}
