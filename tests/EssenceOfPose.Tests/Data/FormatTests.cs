using EssenceOfPose.Data.Images;
using SkiaSharp;

namespace EssenceOfPose.Tests.Data;

/// <summary>Formats and pixel layouts beyond 8-bit RGB, each decoding to the RGB it stands for.</summary>
public sealed class FormatTests
{
    static (int R, int G, int B) At(RgbImage im, int x, int y) { var p = im[x, y]; return (p.R, p.G, p.B); }

    static void Near((int R, int G, int B) expected, (int R, int G, int B) actual, int tolerance, string what)
    {
        Assert.True(Math.Abs(expected.R - actual.R) <= tolerance && Math.Abs(expected.G - actual.G) <= tolerance && Math.Abs(expected.B - actual.B) <= tolerance,
            $"{what}: expected {expected} ±{tolerance}, got {actual}");
    }

    static int MulDiv255(int a, int b) => (a * b + 127) / 255;

    [Fact]
    public void CmykJpegDecodesToRgb()
    {
        // Adobe CMYK (APP14 transform 0) stores inverted ink: a stored value s means ink 255 − s.
        // Red = (255 − C)(255 − K)/255 and so on, i.e. stored C × stored K / 255.
        var inks = new (int C, int M, int Y, int K)[] { (0, 0, 0, 0), (0, 255, 255, 0), (255, 0, 255, 0), (0, 0, 0, 255), (40, 80, 160, 64) };
        var blocks = new byte[1, inks.Length][];
        for (var i = 0; i < inks.Length; i++)
            blocks[0, i] = [(byte)(255 - inks[i].C), (byte)(255 - inks[i].M), (byte)(255 - inks[i].Y), (byte)(255 - inks[i].K)];
        var jpeg = ImageFixtures.FlatBlockJpeg(blocks, adobeTransform: 0);
        var image = RgbImage.Decode(jpeg, "cmyk.jpg");
        Assert.Equal((8 * inks.Length, 8), (image.Width, image.Height));
        Assert.Equal((8 * inks.Length, 8, 3), RgbImage.ReadHeader(jpeg, "cmyk.jpg")); // opaque colour, as stb_image reported it
        for (var i = 0; i < inks.Length; i++)
        {
            var (c, m, y, k) = inks[i];
            var expected = (MulDiv255(255 - c, 255 - k), MulDiv255(255 - m, 255 - k), MulDiv255(255 - y, 255 - k));
            Near(expected, At(image, i * 8 + 3, 4), 1, $"CMYK ink {inks[i]}");
        }
        Near((255, 255, 255), At(image, 0, 0), 0, "no ink is white");
        Near((255, 0, 0), At(image, 8, 0), 0, "magenta + yellow is red");
        Near((0, 0, 0), At(image, 24, 7), 0, "full black");
    }

    [Fact]
    public void YcckJpegDecodesToRgb()
    {
        // Adobe YCCK (transform 2): libjpeg and stb_image both turn Y Cb Cr into R G B and store C = 255 − R (and so on),
        // then read C M Y K as Adobe-inverted ink: red = C · K / 255. With neutral chroma R = G = B = Y, so red = (255 − Y) · K / 255.
        var values = new (int Y, int K)[] { (255, 255), (0, 255), (128, 200), (200, 0), (30, 180) };
        var blocks = new byte[1, values.Length][];
        for (var i = 0; i < values.Length; i++) blocks[0, i] = [(byte)values[i].Y, 128, 128, (byte)values[i].K];
        var image = RgbImage.Decode(ImageFixtures.FlatBlockJpeg(blocks, adobeTransform: 2), "ycck.jpg");
        for (var i = 0; i < values.Length; i++)
        {
            var v = MulDiv255(255 - values[i].Y, values[i].K);
            Near((v, v, v), At(image, i * 8 + 4, 4), 1, $"YCCK {values[i]}");
        }
    }

    [Fact]
    public void GreyAndYCbCrJpegsDecodeToTheirValues()
    {
        var grey = RgbImage.Decode(ImageFixtures.FlatBlockJpeg(new byte[,][] { { [0], [77], [255] } }, adobeTransform: null), "grey.jpg");
        Assert.Equal((0, 0, 0), At(grey, 1, 1));
        Assert.Equal((77, 77, 77), At(grey, 9, 1));
        Assert.Equal((255, 255, 255), At(grey, 17, 1));
        // YCbCr (JFIF default for 3 components): neutral chroma gives grey.
        var ycc = RgbImage.Decode(ImageFixtures.FlatBlockJpeg(new byte[,][] { { [90, 128, 128] } }, adobeTransform: null), "ycc.jpg");
        Assert.Equal((90, 90, 90), At(ycc, 4, 4));
    }

