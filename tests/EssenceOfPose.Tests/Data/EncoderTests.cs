using System.Buffers.Binary;
using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Tests.Data;

public sealed class EncoderTests
{
    static List<string> PngChunks(byte[] png)
    {
        var names = new List<string>();
        for (var i = 8; i + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(i));
            names.Add(System.Text.Encoding.ASCII.GetString(png, i + 4, 4));
            i += 12 + length;
        }
        return names;
    }

    [Fact]
    public void PngIsEightBitRgbWithoutColourChunks()
    {
        var png = RgbImageTests.Pattern(20, 10).EncodePng();
        Assert.Equal(8, png[24]);  // bit depth
        Assert.Equal(2, png[25]);  // colour type RGB, no alpha channel
        Assert.Equal(0, png[28]);  // not interlaced
        var chunks = PngChunks(png);
        Assert.Equal("IHDR", chunks[0]);
        Assert.Equal("IEND", chunks[^1]);
        Assert.DoesNotContain("iCCP", chunks);
        Assert.DoesNotContain("sRGB", chunks);
        Assert.DoesNotContain("gAMA", chunks);
    }

    [Fact]
    public void PngRoundTripIsExactForEveryByteValue()
    {
        var px = new byte[256 * 3 * 3];
        for (var i = 0; i < px.Length; i++) px[i] = (byte)(i * 7 + i / 256);
        var image = new RgbImage(256, 3, px);
        Assert.True(image.Pixels.SequenceEqual(RgbImage.Decode(image.EncodePng(), "all.png").Pixels));
    }

    static (int H, int V)[] JpegSampling(byte[] jpeg)
    {
        for (var i = 2; i + 4 < jpeg.Length;)
        {
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker == 0xC0)
                return Enumerable.Range(0, jpeg[i + 9]).Select(c => (jpeg[i + 11 + 3 * c] >> 4, jpeg[i + 11 + 3 * c] & 15)).ToArray();
            i += 2 + length;
        }
        throw new InvalidOperationException("no baseline frame header");
    }

    [Fact]
    public void JpegIsBaselineWithStbsChromaSwitch()
    {
        var image = RgbImageTests.Pattern(32, 32);
        Assert.Equal(new[] { (2, 2), (1, 1), (1, 1) }, JpegSampling(image.EncodeJpeg(90)));
        Assert.Equal(new[] { (1, 1), (1, 1), (1, 1) }, JpegSampling(image.EncodeJpeg(91)));
        Assert.DoesNotContain(Markers(image.EncodeJpeg(90)), m => m == 0xE2); // no ICC profile
    }

    static List<byte> Markers(byte[] jpeg)
    {
        var list = new List<byte>();
        for (var i = 2; i + 4 < jpeg.Length && jpeg[i + 1] != 0xDA;)
        {
            list.Add(jpeg[i + 1]);
            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }
        return list;
    }

    [Fact]
    public void EncodingIsTheSameOnManyThreads()
    {
        var image = RgbImageTests.Pattern(96, 64);
        var jpeg = image.EncodeJpeg(90);
        var png = image.EncodePng();
        Parallel.For(0, 64, i =>
        {
            Assert.Equal(jpeg, image.EncodeJpeg(90));
            Assert.Equal(png, image.EncodePng());
            Assert.True(image.Pixels.SequenceEqual(RgbImage.Decode(png, $"t{i}.png").Pixels));
        });
    }

    [Fact]
    public void WrongBufferSizesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => ImageEncoder.Png(new byte[10], 2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageEncoder.Jpeg(new byte[12], 2, 2, 0));
    }
}
