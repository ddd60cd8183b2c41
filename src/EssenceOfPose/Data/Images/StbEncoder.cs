using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EssenceOfPose.Data.Images;

/// <summary>
/// Encodes interleaved RGB bytes to PNG or baseline JPEG through stb_image_write's
/// <c>*_to_func</c> entry points: stb calls <see cref="Append"/> with chunks of the file, which
/// land in an <see cref="ArrayBufferWriter{T}"/> reached through a <see cref="GCHandle"/> passed as
/// the context pointer (so any number of threads can encode at once).
/// </summary>
internal static unsafe class StbEncoder
{
    public static byte[] Png(ReadOnlySpan<byte> rgb, int width, int height)
    {
        Check(rgb, width, height);
        return Encode(rgb, (data, context) =>
            StbNative.WritePngToFunc(&Append, context, width, height, 3, data, width * 3), "PNG");
    }

    /// <param name="quality">1 (smallest) to 100 (best); stb writes baseline JPEG, chroma 4:2:0 up to 90 and 4:4:4 above.</param>
    public static byte[] Jpeg(ReadOnlySpan<byte> rgb, int width, int height, int quality)
    {
        Check(rgb, width, height);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        return Encode(rgb, (data, context) =>
            StbNative.WriteJpgToFunc(&Append, context, width, height, 3, data, quality), "JPEG");
    }

    private delegate int Writer(byte* data, void* context);

    private static byte[] Encode(ReadOnlySpan<byte> rgb, Writer write, string format)
    {
        var sink = new ArrayBufferWriter<byte>(rgb.Length / 4 + 1024);
        var handle = GCHandle.Alloc(sink);
        try
        {
            fixed (byte* data = rgb)
            {
                if (write(data, (void*)GCHandle.ToIntPtr(handle)) == 0)
                    throw new InvalidOperationException($"stb_image_write could not encode {format}");
            }
        }
        finally
        {
            handle.Free();
        }
        return sink.WrittenSpan.ToArray();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Append(void* context, void* data, int size)
    {
        var sink = (ArrayBufferWriter<byte>)GCHandle.FromIntPtr((nint)context).Target!;
        new ReadOnlySpan<byte>(data, size).CopyTo(sink.GetSpan(size));
        sink.Advance(size);
    }

    private static void Check(ReadOnlySpan<byte> rgb, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rgb.Length != checked(width * height * 3))
            throw new ArgumentException($"expected {width}×{height}×3 = {width * height * 3} bytes, got {rgb.Length}", nameof(rgb));
    }
}
