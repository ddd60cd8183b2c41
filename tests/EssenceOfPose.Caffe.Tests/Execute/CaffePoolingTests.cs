using static EssenceOfPose.Caffe.Tests.ExecutorHarness;

namespace EssenceOfPose.Caffe.Tests;

/// <summary>Caffe's pooling at the borders, worked out by hand: where it and PyTorch's defaults part ways.</summary>
public class CaffePoolingTests
{
    static Tensor Pool(string settings, Tensor x)
    {
        var shape = x.shape;
        var (_, _, executor) = Build(
            $"input: \"x\" input_shape {{ dim: {shape[0]} dim: {shape[1]} dim: {shape[2]} dim: {shape[3]} }}\n" +
            $"layer {{ name: \"pool\" type: \"Pooling\" bottom: \"x\" top: \"y\" pooling_param {{ {settings} }} }}");
        using (executor)
            return executor.Forward(x, "y");
    }

    /// <summary>The 4×4 image 1..16 in rows.</summary>
    static Tensor Ramp() => Tensor(Enumerable.Range(1, 16).Select(v => (float)v).ToArray(), 1, 1, 4, 4);

    [Fact]
    public void AVE_divides_by_the_window_clipped_to_the_padded_image()
    {
        using var scope = torch.NewDisposeScope();
        // kernel 3, stride 2, pad 1 on 4 pixels: 3 windows per axis, starting at −1, 1, 3. Clipped to the
        // padded image [−1, 5) they cover 3, 3 and 2 positions, of which image rows {0,1}, {1,2,3}, {3}.
        // So the corner output is 16 / (2·2) = 4, not 16 (image pixels only), and the first is
        // (1+2+5+6) / (3·3) = 14/9, not 14/4.
        var y = Pool("pool: AVE kernel_size: 3 stride: 2 pad: 1", Ramp());
        Assert.Equal([1L, 1, 3, 3], y.shape);
        Near([14 / 9.0, 30 / 9.0, 2, 57 / 9.0, 11, 6, 4.5, 7.5, 4], y);
    }

    [Fact]
    public void MAX_reads_only_image_pixels_of_the_same_windows()
    {
        using var scope = torch.NewDisposeScope();
        var y = Pool("pool: MAX kernel_size: 3 stride: 2 pad: 1", Ramp());
        Near([6, 8, 8, 14, 16, 16, 14, 16, 16], y);
    }

    [Fact]
    public void A_last_window_starting_in_the_padding_is_dropped()
    {
        using var scope = torch.NewDisposeScope();
        // 3 pixels, kernel 2, stride 2, pad 1: ceil((3 + 2 − 2) / 2) + 1 = 3 windows, but the third would
        // start at 2·2 − 1 = 3, past the last pixel, so Caffe keeps 2: rows {0} and {1, 2}, 2 positions each.
        var x = Tensor([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f], 1, 1, 3, 3);
        var ave = Pool("pool: AVE kernel_size: 2 stride: 2 pad: 1", x);
        Assert.Equal([1L, 1, 2, 2], ave.shape);
        Near([1 / 4.0, 5 / 4.0, 11 / 4.0, 28 / 4.0], ave);
        Near([1, 3, 7, 9], Pool("pool: MAX kernel_size: 2 stride: 2 pad: 1", x));
    }

    [Fact]
    public void Without_padding_a_window_past_the_image_is_kept_as_Caffe_keeps_it()
    {
        using var scope = torch.NewDisposeScope();
        // 5 pixels, kernel 1, stride 3: ceil(4 / 3) + 1 = 3 windows at 0, 3, 6; no padding, so none is
        // dropped (PyTorch's ceil mode gives 2). The third holds no pixel: MAX leaves Caffe's start
        // value −FLT_MAX, AVE divides a zero sum by its count min(6 + 1, 5) − 6 = −1.
        var x = Tensor([1f, 2f, 3f, 4f, 5f], 1, 1, 1, 5);
        var max = Pool("pool: MAX kernel_size: 1 stride: 3", x);
        Assert.Equal([1L, 1, 1, 3], max.shape);
        Assert.Equal([1f, 4f, float.MinValue], max.ToArray<float>());
        var ave = Pool("pool: AVE kernel_size: 1 stride: 3", x).ToArray<float>();
        Assert.Equal([1f, 4f, 0f], ave);
        Assert.True(float.IsNegative(ave[2]), "0 / −1 is −0 in Caffe");
    }

    [Fact]
    public void Global_pooling_takes_the_whole_map()
    {
        using var scope = torch.NewDisposeScope();
        Near([8.5], Pool("pool: AVE global_pooling: true", Ramp()));
        Near([16], Pool("pool: MAX global_pooling: true", Ramp()));
    }
}
