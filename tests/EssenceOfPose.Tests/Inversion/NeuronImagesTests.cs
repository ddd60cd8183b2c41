using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Inversion;

public class NeuronImagesTests
{
    [Fact]
    public void Each_image_drives_its_own_unit_up()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        var units = NeuronImages.Units(net, "fc5:pre", [0, 3, 5], TinySiamese.Size).Concat(NeuronImages.Units(net, "conv2:pre", [1], TinySiamese.Size)).ToArray();
        Assert.Equal(new[] { "fc5:pre[0]", "fc5:pre[3]", "fc5:pre[5]", "conv2:pre[1]@(2,2)" }, units.Select(u => u.ToString()).ToArray());
        var set = NeuronImages.Render(net, units, MahendranVedaldi.Quick with { Steps = 15 }, TinySiamese.Size, new Generator(3));
        Assert.Equal(new long[] { 4, 3, 16, 16 }, set.Images.shape);
        Assert.Equal(units.Select(u => u.ToString()), set.Names);
        Assert.Single(set.Options.Phases);
        Assert.Equal(2, set.Options.TapStride);
        // The first term is the units' loss (−activation) at the start, per image.
        var start = set.Render.History[0][0];
        for (var i = 0; i < units.Length; i++)
            Assert.True(set.Activations[i] > -start[i], $"{set.Names[i]}: {-start[i]} → {set.Activations[i]}");
    }

    [Fact]
    public void Unit_positions_default_to_the_centre_of_a_conv_blob()
    {
        using var net = new PoseNet();
        var u = NeuronImages.Units(net, "conv3", [5, 79]);
        Assert.Equal(new[] { "conv3[5]@(10,10)", "conv3[79]@(10,10)" }, u.Select(x => x.ToString()).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => NeuronImages.Units(net, "conv3", [80]));
    }

    [Fact]
    public void Tap_strides_are_measured_from_the_tower()
    {
        using var net = new PoseNet();
        Assert.Equal(1, TapGeometry.Stride(net, "conv1", 101));
        Assert.Equal(2, TapGeometry.Stride(net, "pool1", 101));
        Assert.Equal(8, TapGeometry.Stride(net, "conv4:pre", 101) / 2);
        Assert.Equal(32, TapGeometry.Stride(net, "fc5", 101));
        Assert.Equal(32, TapGeometry.Stride(net, "fc6", 101));
        using var tiny = new TinySiamese();
        Assert.Equal(2, TapGeometry.Stride(tiny, "fc5", TinySiamese.Size));
        Assert.Throws<ArgumentException>(() => TapGeometry.Stride(net, "conv9", 101));
    }
}
