using System.Buffers.Binary;
using EssenceOfPose.Data.Images;
using SkiaSharp;
using Xunit.Abstractions;

namespace EssenceOfPose.Tests.Data;

[CollectionDefinition(nameof(MemoryMeasured), DisableParallelization = true)]
public sealed class MemoryMeasured;

/// <summary>
/// Files whose header declares a huge image in a few bytes. Each must be refused from its header
/// alone, before any pixel is decoded, with the file's name, the declared size and the limit in
/// the message, and without the process's peak resident memory moving.
/// </summary>
[Collection(nameof(MemoryMeasured))]
public sealed class BombTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eop-bomb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A real 8×8 JPEG (Skia's encoder) whose SOF0 says 20000×20000.</summary>
    internal static byte[] JpegBomb() => ImageFixtures.PatchJpegSize(RgbImageTests.Pattern(8, 8).EncodeJpeg(90), 20000, 20000);

    /// <summary>A real small PNG whose IHDR says 16000×16000 (CRC fixed).</summary>
    internal static byte[] PatchedPngBomb() => ImageFixtures.PatchPngSize(RgbImageTests.Pattern(8, 8).EncodePng(), 16000, 16000);

    static readonly string[] BombNames = ["jpeg-sof0-20000.jpg", "png-ihdr-16000.png", "png-real-16000.png", "gif-20000.gif", "bmp-20000.bmp", "webp-16384.webp", "png-20x900000.png"];

    public static TheoryData<string> Bombs => new(BombNames);

    internal static (byte[] Bytes, int Width, int Height) Make(string name) => name switch
    {
        "jpeg-sof0-20000.jpg" => (JpegBomb(), 20000, 20000),
        "png-ihdr-16000.png" => (PatchedPngBomb(), 16000, 16000),
        "png-real-16000.png" => (ImageFixtures.GreyPngBomb(16000), 16000, 16000),
        "gif-20000.gif" => (ImageFixtures.Gif(2, 1, new byte[12], [0, 1], 20000, 20000), 20000, 20000),
        "bmp-20000.bmp" => (PatchBmp(ImageFixtures.Bmp24(RgbImageTests.Pattern(4, 4)), 20000, 20000), 20000, 20000),
        "webp-16384.webp" => (WebpBomb(), 16384, 16384),
        // Within the pixel limit (18 M) but over the side limit; libpng itself refuses sides over 1,000,000.
        "png-20x900000.png" => (ImageFixtures.PatchPngSize(RgbImageTests.Pattern(8, 8).EncodePng(), 20, 900_000), 20, 900_000),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void DeclaredSizeOverTheLimitIsRefusedBeforeDecoding(string name)
    {
        var (bytes, width, height) = Make(name);
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        Assert.Equal((width, height), Header(bytes, name)); // the header does say that size

        var before = ResidentMemory.ResetPeak();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(path));
        var managed = GC.GetAllocatedBytesForCurrentThread() - allocated;
        var peakGrowth = ResidentMemory.PeakKiB() - before;

        output.WriteLine($"{name} ({bytes.Length:N0} bytes): managed {managed / 1024} KiB, peak RSS growth {peakGrowth} KiB; {e.Message}");
        Assert.Contains(path, e.Message);
        Assert.Contains($"{width}×{height}", e.Reason);
        Assert.Contains("16384 per side", e.Reason);
        Assert.Contains("67,108,864 pixels", e.Reason);
        Assert.Contains("refused before decoding", e.Reason);
        Assert.DoesNotContain('\n', e.Message);
        Assert.True(managed < 8L << 20, $"{name}: {managed / 1e6:0.0} MB allocated on the managed heap to refuse it");
        Assert.True(peakGrowth < 64 << 10, $"{name}: peak resident memory grew {peakGrowth / 1024} MiB while refusing it");
    }

    [Fact]
    public void RefusalsTogetherKeepTheProcessSmall()
    {
        var files = BombNames.Select(n => (Name: n, Bytes: Make(n).Bytes)).ToList();
        // Growth of the peak over the resident set before, so whatever earlier tests left resident does not count.
        var before = ResidentMemory.ResetPeak();
        foreach (var (name, bytes) in files)
        for (var i = 0; i < 5; i++)
            Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(bytes, name));
        var growthMiB = (ResidentMemory.PeakKiB() - before) / 1024;
        output.WriteLine($"peak resident memory grew {growthMiB} MiB while refusing {files.Count * 5} bombs");
        Assert.True(growthMiB < 64, $"the peak resident set grew {growthMiB} MiB while refusing {files.Count * 5} bombs");
    }

    [Fact]
    public void TheLimitIsAParameter()
    {
        var png = RgbImageTests.Pattern(300, 200).EncodePng();
        Assert.Equal(300, RgbImage.Decode(png, "ok.png").Width);
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(png, "small-limit.png", new ImageSizeLimit(256, 1 << 20)));
        Assert.Contains("300×200", e.Reason);
        Assert.Contains("256 per side", e.Reason);
        e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(png, "few-pixels.png", new ImageSizeLimit(1000, 50_000)));
        Assert.Contains("50,000 pixels", e.Reason);
        Assert.Equal(200, RgbImage.Decode(png, "exact.png", new ImageSizeLimit(300, 60_000)).Height);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageSizeLimit(0, 1));
        Assert.Equal(new ImageSizeLimit(16384, 67_108_864), ImageSizeLimit.Default);
    }

    [Fact]
    public void WithinALargerLimitAShortPngFailsAndAShortJpegIsPadded()
    {
        // Let through by a larger limit (2000×2000 here, to keep the test small), a patched PNG still
        // fails on its missing rows. A patched JPEG keeps its end-of-image marker after a scan far too
        // short for the declared frame: libjpeg-turbo, like stb_image before it, pads the missing
        // blocks without an error, so only the size limit stands between such a file and the memory.
        var big = new ImageSizeLimit(4096, 1 << 24);
        var png = ImageFixtures.PatchPngSize(RgbImageTests.Pattern(8, 8).EncodePng(), 2000, 2000);
        var ep = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(png, "short.png", big));
        Assert.StartsWith(RgbImage.CodecReasonPrefix, ep.Reason);
        Assert.Contains("truncated", ep.Reason);
        var jpeg = ImageFixtures.PatchJpegSize(RgbImageTests.Pattern(8, 8).EncodeJpeg(90), 2000, 2000);
        Assert.Equal(2000, RgbImage.Decode(jpeg, "short.jpg", big).Width);
    }

    static (int, int) Header(byte[] bytes, string name)
    {
        var (w, h, _) = RgbImage.ReadHeader(bytes, name);
        return (w, h);
    }

    static byte[] PatchBmp(byte[] bmp, int width, int height)
    {
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        return bmp;
    }

    /// <summary>A lossless WebP (VP8L) of 8×8 whose bitstream header says 16384×16384, the largest VP8L can say.</summary>
    static unsafe byte[] WebpBomb()
    {
        var rgba = new byte[8 * 8 * 4];
        SkiaPixels.Widen(RgbImageTests.Pattern(8, 8).Pixels, rgba);
        byte[] webp;
        fixed (byte* p = rgba)
        {
            using var pixmap = new SKPixmap(SkiaPixels.OpaqueRgba(8, 8), (nint)p, 32);
            using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100))!;
            webp = data.ToArray();
        }
        Assert.Equal("VP8L", System.Text.Encoding.ASCII.GetString(webp, 12, 4));
        Assert.Equal(0x2F, webp[20]);
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(21));
        bits = (bits & ~0x0FFFFFFFu) | 16383u | (16383u << 14);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(21), bits);
        return webp;
    }
}

/// <summary>The process's resident memory from /proc/self/status; the peak (VmHWM) can be reset by writing 5 to /proc/self/clear_refs.</summary>
internal static class ResidentMemory
{
    /// <summary>Resets the peak to the current resident size and returns it, in KiB.</summary>
    public static long ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        File.WriteAllText("/proc/self/clear_refs", "5");
        return Read("VmRSS:");
    }

    public static long PeakKiB() => Read("VmHWM:");

    static long Read(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
    }
}
