using System.Buffers.Binary;
using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// Images: small valid PNG and JPEG files, then decompression bombs (headers declaring 20000×20000
/// and more over a few bytes of data), impossible sizes, truncations, seeded byte flips, other
/// formats' headers, and the hostile file-system entries, each decoded with <see cref="RgbImage.Decode(string)"/>.
/// </summary>
internal static class ImageCorpus
{
    public const string Loader = "images";

    public static IEnumerable<(FuzzCase Case, string Path)> Build(string dir)
    {
        var pixels = new byte[16 * 12 * 3];
        new Random(3).NextBytes(pixels);
        var image = new RgbImage(16, 12, pixels);
        var png = image.EncodePng();
        var jpeg = image.EncodeJpeg();
        var n = 0;
        (FuzzCase, string) Write(string name, byte[] content, Expect expect = Expect.Reject, string ext = ".png")
        {
            var path = Path.Combine(dir, $"case{n++:D3}{ext}");
            File.WriteAllBytes(path, content);
            return (new FuzzCase(Loader, name, expect, Path.GetFileName(path)), path);
        }

        yield return Write("valid PNG (control)", png, Expect.Accept);
        yield return Write("valid JPEG (control)", jpeg, Expect.Accept, ".jpg");
        yield return Write("valid BMP (control)", Bmp(16, 12, 16, 12), Expect.Accept, ".bmp");

        // Bombs and impossible sizes, declared in the header over the same few bytes of data. A size
        // within the limit (2048×2048) may decode: libjpeg fills a scan that ends early with grey.
        foreach (var (w, h, expect) in new[] { (20000, 20000, Expect.Reject), (65535, 65535, Expect.Reject), (16384, 16384, Expect.Reject), (16385, 1, Expect.Reject), (1, 60000, Expect.Reject), (0, 12, Expect.Reject), (16, 0, Expect.Reject), (2048, 2048, Expect.Either) })
        {
            yield return Write($"JPEG declaring {w}×{h}", Jpeg(jpeg, w, h), expect, ".jpg");
            yield return Write($"PNG declaring {w}×{h}", Png(png, w, h), expect);
        }
        yield return Write("PNG declaring 2^31-1 × 2^31-1", Png(png, int.MaxValue, int.MaxValue));
        yield return Write("PNG declaring 16000×16000 with a bad CRC", Mutate.Overwrite(Png(png, 16000, 16000), 29, [0, 0, 0, 0]));
        yield return Write("BMP declaring 20000×20000", Bmp(20000, 20000, 16, 12), Expect.Reject, ".bmp");
        yield return Write("BMP declaring -12 rows (top-down, control)", Bmp(16, -12, 16, 12), Expect.Accept, ".bmp");
        yield return Write("BMP declaring int.MinValue rows", Bmp(16, int.MinValue, 16, 12), Expect.Reject, ".bmp");
        yield return Write("GIF declaring 65535×65535", Gif(65535, 65535), Expect.Reject, ".gif");

        // Truncations and garbage.
        foreach (var cut in new[] { 1, 2, 8, 16, 33, png.Length / 2 })
            yield return Write($"PNG cut to {cut} bytes", Mutate.Truncate(png, cut));
        // Every pixel is there when only the IEND chunk is cut: decoding may succeed.
        foreach (var cut in new[] { png.Length - 12, png.Length - 1 })
            yield return Write($"PNG cut to {cut} bytes (in IEND)", Mutate.Truncate(png, cut), Expect.Either);
        foreach (var cut in new[] { 2, 4, 20, 160, jpeg.Length / 2, jpeg.Length - 2 })
            yield return Write($"JPEG cut to {cut} bytes", Mutate.Truncate(jpeg, cut), Expect.Reject, ".jpg");
        yield return Write("JPEG markers only (SOI, EOI)", [0xFF, 0xD8, 0xFF, 0xD9], Expect.Reject, ".jpg");
        yield return Write("text named .png", "not an image\n"u8.ToArray());
        yield return Write("ICO header", [0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0], Expect.Reject, ".ico");
        yield return Write("64 kB of zeros", new byte[65536]);

        var rng = new Random(14);
        for (var i = 0; i < 10; i++)
            yield return Write($"PNG byte flips, seed 14 #{i}", Mutate.Flip(png, rng, 0, png.Length, 1 + i % 4), Expect.Either);
        for (var i = 0; i < 10; i++)
            yield return Write($"JPEG byte flips, seed 14 #{i}", Mutate.Flip(jpeg, rng, 0, jpeg.Length, 1 + i % 4), Expect.Either, ".jpg");

        foreach (var (what, path) in Hostile.Entries(dir, "image.png"))
            yield return (new FuzzCase(Loader, what, Expect.Reject, Path.GetFileName(path)), path);
    }

    /// <summary>The JPEG with its frame header (SOF0..SOF2) declaring <paramref name="width"/>×<paramref name="height"/>.</summary>
    static byte[] Jpeg(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < copy.Length; i++)
        {
            if (copy[i] == 0xFF && copy[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 7), (ushort)width);
                return copy;
            }
        }
        throw new InvalidOperationException("no SOF marker in the encoder's JPEG");
    }

    /// <summary>The PNG with its IHDR declaring <paramref name="width"/>×<paramref name="height"/>, CRC recomputed.</summary>
    static byte[] Png(byte[] png, int width, int height)
    {
        var copy = (byte[])png.Clone();
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(29), Crc32(copy.AsSpan(12, 17)));
        return copy;
    }

    /// <summary>A 24-bit BMP whose header declares <paramref name="width"/>×<paramref name="height"/> over <paramref name="w"/>×<paramref name="h"/> pixels of data.</summary>
    static byte[] Bmp(int width, int height, int w, int h)
    {
        var row = (w * 3 + 3) / 4 * 4;
        var bytes = new byte[54 + row * h];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        for (var i = 54; i < bytes.Length; i++) bytes[i] = (byte)(i * 7);
        return bytes;
    }

    static byte[] Gif(int width, int height)
    {
        var bytes = new List<byte>("GIF89a"u8.ToArray());
        bytes.AddRange(BitConverter.GetBytes((ushort)width));
        bytes.AddRange(BitConverter.GetBytes((ushort)height));
        bytes.AddRange([0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
        bytes.AddRange([0x2C, 0, 0, 0, 0, .. BitConverter.GetBytes((ushort)width), .. BitConverter.GetBytes((ushort)height), 0]);
        bytes.AddRange([2, 2, 0x44, 0x01, 0, 0x3B]);
        return [.. bytes];
    }

    static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
