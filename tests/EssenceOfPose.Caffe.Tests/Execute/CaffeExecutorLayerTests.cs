using static EssenceOfPose.Caffe.Tests.ExecutorHarness;

namespace EssenceOfPose.Caffe.Tests;

/// <summary>Each layer type of the executor against Caffe's definition: naive loops on random inputs, or values worked out by hand.</summary>
public class CaffeExecutorLayerTests
{
    static string Input(params int[] shape) => $"input: \"x\" input_shape {{ {string.Join(" ", shape.Select(d => $"dim: {d}"))} }}\n";

    [Theory]
    [InlineData("num_output: 6 kernel_size: 3")]
    [InlineData("num_output: 6 kernel_h: 3 kernel_w: 2 stride_h: 2 stride_w: 1 pad_h: 1 pad_w: 2")]
    [InlineData("num_output: 6 kernel_size: 3 group: 2 pad: 1 stride: 2")]
    [InlineData("num_output: 4 kernel_size: 2 dilation: 2 pad: 1 bias_term: false")]
    [InlineData("num_output: 8 kernel_size: 5 pad: 2 group: 4 dilation: 1 stride: 3")]
    public void Convolution_matches_a_direct_loop(string settings)
    {
        using var scope = torch.NewDisposeScope();
        var (net, model, executor) = Build(Input(2, 4, 9, 8) +
            $"layer {{ name: \"conv\" type: \"Convolution\" bottom: \"x\" top: \"y\" convolution_param {{ {settings} }} }}");
        using (executor)
        {
            var x = Nd.Random(new Random(3), 2, 4, 9, 8);
            var c = (ConvolutionParameter)net.Layer("conv")!.Parameters!;
            var bias = c.BiasTerm ? Blob(model, "conv", 1).Data : null;
            var expected = NaiveCaffe.Convolution(x, Blob(model, "conv", 0), bias, c);
            Near(expected, executor.Forward(Tensor(x), "y"));
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    [InlineData(-1, false)]
    public void InnerProduct_flattens_from_its_axis(int axis, bool transpose)
    {
        using var scope = torch.NewDisposeScope();
        var (net, model, executor) = Build(Input(2, 3, 4, 5) +
            $"layer {{ name: \"ip\" type: \"InnerProduct\" bottom: \"x\" top: \"y\" inner_product_param {{ num_output: 7 axis: {axis} transpose: {(transpose ? "true" : "false")} }} }}");
        using (executor)
        {
            var x = Nd.Random(new Random(4), 2, 3, 4, 5);
            var canonical = axis < 0 ? axis + 4 : axis;
            var inputs = x.Shape.Skip(canonical).Aggregate(1, (a, d) => a * d);
            var w = Blob(model, "ip", 0).Data;
            // Caffe's transposed weight is inputs × outputs; read it as outputs × inputs for the loop.
            var outByIn = transpose ? Enumerable.Range(0, 7 * inputs).Select(i => w[(i % inputs) * 7 + i / inputs]).ToArray() : w;
            var expected = NaiveCaffe.InnerProduct(x, canonical, outByIn, Blob(model, "ip", 1).Data, 7);
            Near(expected, executor.Forward(Tensor(x), "y"));
        }
    }

    [Theory]
    [InlineData("pool: MAX kernel_size: 3 stride: 2")]
    [InlineData("pool: AVE kernel_size: 3 stride: 2")]
    [InlineData("pool: MAX kernel_size: 3 stride: 2 pad: 1")]
    [InlineData("pool: AVE kernel_size: 3 stride: 2 pad: 1")]
    [InlineData("pool: AVE kernel_h: 4 kernel_w: 2 stride_h: 3 stride_w: 2 pad_h: 2 pad_w: 1")]
    [InlineData("pool: MAX kernel_h: 4 kernel_w: 2 stride_h: 3 stride_w: 2 pad_h: 2 pad_w: 1")]
    [InlineData("pool: AVE kernel_size: 3 stride: 3")]
    [InlineData("pool: MAX kernel_size: 2 stride: 3")]
    [InlineData("pool: MAX global_pooling: true")]
    [InlineData("pool: AVE global_pooling: true")]
    public void Pooling_matches_caffes_loops(string settings)
    {
        using var scope = torch.NewDisposeScope();
        var (net, _, executor) = Build(Input(2, 3, 10, 9) +
            $"layer {{ name: \"pool\" type: \"Pooling\" bottom: \"x\" top: \"y\" pooling_param {{ {settings} }} }}");
        using (executor)
        {
            var x = Nd.Random(new Random(5), 2, 3, 10, 9);
            var expected = NaiveCaffe.Pooling(x, (PoolingParameter)net.Layer("pool")!.Parameters!);
            Near(expected, executor.Forward(Tensor(x), "y"));
        }
    }

    [Theory]
    [InlineData("local_size: 5 alpha: 0.0001 beta: 0.75")]
    [InlineData("local_size: 3 alpha: 2 beta: 0.5 k: 2")]
    [InlineData("local_size: 3 alpha: 2 beta: 0.75 norm_region: WITHIN_CHANNEL")]
    [InlineData("local_size: 5 alpha: 0.5 beta: 1.5 k: 3 norm_region: WITHIN_CHANNEL")]
    public void LRN_matches_caffes_loops(string settings)
    {
        using var scope = torch.NewDisposeScope();
        var (net, _, executor) = Build(Input(2, 7, 6, 5) +
            $"layer {{ name: \"norm\" type: \"LRN\" bottom: \"x\" top: \"y\" lrn_param {{ {settings} }} }}");
        using (executor)
        {
            var x = new Nd([2, 7, 6, 5], Nd.Random(new Random(6), 2, 7, 6, 5).Data.Select(v => v * 3).ToArray());
            var p = (LrnParameter)net.Layer("norm")!.Parameters!;
            var expected = p.NormRegion == LrnNormRegion.AcrossChannels ? NaiveCaffe.LrnAcrossChannels(x, p) : NaiveCaffe.LrnWithinChannel(x, p);
            Near(expected, executor.Forward(Tensor(x), "y"));
        }
    }

    [Fact]
    public void ReLU_with_a_negative_slope_scales_only_negative_values()
    {
        using var scope = torch.NewDisposeScope();
        var (_, _, executor) = Build(Input(1, 5) +
            "layer { name: \"leaky\" type: \"ReLU\" bottom: \"x\" top: \"y\" relu_param { negative_slope: 0.1 } }\n" +
            "layer { name: \"plain\" type: \"ReLU\" bottom: \"x\" top: \"z\" }");
        using (executor)
        {
            var x = Tensor([-2f, -0.5f, 0f, 0.25f, 3f], 1, 5);
            var y = executor.Forward(new Dictionary<string, Tensor> { ["x"] = x }, "y", "z");
            Near([-0.2, -0.05, 0, 0.25, 3], y["y"]);
            Near([0, 0, 0, 0.25, 3], y["z"]);
        }
    }

    [Fact]
    public void PReLU_has_a_slope_per_channel_or_one_shared()
    {
        using var scope = torch.NewDisposeScope();
        var net = CaffeNet.Parse(Input(1, 2, 1, 2) +
            "layer { name: \"per\" type: \"PReLU\" bottom: \"x\" top: \"y\" }\n" +
            "layer { name: \"shared\" type: \"PReLU\" bottom: \"x\" top: \"z\" prelu_param { channel_shared: true } }", "test.prototxt");
        var model = new CaffeModel("m",
        [
            new("per", "PReLU", [], [], [], [new CaffeBlob([2], [0.5f, 0.25f])]),
            new("shared", "PReLU", [], [], [], [new CaffeBlob([], [0.1f])]),
        ], CaffeLayerForm.Layer, "m.caffemodel");
        using var executor = CaffeExecutor.Load(net, model);
        var x = Tensor([-4f, 2f, -8f, -1f], 1, 2, 1, 2);
        var y = executor.Forward(new Dictionary<string, Tensor> { ["x"] = x }, "y", "z");
        Near([-2, 2, -2, -0.25], y["y"]);
        Near([-0.4, 2, -0.8, -0.1], y["z"]);
    }

    [Fact]
    public void Concat_and_Slice_move_values_along_their_axis()
    {
        using var scope = torch.NewDisposeScope();
        var (_, _, executor) = Build(Input(1, 3, 1, 2) +
            "layer { name: \"cut\" type: \"Slice\" bottom: \"x\" top: \"a\" top: \"b\" slice_param { axis: 1 slice_point: 1 } }\n" +
            "layer { name: \"halves\" type: \"Slice\" bottom: \"x\" top: \"left\" top: \"right\" slice_param { axis: -1 } }\n" +
            "layer { name: \"swap\" type: \"Concat\" bottom: \"b\" bottom: \"a\" top: \"c\" }\n" +
            "layer { name: \"wide\" type: \"Concat\" bottom: \"right\" bottom: \"left\" top: \"d\" concat_param { axis: 3 } }");
        using (executor)
        {
            var x = Tensor([1f, 2f, 3f, 4f, 5f, 6f], 1, 3, 1, 2);
            var y = executor.Forward(new Dictionary<string, Tensor> { ["x"] = x }, "a", "b", "left", "c", "d");
            Assert.Equal([1L, 1, 1, 2], y["a"].shape);
            Near([1, 2], y["a"]);
            Near([3, 4, 5, 6], y["b"]);
            Near([1, 3, 5], y["left"]);
            Near([3, 4, 5, 6, 1, 2], y["c"]);
            Near([2, 1, 4, 3, 6, 5], y["d"]);
        }
    }

    [Fact]
    public void Dropout_is_the_identity_and_Softmax_normalises_its_axis()
    {
        using var scope = torch.NewDisposeScope();
        var (_, _, executor) = Build(Input(2, 2, 1, 3) +
            "layer { name: \"drop\" type: \"Dropout\" bottom: \"x\" top: \"x\" dropout_param { dropout_ratio: 0.9 } }\n" +
            "layer { name: \"prob\" type: \"Softmax\" bottom: \"x\" top: \"p\" }\n" +
            "layer { name: \"last\" type: \"Softmax\" bottom: \"x\" top: \"q\" softmax_param { axis: -1 } }");
        using (executor)
        {
            var x = Nd.Random(new Random(8), 2, 2, 1, 3);
            var y = executor.Forward(new Dictionary<string, Tensor> { ["x"] = Tensor(x) }, "x", "p", "q");
            Near(x, y["x"]);
            Near(NaiveCaffe.Softmax(x, 1), y["p"]);
            Near(NaiveCaffe.Softmax(x, 3), y["q"]);
        }
        // By hand: channels 0 and ln 3 share the mass 1 : 3.
        var (_, _, two) = Build(Input(1, 2) + "layer { name: \"prob\" type: \"Softmax\" bottom: \"x\" top: \"p\" }");
        using (two)
            Near([0.25, 0.75], two.Forward(Tensor([0f, (float)Math.Log(3)], 1, 2), "p"));
    }

    [Fact]
    public void In_place_layers_overwrite_their_blob_and_outputs_are_the_unread_blobs()
    {
        using var scope = torch.NewDisposeScope();
        var net = CaffeNet.Parse(Input(1, 1, 1, 3) +
            "layer { name: \"scale\" type: \"Convolution\" bottom: \"x\" top: \"h\" convolution_param { num_output: 1 kernel_size: 1 } }\n" +
            "layer { name: \"relu\" type: \"ReLU\" bottom: \"h\" top: \"h\" }\n" +
            "layer { name: \"copy\" type: \"Dropout\" bottom: \"h\" top: \"out\" }", "test.prototxt");
        var model = new CaffeModel("m", [new("scale", "Convolution", [], [], [], [new CaffeBlob([1, 1, 1, 1], [2f]), new CaffeBlob([1], [-1f])])],
            CaffeLayerForm.Layer, "m.caffemodel");
        using var executor = CaffeExecutor.Load(net, model);
        Assert.Equal(["x", "h", "out"], executor.Blobs);
        Assert.Equal(["out"], executor.Outputs);
        var x = Tensor([-1f, 0.25f, 2f], 1, 1, 1, 3);
        // 2x − 1 = [−3, −0.5, 3]; the in-place ReLU leaves h = [0, 0, 3].
        Near([0, 0, 3], executor.Forward(x, "h"));
        var outputs = executor.Forward(new Dictionary<string, Tensor> { ["x"] = x });
        Assert.Equal(["out"], outputs.Keys);
        Near([0, 0, 3], outputs["out"]);
    }
}
