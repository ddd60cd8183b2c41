using EssenceOfPose.Torch;
using EssenceOfPose.Torch.NN;
using static EssenceOfPose.Torch.Tests.Approx;

namespace EssenceOfPose.Torch.Tests;

/// <summary>Each layer's parameters, shapes, defaults and forward, against the functional op it wraps.</summary>
public class LayerTests
{
    static Tensor Input(int seed, params long[] shape) =>
        torch.tensor(GradCheck.Random((int)shape.Aggregate(1L, (a, b) => a * b), seed).Select(v => (float)v).ToArray(), shape);

    [Fact]
    public void Conv2d_shapes_defaults_and_padding_modes()
    {
        using var scope = torch.NewDisposeScope();
        using var conv = new Conv2d(4, 6, [3, 5], stride: [2], padding: [1, 2], groups: 2);
        Assert.Equal(new long[] { 6, 2, 3, 5 }, conv.weight.shape);
        Assert.Equal(new long[] { 6 }, conv.bias!.shape);
        Assert.Equal(new long[] { 2, 2 }, conv.stride);
        var x = Input(1, 1, 4, 7, 9);
        Assert.Equal(F.conv2d(x, conv.weight, conv.bias, [2], [1, 2], groups: 2).ToArray<float>(), conv.call(x).ToArray<float>());

        using var reflect = new Conv2d(1, 1, 3, padding: 1, bias: false, padding_mode: "reflect");
        Assert.Null(reflect.bias);
        Assert.Equal(new[] { "weight" }, reflect.named_parameters().Select(p => p.name));
        var img = Input(2, 1, 1, 4, 4);
        var expected = F.conv2d(F.pad(img, [1, 1, 1, 1], "reflect"), reflect.weight);
        Assert.Equal(expected.ToArray<float>(), reflect.call(img).ToArray<float>());
        Assert.NotEqual(F.conv2d(img, reflect.weight, padding: [1]).ToArray<float>(), reflect.call(img).ToArray<float>());

        Assert.Throws<ArgumentException>(() => new Conv2d(3, 4, 3, groups: 2));
        Assert.Throws<ArgumentException>(() => new Conv2d(4, 4, 3, padding_mode: "mirror"));
    }

    [Fact]
    public void ConvTranspose2d_output_size_with_output_padding()
    {
        using var scope = torch.NewDisposeScope();
        using var up = new ConvTranspose2d(4, 6, 3, stride: 2, padding: 1, output_padding: 1, groups: 2);
        Assert.Equal(new long[] { 4, 3, 3, 3 }, up.weight.shape);
        var x = Input(3, 2, 4, 5, 7);
        var y = up.call(x);
        Assert.Equal(new long[] { 2, 6, 10, 14 }, y.shape); // (in − 1) · 2 − 2 + 3 + 1
        Assert.Equal(F.conv_transpose2d(x, up.weight, up.bias, [2], [1], [1], 2).ToArray<float>(), y.ToArray<float>());
    }

    [Fact]
    public void Linear_forward_and_shapes()
    {
        using var scope = torch.NewDisposeScope();
        using var fc = new Linear(3, 2);
        Assert.Equal(new long[] { 2, 3 }, fc.weight.shape);
        var x = Input(4, 5, 3);
        Assert.Equal(new long[] { 5, 2 }, fc.call(x).shape);
        Assert.Equal((x.matmul(Transpose(fc.weight)) + fc.bias!).ToArray<float>(), fc.call(x).ToArray<float>());

        static Tensor Transpose(Tensor w)
        {
            var v = w.ToArray<float>();
            return torch.tensor(new[] { v[0], v[3], v[1], v[4], v[2], v[5] }, 3, 2);
        }
    }

