using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Tests.Data;

public class PreprocessTests
{
    /// <summary>A square image whose central <paramref name="inner"/>² is one colour and whose frame is another.</summary>
    static RgbImage Framed(int size, int inner, (byte, byte, byte) centre, (byte, byte, byte) frame)
    {
        var px = new byte[size * size * 3];
        var lo = (size - inner) / 2;
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var c = x >= lo && x < lo + inner && y >= lo && y < lo + inner ? centre : frame;
                (px[(y * size + x) * 3], px[(y * size + x) * 3 + 1], px[(y * size + x) * 3 + 2]) = c;
            }
        return new RgbImage(size, size, px);
    }

    [Fact]
    public void Keeps_the_centre_192_of_256_resized_to_101_minus_the_mean()
    {
        using var scope = torch.NewDisposeScope();
        var p = Preprocess.WithMean([10, 20, 30]);
        var x = p.Apply(Framed(256, 192, (200, 100, 50), (0, 255, 0)));
        Assert.Equal([3L, 101, 101], x.shape);
        // The crop removes the whole frame, so every pixel is the centre colour minus the mean.
        Assert.Equal(190, x.select(0, 0).min().ToDouble(), 3);
        Assert.Equal(190, x.select(0, 0).max().ToDouble(), 3);
        Assert.Equal(80, x.select(0, 1).mean().ToDouble(), 3);
        Assert.Equal(20, x.select(0, 2).mean().ToDouble(), 3);
    }

    [Fact]
    public void Other_sizes_keep_the_same_fraction()
    {
        using var scope = torch.NewDisposeScope();
        // 128² keeps its central 96² (= 128·192/256): a 98² centre leaves a 1-pixel frame ring outside the crop.
        var x = new Preprocess().Apply(Framed(128, 96, (255, 255, 255), (0, 0, 0)));
        Assert.Equal(255, x.min().ToDouble(), 3);
        var y = new Preprocess().Apply(Framed(128, 90, (255, 255, 255), (0, 0, 0)));
        Assert.True(y.min().ToDouble() < 128, "a frame inside the crop must show");
    }

    [Fact]
    public void Image_tensor_round_trip_and_inverse()
    {
        using var scope = torch.NewDisposeScope();
        var rng = new Random(3);
        var px = new byte[7 * 5 * 3];
        rng.NextBytes(px);
        var img = new RgbImage(7, 5, px);
        var t = Preprocess.ImageToTensor(img);
        Assert.Equal([3L, 5, 7], t.shape);
        Assert.Equal((double)px[(2 * 7 + 3) * 3 + 1], t[1, 2, 3].ToDouble());
        Assert.Equal(px, Preprocess.TensorToImage(t).Pixels.ToArray());
        var p = Preprocess.WithMean([100, 110, 120]);
        Assert.Equal(px, p.Invert(t - p.MeanTensor().squeeze(0)).Pixels.ToArray());
        Assert.Throws<ArgumentException>(() => Preprocess.WithMean([1, 2]));
    }
}
