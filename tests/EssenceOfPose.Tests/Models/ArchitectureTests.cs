using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Models;

public class ArchitectureTests
{
    [Fact]
    public void PoseNet_has_the_prototxt_parameters()
    {
        using var net = new PoseNet();
        var p = net.named_parameters().ToDictionary(x => x.name, x => x.parameter.shape);
        Assert.Equal(
            ["conv1.weight", "conv1.bias", "conv2.weight", "conv2.bias", "conv3.weight", "conv3.bias", "conv4.weight", "conv4.bias",
             "fc5.weight", "fc5.bias", "fc6.weight", "fc6.bias", "common_fc.weight", "common_fc.bias", "pose_fc.weight", "pose_fc.bias",
             "ptch_fc.weight", "ptch_fc.bias"],
            p.Keys.OrderBy(Order).ToArray());
        Assert.Equal([20L, 3, 7, 7], p["conv1.weight"]);
        Assert.Equal([160L, 80, 4, 4], p["conv4.weight"]);
        Assert.Equal([500L, 640], p["fc5.weight"]);
        Assert.Equal([512L, 1000], p["common_fc.weight"]);
        Assert.Equal([6L, 512], p["pose_fc.weight"]);
        Assert.Equal([2L, 512], p["ptch_fc.weight"]);
        // 2,960 + 20,040 + 51,280 + 204,960 + 320,500 + 250,500 + 512,512 + 3,078 + 1,026, by hand from the layer table.
        Assert.Equal(1_366_856L, net.parameters().Sum(t => t.numel()));
    }

    static int Order(string name) => Array.IndexOf(["conv1", "conv2", "conv3", "conv4", "fc5", "fc6", "common_fc", "pose_fc", "ptch_fc"], name.Split('.')[0]) * 2 + (name.EndsWith("bias") ? 1 : 0);

    [Theory]
    [InlineData("conv1", new long[] { 2, 20, 95, 95 })]
    [InlineData("conv1:pre", new long[] { 2, 20, 95, 95 })]
    [InlineData("pool1", new long[] { 2, 20, 48, 48 })]
    [InlineData("conv2", new long[] { 2, 40, 48, 48 })]
    [InlineData("pool2", new long[] { 2, 40, 24, 24 })]
    [InlineData("conv3", new long[] { 2, 80, 21, 21 })]
    [InlineData("pool3", new long[] { 2, 80, 11, 11 })]
    [InlineData("conv4", new long[] { 2, 160, 4, 4 })]
    [InlineData("pool4", new long[] { 2, 160, 2, 2 })]
    [InlineData("fc5", new long[] { 2, 500 })]
    [InlineData("fc6", new long[] { 2, 500 })]
    public void PoseNet_taps_have_the_blob_shapes_of_FACTS(string tap, long[] shape)
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var x = torch.randn([2, 3, 101, 101], generator: new Generator(1));
        Assert.Equal(shape, net.Tap(x, tap).shape);
    }

    [Fact]
    public void Post_activation_taps_are_the_relu_of_pre_taps()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var x = torch.randn([1, 3, 101, 101], generator: new Generator(2)) * 50.0;
        var pre = net.Tap(x, "fc5:pre");
        var post = net.Tap(x, "fc5");
        Assert.True(pre.lt(0).any().ToDouble() > 0, "some fc5 units should be negative before the ReLU");
        Assert.Equal(F.relu(pre).ToArray<float>(), post.ToArray<float>());
        Assert.Throws<ArgumentException>(() => net.Tap(x, "pool1:pre"));
        var ex = Assert.Throws<ArgumentException>(() => net.Tap(x, "fc7"));
        Assert.Contains("conv1, pool1", ex.Message);
    }

    [Fact]
    public void Siamese_heads_share_the_tower_and_give_pose_and_logits()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet(poseOutputs: 7);
        var a = torch.randn([3, 3, 101, 101], generator: new Generator(3));
        var b = torch.randn([3, 3, 101, 101], generator: new Generator(4));
        var (pose, logits) = net.forward(a, b);
        Assert.Equal([3L, 7], pose.shape);
        Assert.Equal([3L, 2], logits.shape);
        Assert.Equal([3L, 512], net.Common(a, b).shape);
        // The shared tower: swapping the pair swaps the halves of concat_fc6, so common_fc changes
        // unless the images are equal; with equal images it is the same either way.
        Assert.Equal(net.Common(a, a).ToArray<float>(), net.Common(a, a).ToArray<float>());
        Assert.NotEqual(net.Common(a, b).ToArray<float>(), net.Common(b, a).ToArray<float>());
    }

    [Fact]
    public void SmallNet_v5_shapes_follow_its_prototxt()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new SmallNetV5();
        var x = torch.randn([1, 3, 101, 101], generator: new Generator(5));
        Assert.Equal([1L, 96, 32, 32], net.Tap(x, "conv1").shape);
        Assert.Equal([1L, 96, 16, 16], net.Tap(x, "norm1").shape);
        Assert.Equal([1L, 128, 8, 8], net.Tap(x, "norm2").shape);
        Assert.Equal([1L, 64, 10, 10], net.Tap(x, "conv4").shape);
        Assert.Equal([1L, 64, 5, 5], net.Tap(x, "pool4").shape);
        Assert.Equal([1L, 512], net.Tap(x, "fc5").shape);
        var p = net.named_parameters().ToDictionary(x => x.name, x => x.parameter.shape);
        Assert.Equal([128L, 48, 5, 5], p["conv2.weight"]);
        Assert.Equal([512L], p["relu5.weight"]);
        Assert.Equal([512L], p["relu_common.weight"]);
        Assert.Equal([512L, 1024], p["common_fc.weight"]);
    }
}
