using System.Buffers.Binary;
using System.IO.Compression;
using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Tests.Data;

/// <summary>Image files built byte by byte, so each test knows exactly what the file says.</summary>
internal static class ImageFixtures
{
    // ---------------------------------------------------------------- PNG

    /// <summary>A PNG: signature, IHDR, optional PLTE and tRNS, one IDAT of unfiltered rows, IEND.</summary>
    public static byte[] Png(int width, int height, int bitDepth, int colourType, byte[] rawRows, byte[]? plte = null, byte[]? trns = null,
        params (string Type, byte[] Data)[] extra)
    {
        var ms = new MemoryStream();
        ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colourType;
        Chunk(ms, "IHDR", ihdr);
        foreach (var (type, data) in extra) Chunk(ms, type, data);
        if (plte is not null) Chunk(ms, "PLTE", plte);
        if (trns is not null) Chunk(ms, "tRNS", trns);
        var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(rawRows);
        Chunk(ms, "IDAT", z.ToArray());
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    /// <summary>Rows of <paramref name="rowBytes"/> bytes each, every one prefixed with filter type 0.</summary>
    public static byte[] PngRows(int height, int rowBytes, Func<int, int, byte> at)
    {
        var raw = new byte[height * (rowBytes + 1)];
        for (var y = 0; y < height; y++)
        for (var i = 0; i < rowBytes; i++)
            raw[y * (rowBytes + 1) + 1 + i] = at(y, i);
        return raw;
    }

    public static void Chunk(Stream s, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed.AsSpan(4));
        s.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(len, Crc32(typed));
        s.Write(len);
    }