    [Fact]
    public void SixteenBitPngsDecodeToTheHighByte()
    {
        // Values k·257 map to k exactly whatever the 16 → 8 rounding; other values within 1 of the high byte.
        ushort[] samples = [0, 257 * 1, 257 * 77, 257 * 200, 65535, 0x1280, 0x80FF, 0xFE01];
        const int width = 8;
        var rgb16 = ImageFixtures.PngRows(1, width * 6, (_, i) =>
        {
            var v = samples[i / 6];
            var channel = i / 2 % 3;
            var value = channel switch { 0 => v, 1 => (ushort)(65535 - v), _ => (ushort)(v / 2) };
            return i % 2 == 0 ? (byte)(value >> 8) : (byte)value;
        });
        var png = ImageFixtures.Png(width, 1, 16, 2, rgb16);
        var image = RgbImage.Decode(png, "rgb16.png");
        for (var x = 0; x < width; x++)
        {
            var v = samples[x];
            int[] want16 = [v, 65535 - v, v / 2];
            var got = At(image, x, 0);
            int[] gotA = [got.R, got.G, got.B];
            for (var c = 0; c < 3; c++)
            {
                var exact = want16[c] % 257 == 0;
                var expected = exact ? want16[c] / 257 : want16[c] >> 8;
                Assert.True(Math.Abs(gotA[c] - expected) <= (exact ? 0 : 1), $"pixel {x} channel {c}: 16-bit {want16[c]} gave {gotA[c]}, expected {expected}");
            }
        }

        // 16-bit grey with alpha: grey replicated, alpha dropped (not composited).
        var ga16 = ImageFixtures.PngRows(1, 2 * 4, (_, i) => (i / 2 % 2) switch { 0 => (byte)(i / 4 * 100), _ => 0 });
        var ga = RgbImage.Decode(ImageFixtures.Png(2, 1, 16, 4, ga16), "ga16.png");
        Assert.Equal((0, 0, 0), At(ga, 0, 0));
        Assert.Equal((100, 100, 100), At(ga, 1, 0));
    }

    [Fact]
    public void PalettePngsDecodeThroughThePalette()
    {
        byte[] plte = [255, 0, 0, 0, 255, 0, 0, 0, 255, 12, 34, 56];
        foreach (var depth in new[] { 2, 8 })
        {
            var indices = new byte[] { 0, 1, 2, 3, 3, 2, 1, 0 };
            byte[] rows = depth == 8
                ? ImageFixtures.PngRows(2, 4, (y, i) => indices[y * 4 + i])
                : ImageFixtures.PngRows(2, 1, (y, _) => (byte)(indices[y * 4] << 6 | indices[y * 4 + 1] << 4 | indices[y * 4 + 2] << 2 | indices[y * 4 + 3]));
            var image = RgbImage.Decode(ImageFixtures.Png(4, 2, depth, 3, rows, plte), $"palette{depth}.png");
            for (var k = 0; k < 8; k++)
            {
                var ix = indices[k];
                Assert.Equal((plte[ix * 3], plte[ix * 3 + 1], plte[ix * 3 + 2]), At(image, k % 4, k / 4));
            }
        }
        // A transparent palette entry keeps its stored colour (alpha dropped, as stb_image did).
        var withAlpha = RgbImage.Decode(ImageFixtures.Png(2, 1, 8, 3, ImageFixtures.PngRows(1, 2, (_, i) => (byte)(i * 3)), plte, trns: [255, 255, 255, 0]), "trns.png");
        Assert.Equal((255, 0, 0), At(withAlpha, 0, 0));
        Assert.Equal((12, 34, 56), At(withAlpha, 1, 0));
    }