    [Fact]
    public void BatchNorm_starts_at_identity_statistics_and_tracks_them()
    {
        using var scope = torch.NewDisposeScope();
        using var bn = new BatchNorm2d(2, momentum: 0.5);
        Assert.Equal(new float[] { 1, 1 }, bn.weight!.ToArray<float>());
        Assert.Equal(new float[] { 0, 0 }, bn.bias!.ToArray<float>());
        Assert.Equal(new float[] { 0, 0 }, bn.running_mean!.ToArray<float>());
        Assert.Equal(new float[] { 1, 1 }, bn.running_var!.ToArray<float>());
        Assert.Equal(Array.Empty<long>(), bn.num_batches_tracked!.shape);

        // Channel 0 is constant 4, channel 1 constant 8: batch variance 0.
        var x = torch.tensor(new float[] { 4, 4, 8, 8, 4, 4, 8, 8 }, 2, 2, 1, 2);
        bn.call(x);
        Equal([2, 4], bn.running_mean, 1e-6);
        Equal([0.5, 0.5], bn.running_var, 1e-6);
        Assert.Throws<ArgumentException>(() => bn.call(torch.tensor(new float[] { 1, 2 }, 1, 2)));

        // momentum null: the running mean is the plain average of every batch so far.
        using var cumulative = new BatchNorm1d(1, momentum: null);
        cumulative.call(torch.tensor(new float[] { 1, 3 }, 2, 1));
        cumulative.call(torch.tensor(new float[] { 5, 7 }, 2, 1));
        cumulative.call(torch.tensor(new float[] { 0, 0 }, 2, 1));
        Equal((2 + 6 + 0) / 3.0, cumulative.running_mean!, 1e-6);
        Assert.Equal(3, cumulative.num_batches_tracked!.item_long());

        using var plain = new BatchNorm1d(2, affine: false, track_running_stats: false);
        Assert.Empty(plain.parameters());
        Assert.Empty(plain.buffers());
        plain.eval(); // no running statistics: batch statistics even in eval mode
        Equal([-1, -1, 1, 1], plain.call(torch.tensor(new float[] { 0, 10, 2, 30 }, 2, 2)), 1e-4);
    }

    [Fact]
    public void Activation_dropout_lrn_and_flatten_layers_wrap_their_functions()
    {
        using var scope = torch.NewDisposeScope();
        var x = Input(5, 2, 3, 2, 2);
        using var relu = new ReLU();
        using var leaky = new LeakyReLU(0.2);
        using var lrn = new LocalResponseNorm(3, alpha: 0.5, beta: 0.75, k: 2);
        using var flatten = new Flatten();
        Assert.Equal(F.relu(x).ToArray<float>(), relu.call(x).ToArray<float>());
        Assert.Equal(F.leaky_relu(x, 0.2).ToArray<float>(), leaky.call(x).ToArray<float>());
        Assert.Equal(F.local_response_norm(x, 3, 0.5, 0.75, 2).ToArray<float>(), lrn.call(x).ToArray<float>());
        Assert.Equal(new long[] { 2, 12 }, flatten.call(x).shape);
        Assert.Equal(new long[] { 2, 3, 4 }, new Flatten(2).call(x).shape);
        Assert.Empty(relu.parameters());

        using var prelu = new PReLU(3);
        Assert.Equal(new float[] { 0.25f, 0.25f, 0.25f }, prelu.weight.ToArray<float>());
        Assert.Equal(F.leaky_relu(x, 0.25).ToArray<float>(), prelu.call(x).ToArray<float>());
        using var shared = new PReLU(init: 0.1);
        Assert.Equal(new long[] { 1 }, shared.weight.shape);

        using var dropout = new Dropout(0.3);
        Assert.Equal(0.3, dropout.p);
        dropout.eval();
        Assert.Equal(x.ToArray<float>(), dropout.call(x).ToArray<float>());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(-0.1));
    }

    [Fact]
    public void Sequential_runs_children_in_order_and_appends()
    {
        using var scope = torch.NewDisposeScope();
        using var seq = new Sequential().append(new LeakyReLU(0.5)).append(new LeakyReLU(0.5));
        Assert.Equal(2, seq.Count);
        Assert.Equal(new[] { "0", "1" }, seq.named_children().Select(c => c.name));
        Equal([-0.25, 1], seq.call(torch.tensor(new float[] { -1, 1 }, 2)));
        using var empty = new Sequential();
        var x = torch.tensor(new float[] { 3 }, 1);
        Assert.Same(x, empty.call(x));
    }
}