    /// <summary>Overwrites IHDR's width and height and recomputes its CRC.</summary>
    public static byte[] PatchPngSize(byte[] png, int width, int height)
    {
        var p = (byte[])png.Clone();
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(p, 12, 4));
        BinaryPrimitives.WriteInt32BigEndian(p.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(p.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(p.AsSpan(29), Crc32(p.AsSpan(12, 17)));
        return p;
    }

    /// <summary>
    /// A genuine decompression bomb: a valid 8-bit grey PNG of <paramref name="side"/>² black pixels,
    /// deflated at the smallest size (16000² is 256 MB of rows in about 250 kB). Streamed, so building it takes little memory.
    /// </summary>
    public static byte[] GreyPngBomb(int side)
    {
        var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var row = new byte[side + 1];
            for (var y = 0; y < side; y++) zs.Write(row);
        }
        var ms = new MemoryStream();
        ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, side);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), side);
        ihdr[8] = 8;
        ihdr[9] = 0;
        Chunk(ms, "IHDR", ihdr);
        Chunk(ms, "IDAT", z.ToArray());
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }

    // ---------------------------------------------------------------- JPEG

    /// <summary>
    /// A baseline JPEG of 8×8 blocks that each hold one flat value per component (DC coefficient only,
    /// quantiser 1, so every decoder reconstructs the value exactly). <paramref name="blocks"/>[by, bx][c]
    /// is component c's value in block (bx, by). <paramref name="adobeTransform"/>: null for no APP14
    /// marker, 0 for Adobe CMYK (stored inverted) or RGB, 1 for YCbCr, 2 for YCCK.
    /// </summary>
    public static byte[] FlatBlockJpeg(byte[,][] blocks, int? adobeTransform)
    {
        int rowsOfBlocks = blocks.GetLength(0), colsOfBlocks = blocks.GetLength(1);
        var components = blocks[0, 0].Length;
        var ms = new MemoryStream();
        void Marker(byte m, ReadOnlySpan<byte> body)
        {
            ms.WriteByte(0xFF);
            ms.WriteByte(m);
            ms.WriteByte((byte)((body.Length + 2) >> 8));
            ms.WriteByte((byte)(body.Length + 2));
            ms.Write(body);
        }
        ms.Write([0xFF, 0xD8]);
        if (adobeTransform is { } t)
            Marker(0xEE, [(byte)'A', (byte)'d', (byte)'o', (byte)'b', (byte)'e', 0, 100, 0, 0, 0, 0, (byte)t]);
        var dqt = new byte[65];
        Array.Fill(dqt, (byte)1, 1, 64);
        Marker(0xDB, dqt);
        var sof = new List<byte> { 8, (byte)(rowsOfBlocks * 8 >> 8), (byte)(rowsOfBlocks * 8), (byte)(colsOfBlocks * 8 >> 8), (byte)(colsOfBlocks * 8), (byte)components };
        for (var c = 0; c < components; c++) sof.AddRange([(byte)(c + 1), 0x11, 0]);
        Marker(0xC0, sof.ToArray());
        // DC table 0: the standard luminance DC table (categories 0–11). AC table 0: only EOB, code '0'.
        byte[] dcCounts = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0];
        var dht = new List<byte> { 0x00 };
        dht.AddRange(dcCounts);
        dht.AddRange(Enumerable.Range(0, 12).Select(i => (byte)i));
        dht.Add(0x10);
        dht.AddRange(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
        dht.Add(0x00);
        Marker(0xC4, dht.ToArray());
        var sos = new List<byte> { (byte)components };
        for (var c = 0; c < components; c++) sos.AddRange([(byte)(c + 1), 0x00]);
        sos.AddRange([0, 63, 0]);
        Marker(0xDA, sos.ToArray());

        var dcCodes = HuffmanCodes(dcCounts);
        var bits = new BitWriter(ms);
        var pred = new int[components];
        for (var by = 0; by < rowsOfBlocks; by++)
        for (var bx = 0; bx < colsOfBlocks; bx++)
        for (var c = 0; c < components; c++)
        {
            var dc = 8 * (blocks[by, bx][c] - 128);
            var diff = dc - pred[c];
            pred[c] = dc;
            var size = diff == 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)Math.Abs(diff));
            var (code, length) = dcCodes[size];
            bits.Write(code, length);
            if (size > 0) bits.Write(diff > 0 ? diff : diff + (1 << size) - 1, size);
            bits.Write(0, 1); // EOB
        }
        bits.Flush();
        ms.Write([0xFF, 0xD9]);
        return ms.ToArray();
    }

    static (int Code, int Length)[] HuffmanCodes(byte[] counts)
    {
        var codes = new List<(int, int)>();
        var code = 0;
        for (var len = 1; len <= 16; len++)
        {
            for (var i = 0; i < counts[len - 1]; i++) codes.Add((code++, len));
            code <<= 1;
        }
        return codes.ToArray();
    }

    sealed class BitWriter(Stream s)
    {
        int acc, n;

        public void Write(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                acc = (acc << 1) | ((value >> i) & 1);
                if (++n == 8) Emit();
            }
        }

        public void Flush()
        {
            while (n != 0) Write(1, 1); // pad with ones
        }

        void Emit()
        {
            s.WriteByte((byte)acc);
            if (acc == 0xFF) s.WriteByte(0); // byte stuffing
            acc = 0;
            n = 0;
        }
    }

    /// <summary>Overwrites the frame header's (SOF0) height and width.</summary>
    public static byte[] PatchJpegSize(byte[] jpeg, int width, int height)
    {
        var p = (byte[])jpeg.Clone();
        for (var i = 2; i + 8 < p.Length;)
        {
            Assert.Equal(0xFF, p[i]);
            var marker = p[i + 1];
            var length = (p[i + 2] << 8) | p[i + 3];
            if (marker == 0xC0)
            {
                BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(i + 7), (ushort)width);
                return p;
            }
            i += 2 + length;
        }
        throw new InvalidOperationException("no SOF0 marker before the first scan");
    }

    // ---------------------------------------------------------------- GIF, BMP

    /// <summary>A GIF89a of one frame with a global palette of up to 4 colours; LZW with a clear code before every pixel, so codes stay 3 bits.</summary>
    public static byte[] Gif(int width, int height, byte[] palette4x3, byte[] indices, int? screenWidth = null, int? screenHeight = null)
    {
        var ms = new MemoryStream();
        ms.Write("GIF89a"u8);
        void U16(int v) { ms.WriteByte((byte)v); ms.WriteByte((byte)(v >> 8)); }
        U16(screenWidth ?? width);
        U16(screenHeight ?? height);
        ms.WriteByte(0x81); // global colour table of 2^(1+1) = 4 entries
        ms.WriteByte(0);
        ms.WriteByte(0);
        ms.Write(palette4x3);
        ms.WriteByte(0x2C);
        U16(0); U16(0); U16(width); U16(height);
        ms.WriteByte(0);
        ms.WriteByte(2); // LZW minimum code size
        var packed = new List<byte>();
        int acc = 0, n = 0;
        void Code(int c) { acc |= c << n; n += 3; while (n >= 8) { packed.Add((byte)acc); acc >>= 8; n -= 8; } }
        foreach (var ix in indices) { Code(4); Code(ix); }
        Code(5);
        if (n > 0) packed.Add((byte)acc);
        for (var i = 0; i < packed.Count; i += 255)
        {
            var len = Math.Min(255, packed.Count - i);
            ms.WriteByte((byte)len);
            ms.Write(packed.GetRange(i, len).ToArray());
        }
        ms.WriteByte(0);
        ms.WriteByte(0x3B);
        return ms.ToArray();
    }

    /// <summary>A 24-bit BMP: 14-byte file header, 40-byte info header, bottom-up BGR rows padded to 4 bytes.</summary>
    public static byte[] Bmp24(RgbImage image)
    {
        var rowBytes = (image.Width * 3 + 3) & ~3;
        var size = 54 + rowBytes * image.Height;
        var b = new byte[size];
        b[0] = (byte)'B'; b[1] = (byte)'M';
        BitConverter.TryWriteBytes(b.AsSpan(2), size);
        BitConverter.TryWriteBytes(b.AsSpan(10), 54);
        BitConverter.TryWriteBytes(b.AsSpan(14), 40);
        BitConverter.TryWriteBytes(b.AsSpan(18), image.Width);
        BitConverter.TryWriteBytes(b.AsSpan(22), image.Height);
        BitConverter.TryWriteBytes(b.AsSpan(26), (short)1);
        BitConverter.TryWriteBytes(b.AsSpan(28), (short)24);
        BitConverter.TryWriteBytes(b.AsSpan(34), rowBytes * image.Height);
        for (var y = 0; y < image.Height; y++)
        for (var x = 0; x < image.Width; x++)
        {
            var (r, g, bl) = image[x, image.Height - 1 - y];
            var o = 54 + y * rowBytes + x * 3;
            b[o] = bl; b[o + 1] = g; b[o + 2] = r;
        }
        return b;
    }
}