    [Fact]
    public void GreyAndRgbaPngsDecodeWithAlphaDropped()
    {
        var grey = RgbImage.Decode(ImageFixtures.Png(3, 1, 8, 0, ImageFixtures.PngRows(1, 3, (_, i) => (byte)(i * 100))), "grey.png");
        Assert.Equal((200, 200, 200), At(grey, 2, 0));
        Assert.Equal((3, 1, 1), RgbImage.ReadHeader(ImageFixtures.Png(3, 1, 8, 0, ImageFixtures.PngRows(1, 3, (_, i) => 0)), "grey.png"));
        // RGBA with alpha 0 and 128: the stored colour comes back unchanged (not premultiplied, not composited).
        byte[] px = [10, 20, 30, 0, 200, 100, 50, 128];
        var rgba = RgbImage.Decode(ImageFixtures.Png(2, 1, 8, 6, ImageFixtures.PngRows(1, 8, (_, i) => px[i])), "rgba.png");
        Assert.Equal((10, 20, 30), At(rgba, 0, 0));
        Assert.Equal((200, 100, 50), At(rgba, 1, 0));
    }

    [Fact]
    public void EmbeddedGammaIsNotApplied()
    {
        // A gAMA chunk of 1.0 (and one of 0.2) would change every mid-tone if Skia converted colours; stb_image ignored them, and so must we.
        byte[] px = [10, 64, 128, 200, 250, 33];
        foreach (var gamma in new[] { 100000, 20000 })
        {
            var gama = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(gama, gamma);
            var image = RgbImage.Decode(ImageFixtures.Png(2, 1, 8, 2, ImageFixtures.PngRows(1, 6, (_, i) => px[i]), extra: ("gAMA", gama)), "gamma.png");
            Assert.True(image.Pixels.SequenceEqual(px), $"gAMA {gamma / 1e5}: got {string.Join(",", image.Pixels.ToArray())}");
        }
    }

    [Fact]
    public void GifDecodesItsFirstFrame()
    {
        byte[] palette = [0, 0, 0, 255, 255, 255, 200, 10, 10, 10, 200, 10];
        byte[] indices = [0, 1, 2, 3, 3, 2];
        var image = RgbImage.Decode(ImageFixtures.Gif(3, 2, palette, indices), "a.gif");
        Assert.Equal((3, 2), (image.Width, image.Height));
        for (var k = 0; k < indices.Length; k++)
            Assert.Equal((palette[indices[k] * 3], palette[indices[k] * 3 + 1], palette[indices[k] * 3 + 2]), At(image, k % 3, k / 3));
    }

    [Fact]
    public void LosslessWebpRoundTripsExactly()
    {
        var image = RgbImageTests.Pattern(33, 17);
        var rgba = new byte[33 * 17 * 4];
        SkiaPixels.Widen(image.Pixels, rgba);
        byte[] webp;
        unsafe
        {
            fixed (byte* p = rgba)
            {
                using var pixmap = new SKPixmap(SkiaPixels.OpaqueRgba(33, 17), (nint)p, 33 * 4);
                using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 100))!;
                webp = data.ToArray();
            }
        }
        var back = RgbImage.Decode(webp, "a.webp");
        Assert.True(image.Pixels.SequenceEqual(back.Pixels));
    }

    [Fact]
    public void OtherFormatsSkiaReadsAreRefused()
    {
        // A 1×1 ICO holding a 32-bit BMP: Skia decodes ICO, the suite does not accept it.
        var ico = new byte[6 + 16 + 40 + 4 + 4];
        ico[2] = 1; ico[4] = 1;                   // type icon, one image
        ico[6] = 1; ico[7] = 1;                   // 1×1
        BitConverter.TryWriteBytes(ico.AsSpan(6 + 4), (short)1);
        BitConverter.TryWriteBytes(ico.AsSpan(6 + 6), (short)32);
        BitConverter.TryWriteBytes(ico.AsSpan(6 + 8), 48);
        BitConverter.TryWriteBytes(ico.AsSpan(6 + 12), 22);
        BitConverter.TryWriteBytes(ico.AsSpan(22), 40);
        BitConverter.TryWriteBytes(ico.AsSpan(26), 1);
        BitConverter.TryWriteBytes(ico.AsSpan(30), 2);
        BitConverter.TryWriteBytes(ico.AsSpan(34), (short)1);
        BitConverter.TryWriteBytes(ico.AsSpan(36), (short)32);
        var e = Assert.Throws<ImageDecodeException>(() => RgbImage.Decode(ico, "icon.ico"));
        Assert.Contains("icon.ico", e.Message);
        Assert.StartsWith(RgbImage.CodecReasonPrefix, e.Reason);
        Assert.Contains("ICO, not one of the accepted formats", e.Reason);
    }
}
