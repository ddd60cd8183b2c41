using EssenceOfPose.Data;
using EssenceOfPose.Display;

namespace EssenceOfPose.Tests.Display;

public sealed class PicturesTests
{
    [Fact]
    public void Caffe_images_get_their_mean_back_and_are_clamped()
    {
        using var scope = torch.NewDisposeScope();
        // Two 1×2 images: (−mean, +200) and (0, −300).
        var x = torch.tensor(new float[] { -10, 200, -20, 200, -30, 200, 0, -300, 0, -300, 0, -300 }, [2, 3, 1, 2]);
        var preprocess = Preprocess.WithMean([10, 20, 30]);
        var pictures = new ImageBatch(x, preprocess).Pictures();
        Assert.Equal(2, pictures.Count);
        Assert.Equal(((byte)0, (byte)0, (byte)0), pictures[0][0, 0]);
        Assert.Equal(((byte)210, (byte)220, (byte)230), pictures[0][1, 0]);
        Assert.Equal(((byte)10, (byte)20, (byte)30), pictures[1][0, 0]);
        Assert.Equal(((byte)0, (byte)0, (byte)0), pictures[1][1, 0]);
        Assert.Single(preprocess.Pictures(x.select(0, 0)));
        Assert.Throws<ArgumentException>(() => preprocess.Pictures(torch.zeros(2, 1, 4, 4)));
    }

    [Fact]
    public void Rgb_images_are_taken_as_they_are()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new float[] { 1.4f, 255, 17, 0, 80, 300 }, [1, 3, 1, 2]);
        var p = Assert.Single(Pictures.FromRgb(x));
        Assert.Equal(((byte)1, (byte)17, (byte)80), p[0, 0]);
        Assert.Equal(((byte)255, (byte)0, (byte)255), p[1, 0]);
    }

    [Fact]
    public void Stretching_maps_each_images_range_to_0_255_on_its_own_and_survives_a_flat_image()
    {
        using var scope = torch.NewDisposeScope();
        var small = torch.linspace(-1, 1, 12).reshape(1, 3, 2, 2);
        var large = torch.linspace(0, 1000, 12).reshape(1, 3, 2, 2);
        var flat = torch.full([1, 3, 2, 2], 7.0f);
        var p = Pictures.Stretched(torch.cat([small, large, flat], 0), clipPercent: 0);
        foreach (var image in p.Take(2))
        {
            Assert.Equal(0, image[0, 0].R);
            Assert.Equal(255, image[1, 1].B);
        }
        Assert.Equal(p[0].Pixels.ToArray(), p[1].Pixels.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => Pictures.Stretched(small, 50));
        Assert.Equal(3, p.Count);
    }
}
