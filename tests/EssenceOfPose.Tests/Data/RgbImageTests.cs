using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Tests.Data;

public sealed class RgbImageTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eop-rgb-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Smooth gradients with a sharp square: enough structure for JPEG to be lossy but close.</summary>
    internal static RgbImage Pattern(int width, int height)
    {
        var px = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var i = (y * width + x) * 3;
            var inSquare = x > width / 4 && x < width / 2 && y > height / 4 && y < height / 2;
            px[i] = (byte)(x * 255 / (width - 1));
            px[i + 1] = (byte)(y * 255 / (height - 1));
            px[i + 2] = inSquare ? (byte)230 : (byte)40;
        }
        return new RgbImage(width, height, px);
    }

    [Fact]
    public void PngRoundTripIsExact()
    {
        var image = Pattern(37, 23);
        var back = RgbImage.Decode(image.EncodePng(), "mem.png");
        Assert.Equal(37, back.Width);
        Assert.Equal(23, back.Height);
        Assert.True(image.Pixels.SequenceEqual(back.Pixels));
    }

    [Fact]
    public void JpegRoundTripIsClose()
    {
        var image = Pattern(64, 48);
        var path = Path.Combine(_dir, "a.jpg");
        image.SaveJpeg(path, quality: 95);
        var back = RgbImage.Decode(path);
        Assert.Equal((64, 48), (back.Width, back.Height));
        double sum = 0;
        for (var i = 0; i < image.Pixels.Length; i++) sum += Math.Abs(image.Pixels[i] - back.Pixels[i]);
        var meanAbs = sum / image.Pixels.Length;
        Assert.InRange(meanAbs, 0.01, 4.0); // lossy, but close
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void JpegEncodingIsDeterministicAndQualityMatters()
    {
        var image = Pattern(64, 64);
        Assert.Equal(image.EncodeJpeg(90), image.EncodeJpeg(90));
        Assert.True(image.EncodeJpeg(20).Length < image.EncodeJpeg(95).Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.EncodeJpeg(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => image.EncodeJpeg(101));
    }

    [Fact]
    public void DecodesBmpWrittenByHand()
    {
        var image = Pattern(5, 3); // 15-byte rows need 1 byte of padding each
        var path = Path.Combine(_dir, "hand.bmp");
        File.WriteAllBytes(path, ImageFixtures.Bmp24(image));
        var back = RgbImage.Decode(path);
        Assert.True(image.Pixels.SequenceEqual(back.Pixels));
        Assert.Equal((5, 3, 3), RgbImage.ReadHeader(File.ReadAllBytes(path), path));
    }

    [Fact]
    public void CropCopiesTheWindow()
    {
        var image = Pattern(10, 8);
        var crop = image.Crop(3, 2, 4, 5);
        Assert.Equal((4, 5), (crop.Width, crop.Height));
        Assert.Equal(image[3, 2], crop[0, 0]);
        Assert.Equal(image[6, 6], crop[3, 4]);
        Assert.Equal(image[3, 2], image.CropCentre(4, 4)[0, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(7, 0, 4, 1));
    }

    [Fact]
    public void TilePlacesImagesInCells()
    {
        var a = Pattern(4, 3);
        var sheet = RgbImage.Tile([a, a, a], columns: 2, gap: 1, background: 7);
        Assert.Equal((2 * 4 + 3, 2 * 3 + 3), (sheet.Width, sheet.Height));
        Assert.Equal(a[0, 0], sheet[1, 1]);
        Assert.Equal(a[3, 2], sheet[1 + 4 + 1 + 3, 1 + 2]);
        Assert.Equal(((byte)7, (byte)7, (byte)7), sheet[sheet.Width - 2, sheet.Height - 2]); // empty fourth cell
    }

    [Fact]
    public void MissingFileNamesFileAndReason()
    {
        var path = Path.Combine(_dir, "nope.jpg");
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("file not found", e.Message);
    }

    [Fact]
    public void EmptyFileNamesFileAndReason()
    {
        var path = Path.Combine(_dir, "empty.png");
        File.WriteAllBytes(path, []);
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void GarbageNamesFileAndCodecReason()
    {
        var path = Path.Combine(_dir, "garbage.jpg");
        File.WriteAllBytes(path, "this is not an image, just some text bytes"u8.ToArray());
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(path));
        Assert.Contains(path, e.Message);
        Assert.StartsWith(RgbImage.CodecReasonPrefix, e.Reason);
        Assert.True(e.Reason.Length > RgbImage.CodecReasonPrefix.Length + 3, e.Reason);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void JpegCutShortIsReportedTruncated(double keep)
    {
        var full = Pattern(64, 64).EncodeJpeg(90);
        var path = Path.Combine(_dir, "cut.jpg");
        File.WriteAllBytes(path, full[..(int)(full.Length * keep)]);
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Reason);
        Assert.Contains("FF D9", e.Reason);
    }

    [Fact]
    public void PngCutShortNamesCodecReason()
    {
        var full = Pattern(32, 32).EncodePng();
        var path = Path.Combine(_dir, "cut.png");
        File.WriteAllBytes(path, full[..(full.Length / 2)]);
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(path));
        Assert.Contains(path, e.Message);
        Assert.StartsWith(RgbImage.CodecReasonPrefix, e.Reason);
        Assert.True(e.Reason.Length > RgbImage.CodecReasonPrefix.Length + 3, e.Reason);
    }

    [Fact]
    public void JpegCutToTenBytesFailsInCodecAndSaysTruncated()
    {
        var full = Pattern(64, 64).EncodeJpeg(90);
        var path = Path.Combine(_dir, "ten.jpg");
        File.WriteAllBytes(path, full[..10]);
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(path));
        Assert.Contains(path, e.Message);
        Assert.StartsWith(RgbImage.CodecReasonPrefix, e.Reason);
        Assert.Contains("truncated", e.Reason);
    }

    [Fact]
    public void CompleteJpegWithTrailingBytesStillDecodes()
    {
        var full = Pattern(16, 16).EncodeJpeg(90);
        Assert.True(JpegMarkers.ReachesEndOfImage(full));
        var padded = full.Concat(new byte[] { 0, 0, 0, 0 }).ToArray();
        Assert.Equal(16, RgbImage.Decode(padded, "padded.jpg").Width);
    }

    [Fact]
    public void SaveReplacesAnExistingFileWhole()
    {
        var path = Path.Combine(_dir, "over.png");
        File.WriteAllText(path, "old content that is not a png");
        Pattern(8, 8).SavePng(path);
        Assert.Equal(8, RgbImage.Decode(path).Width);
        Assert.Single(Directory.GetFiles(_dir));
    }
}
