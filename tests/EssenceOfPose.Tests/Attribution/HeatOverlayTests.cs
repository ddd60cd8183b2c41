using EssenceOfPose.Attribution;
using EssenceOfPose.Data;

namespace EssenceOfPose.Tests.Attribution;

public class HeatOverlayTests
{
    static readonly double[] Mean = [120, 110, 100];

    [Fact]
    public void Salient_pixels_take_the_heat_colour_and_the_rest_stay_grey()
    {
        using var scope = torch.NewDisposeScope();
        // Every pixel is RGB (100, 100, 100), luma 100, stored minus the mean.
        var image = torch.full([1, 3, 2, 2], 100.0) - torch.tensor(Mean, [1, 3, 1, 1]).to(ScalarType.Float32);
        // Map peak 8 at (0,0), half of it (0.5 after normalising) at (0,1), zero elsewhere.
        var map = torch.tensor(new float[] { 8, 4, 0, 0 }, [1, 2, 2]);
        var rgb = HeatOverlay.Render(new ImageBatch(image, Preprocess.WithMean(Mean)), map, opacity: 0.5).ToArray<float>();
        // Layout [channel][row][col]. Peak: heat white, a = 0.5 → 0.5·100 + 0.5·255 = 177.5 in each channel.
        // Half: heat (1, 0.5, 0)·255, a = 0.25 → R 0.75·100 + 0.25·255 = 138.75, G 0.75·100 + 0.25·127.5 = 106.875, B 75.
        float[] expected = [177.5f, 138.75f, 100, 100, 177.5f, 106.875f, 100, 100, 177.5f, 75, 100, 100];
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], rgb[i], 3);
    }

    [Fact]
    public void Heat_alone_normalises_each_map_and_a_zero_map_is_black()
    {
        using var scope = torch.NewDisposeScope();
        var maps = torch.tensor(new float[] { 2, 1, 0, 0, 0, 0 }, [2, 1, 3]);
        var rgb = HeatOverlay.Heat(maps);
        Assert.Equal([2L, 3, 1, 3], rgb.shape);
        // Item 0: m = 1, 0.5, 0 → R 255, 255, 0; G 255, 127.5, 0; B 255, 0, 0. Item 1: all zero.
        Assert.Equal(new float[] { 255, 255, 0, 255, 127.5f, 0, 255, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, rgb.ToArray<float>());
        Assert.Throws<ArgumentException>(() => HeatOverlay.Render(new ImageBatch(torch.zeros(1, 3, 2, 2), Preprocess.WithMean(Mean)), maps));
    }
}
