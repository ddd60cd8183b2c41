namespace EssenceOfPose.Caffe.Tests;

public class CaffeShapesTests
{
    // Caffe's arithmetic written out independently of the code under test.
    static int Conv(int size, int kernel, int stride = 1, int pad = 0) => (size + 2 * pad - kernel) / stride + 1;

    static int Pool(int size, int kernel, int stride) => (size - kernel + stride - 1) / stride + 1;

    static CaffeNet Fixture(string name) => CaffeNet.Load(CaffeFixtures.Path(name));

    static Dictionary<string, int[]> Shapes(params (string Name, int[] Shape)[] entries) => entries.ToDictionary(e => e.Name, e => e.Shape);

    [Fact]
    public void PoseNet_at_101_gives_the_table_of_FACTS()
    {
        var table = CaffeShapes.Infer(Fixture("pose-l1-torch7-deploy.prototxt"));
        var expected = new (string Blob, int[] Shape)[]
        {
            ("data", [1, 3, 101, 101]),
            ("conv1", [1, 20, 95, 95]), ("pool1", [1, 20, 48, 48]),
            ("conv2", [1, 40, 48, 48]), ("pool2", [1, 40, 24, 24]),
            ("conv3", [1, 80, 21, 21]), ("pool3", [1, 80, 11, 11]),
            ("conv4", [1, 160, 4, 4]), ("pool4", [1, 160, 2, 2]),
            ("fc5", [1, 500]), ("fc6", [1, 500]),
        };
        Assert.Equal(expected.Select(e => e.Blob), table.Blobs.Select(b => b.Name));
        foreach (var (blob, shape) in expected)
            Assert.Equal(shape, table[blob]);
        Assert.Equal([[20, 3, 7, 7], [20]], table.Layer("conv1").Parameters);
        Assert.Equal([[160, 80, 4, 4], [160]], table.Layer("conv4").Parameters);
        Assert.Equal([[500, 640], [500]], table.Layer("fc5").Parameters);
        Assert.Equal([[1, 500]], table.Layer("relu6").Tops);
        Assert.Contains("pool1            Pooling       1×20×48×48", table.ToString());
    }

    [Fact]
    public void Pose_siamese_needs_explicit_inputs_and_gives_concat_1000_and_common_fc_512()
    {
        var net = Fixture("pose_amir_window_siamese.prototxt");
        var missing = Assert.Throws<CaffeFormatException>(() => CaffeShapes.Infer(net));
        Assert.Contains("no shape for input(s) data, data_p", missing.Message);

        var table = CaffeShapes.Infer(net, Shapes(("data", [1, 3, 101, 101]), ("data_p", [1, 3, 101, 101])));
        Assert.Equal([1, 20, 48, 48], table["pool1_p"]);
        Assert.Equal([1, 160, 2, 2], table["pool4_p"]);
        Assert.Equal([1, 500], table["fc6_p"]);
        Assert.Equal([1, 1000], table["concat_fc6"]);
        Assert.Equal([1, 512], table["common_fc"]);
        Assert.Equal([[512, 1000], [512]], table.Layer("common_fc").Parameters);
        Assert.Equal(table.Layer("conv2").Parameters, table.Layer("conv2_p").Parameters);
    }

    [Fact]
    public void Smallnet_training_net_slices_six_channels_into_two_towers_and_matches_hand_arithmetic()
    {
        var net = CaffeNet.Merge(
            Fixture("pose_layers.prototxt"),
            Fixture("smallnet-v5_window_siamese_fc5.prototxt"),
            Fixture("pose_loss_l1_layers.prototxt"),
            Fixture("ptch_loss_layers.prototxt"));
        var table = CaffeShapes.Infer(net, Shapes(("pair_data", [2, 6, 101, 101])));

        var c1 = Conv(101, 7, stride: 3);
        var p1 = Pool(c1, 3, 2);
        var c2 = Conv(p1, 5, pad: 2);
        var p2 = Pool(c2, 3, 2);
        var c3 = Conv(p2, 3, pad: 1);
        var c4 = Conv(c3, 1, pad: 1);
        var p4 = Pool(c4, 3, 2);
        Assert.Equal((32, 16, 16, 8, 8, 10, 5), (c1, p1, c2, p2, c3, c4, p4));

        foreach (var suffix in new[] { "", "_p" })
        {
            Assert.Equal([2, 3, 101, 101], table["data" + suffix]);
            Assert.Equal([2, 96, c1, c1], table["conv1" + suffix]);
            Assert.Equal([2, 96, p1, p1], table["pool1" + suffix]);
            Assert.Equal([2, 96, p1, p1], table["norm1" + suffix]);
            Assert.Equal([2, 128, c2, c2], table["conv2" + suffix]);
            Assert.Equal([2, 128, p2, p2], table["norm2" + suffix]);
            Assert.Equal([2, 256, c3, c3], table["conv3" + suffix]);
            Assert.Equal([2, 64, c4, c4], table["conv4" + suffix]);
            Assert.Equal([2, 64, p4, p4], table["pool4" + suffix]);
            Assert.Equal([2, 512], table["fc5" + suffix]);
        }
        Assert.Equal([[2, 3, 101, 101], [2, 3, 101, 101]], table.Layer("slice_pair").Tops);
        Assert.Equal([2, 1024], table["concat_fc5"]);
        Assert.Equal([2, 512], table["common_fc"]);
        Assert.Equal([2, 4], table["pose_fc"]);
        Assert.Equal([2, 2], table["ptch_fc"]);
        Assert.Equal([[128, 96 / 2, 5, 5], [128]], table.Layer("conv2").Parameters);
        Assert.Equal([[512, 64 * p4 * p4], [512]], table.Layer("fc5").Parameters);
        Assert.Equal([[512]], table.Layer("relu5").Parameters);
        Assert.Equal([[512]], table.Layer("relu_common").Parameters);
        Assert.Equal(["pose_loss", "ptch_loss", "accuracy"], table.Deploy.Skipped.Select(s => s.Name));
    }

    [Fact]
    public void Smallnet_deploy_header_at_227_with_batch_10()
    {
        var table = CaffeShapes.Infer(Fixture("smallnet-v5_window_siamese_fc5_deploy.prototxt"));
        var c1 = Conv(227, 7, stride: 3);
        var p1 = Pool(c1, 3, 2);
        var p2 = Pool(p1, 3, 2);
        var p4 = Pool(Conv(p2, 1, pad: 1), 3, 2);
        Assert.Equal([10, 96, c1, c1], table["conv1_p"]);
        Assert.Equal([10, 128, p2, p2], table["pool2"]);
        Assert.Equal([10, 64, p4, p4], table["pool4_p"]);
        Assert.Equal([10, 1024], table["concat_fc5"]);
    }

    [Fact]
    public void Input_shapes_override_the_header()
    {
        var table = CaffeShapes.Infer(Fixture("pose-l1-torch7-deploy.prototxt"), Shapes(("data", [4, 3, 64, 64])));
        Assert.Equal([4, 20, 29, 29], table["pool1"]);
        var e = Assert.Throws<CaffeFormatException>(() => CaffeShapes.Infer(Fixture("pose-l1-torch7-deploy.prototxt"), Shapes(("dat", [1, 3, 9, 9]))));
        Assert.Contains("shapes given for dat, which are not inputs of the deploy net (inputs: data)", e.Message);
    }

    [Fact]
    public void AlexNet_at_227_gives_its_well_known_sizes()
    {
        var table = CaffeShapes.Infer(Fixture("alexnet.prototxt"), Shapes(("data", [1, 3, 227, 227])));
        Assert.Equal([1, 96, 55, 55], table["conv1"]);
        Assert.Equal([1, 96, 27, 27], table["norm1"]);
        Assert.Equal([1, 256, 13, 13], table["norm2"]);
        Assert.Equal([1, 256, 13, 13], table["conv5"]);
        Assert.Equal([1, 256, 6, 6], table["pool5"]);
        Assert.Equal([1, 4096], table["fc7"]);
        Assert.Equal([[256, 48, 5, 5], [256]], table.Layer("conv2").Parameters);
        Assert.Equal([[4096, 9216], [4096]], table.Layer("fc6").Parameters);
    }

    static CaffeShapeTable One(string layer, params int[] input) =>
        CaffeShapes.Infer(CaffeNet.Parse($"input: \"x\"\n{layer}", "inline.prototxt"), Shapes(("x", input)));

    [Theory]
    [InlineData(5, 3, 2, 0, 2)]   // ceil((5-3)/2)+1
    [InlineData(6, 3, 2, 0, 3)]   // ceil mode: floor would give 2
    [InlineData(5, 3, 2, 1, 3)]   // padded, last window starts inside: kept
    [InlineData(5, 2, 2, 1, 3)]   // padded: ceil gives 4, but window 4 would start at 6 ≥ 5 + 1: dropped
    [InlineData(6, 2, 2, 1, 4)]   // padded: 4th window starts at 6 < 6 + 1: kept
    [InlineData(2, 3, 2, 0, 1)]   // kernel larger than the map still gives one window, as in Caffe
    public void Pooling_rounds_up_and_keeps_the_last_window_inside(int size, int kernel, int stride, int pad, int expected)
    {
        var table = One($"layer {{ name: \"p\" type: \"Pooling\" bottom: \"x\" top: \"y\" pooling_param {{ kernel_size: {kernel} stride: {stride} pad: {pad} }} }}", 1, 2, size, size);
        Assert.Equal([1, 2, expected, expected], table["y"]);
    }

    [Fact]
    public void Pooling_padding_rule_looks_at_either_pad_for_both_axes_like_caffe()
    {
        // Width: kernel 1, stride 3 on 5 gives windows at 0, 3, 6. Caffe trims the one at 6 only when some
        // padding is set, even if that padding is on the other axis.
        const string Layer = "layer {{ name: \"p\" type: \"Pooling\" bottom: \"x\" top: \"y\" pooling_param {{ kernel_h: 2 kernel_w: 1 stride: 3 pad_h: {0} pad_w: 0 }} }}";
        Assert.Equal([1, 1, 2, 2], One(string.Format(Layer, 1), 1, 1, 5, 5)["y"]);
        Assert.Equal([1, 1, 2, 3], One(string.Format(Layer, 0), 1, 1, 5, 5)["y"]);
    }

    [Fact]
    public void Global_pooling_covers_the_whole_map()
    {
        var table = One("layer { name: \"p\" type: \"Pooling\" bottom: \"x\" top: \"y\" pooling_param { pool: AVE global_pooling: true } }", 2, 7, 9, 11);
        Assert.Equal([2, 7, 1, 1], table["y"]);
    }

    [Fact]
    public void Convolution_handles_rectangles_dilation_and_groups()
    {
        var table = One("""
            layer { name: "c" type: "Convolution" bottom: "x" top: "y" convolution_param {
              num_output: 6 kernel_h: 3 kernel_w: 5 stride_h: 1 stride_w: 2 pad_h: 1 pad_w: 0 group: 3 } }
            layer { name: "d" type: "Convolution" bottom: "y" top: "z" convolution_param { num_output: 2 kernel_size: 3 dilation: 2 bias_term: false } }
            """, 1, 9, 10, 20);
        Assert.Equal([1, 6, Conv(10, 3, pad: 1), Conv(20, 5, stride: 2)], table["y"]);
        Assert.Equal([[6, 3, 3, 5], [6]], table.Layer("c").Parameters);
        // Dilation 2 makes a 3-tap kernel span 5 pixels.
        Assert.Equal([1, 2, Conv(10, 5), Conv(8, 5)], table["z"]);
        Assert.Equal([[2, 6, 3, 3]], table.Layer("d").Parameters);
    }

    [Fact]
    public void InnerProduct_flattens_from_its_axis_and_transposes_its_weight_on_request()
    {
        var table = One("""
            layer { name: "a" type: "InnerProduct" bottom: "x" top: "a" inner_product_param { num_output: 7 axis: 2 } }
            layer { name: "b" type: "InnerProduct" bottom: "x" top: "b" inner_product_param { num_output: 3 transpose: true bias_term: false } }
            layer { name: "c" type: "InnerProduct" bottom: "x" top: "c" inner_product_param { num_output: 2 axis: -1 } }
            """, 2, 3, 4, 5);
        Assert.Equal([2, 3, 7], table["a"]);
        Assert.Equal([[7, 20], [7]], table.Layer("a").Parameters);
        Assert.Equal([2, 3], table["b"]);
        Assert.Equal([[60, 3]], table.Layer("b").Parameters);
        Assert.Equal([2, 3, 4, 2], table["c"]);
    }

    [Fact]
    public void Slice_splits_by_points_or_evenly_and_concat_joins_on_any_axis()
    {
        var table = One("""
            layer { name: "s" type: "Slice" bottom: "x" top: "a" top: "b" top: "c" slice_param { axis: 1 slice_point: 1 slice_point: 4 } }
            layer { name: "e" type: "Slice" bottom: "x" top: "d" top: "f" slice_param { axis: -1 } }
            layer { name: "j" type: "Concat" bottom: "a" bottom: "c" top: "ac" }
            layer { name: "k" type: "Concat" bottom: "d" bottom: "f" bottom: "d" top: "w" concat_param { axis: 3 } }
            """, 1, 6, 2, 8);
        Assert.Equal([[1, 1, 2, 8], [1, 3, 2, 8], [1, 2, 2, 8]], table.Layer("s").Tops);
        Assert.Equal([[1, 6, 2, 4], [1, 6, 2, 4]], table.Layer("e").Tops);
        Assert.Equal([1, 3, 2, 8], table["ac"]);
        Assert.Equal([1, 6, 2, 12], table["w"]);
    }

    [Fact]
    public void In_place_layers_keep_one_blob_entry_and_prelu_shared_is_a_scalar()
    {
        var table = One("""
            layer { name: "r" type: "ReLU" bottom: "x" top: "x" }
            layer { name: "n" type: "LRN" bottom: "x" top: "x" }
            layer { name: "d" type: "Dropout" bottom: "x" top: "x" }
            layer { name: "p" type: "PReLU" bottom: "x" top: "x" prelu_param { channel_shared: true } }
            layer { name: "s" type: "Softmax" bottom: "x" top: "prob" }
            """, 1, 4, 3, 3);
        Assert.Equal(["x", "prob"], table.Blobs.Select(b => b.Name));
        Assert.Equal([[]], table.Layer("p").Parameters);
        Assert.Equal([1, 4, 3, 3], table["prob"]);
    }

    [Theory]
    [InlineData("layer { name: \"c\" type: \"Convolution\" bottom: \"x\" top: \"y\" convolution_param { num_output: 2 kernel_size: 9 } }",
        "inline.prototxt:2:7: layer 'c' (Convolution) on input 1×4×5×5: the height 5 (padded 5) is smaller than the kernel extent 9")]
    [InlineData("layer { name: \"c\" type: \"Convolution\" bottom: \"x\" top: \"y\" convolution_param { num_output: 3 kernel_size: 1 group: 3 } }",
        "layer 'c' (Convolution) on input 1×4×5×5: 4 input channels are not a multiple of group 3")]
    [InlineData("layer { name: \"s\" type: \"Slice\" bottom: \"x\" top: \"a\" top: \"b\" slice_param { slice_point: 4 } }",
        "layer 's' (Slice) on input 1×4×5×5: slice points 4 must increase strictly inside (0, 4)")]
    [InlineData("layer { name: \"s\" type: \"Slice\" bottom: \"x\" top: \"a\" top: \"b\" top: \"c\" }",
        "layer 's' (Slice) on input 1×4×5×5: axis 1 has size 4, which does not split into 3 equal parts")]
    [InlineData("layer { name: \"s\" type: \"Slice\" bottom: \"x\" top: \"a\" top: \"b\" top: \"c\" slice_param { slice_point: 1 } }",
        "layer 's' (Slice) on input 1×4×5×5: 1 slice points for 3 tops; expected 2")]
    [InlineData("layer { name: \"f\" type: \"InnerProduct\" bottom: \"x\" top: \"f\" inner_product_param { num_output: 2 } }\nlayer { name: \"j\" type: \"Concat\" bottom: \"x\" bottom: \"f\" top: \"j\" }",
        "layer 'j' (Concat) on input 1×4×5×5, 1×2: bottom 1 (1×2) does not match bottom 0 (1×4×5×5) outside axis 1")]
    [InlineData("layer { name: \"p\" type: \"Pooling\" bottom: \"x\" top: \"y\" pooling_param { kernel_size: 7 } }",
        "layer 'p' (Pooling) on input 1×4×5×5: the height 5 gives no pooling window (kernel 7, stride 1, pad 0)")]
    [InlineData("layer { name: \"s\" type: \"Softmax\" bottom: \"x\" top: \"y\" softmax_param { axis: 4 } }",
        "layer 's' (Softmax) on input 1×4×5×5: axis 4 is out of range for a 4-axis blob")]
    [InlineData("layer { name: \"r\" type: \"ReLU\" bottom: \"x\" bottom: \"x\" top: \"y\" }",
        "layer 'r' (ReLU) on input 1×4×5×5, 1×4×5×5: takes one bottom, has 2")]
    [InlineData("layer { name: \"f\" type: \"InnerProduct\" bottom: \"x\" top: \"f\" inner_product_param { num_output: 2 } }\nlayer { name: \"n\" type: \"LRN\" bottom: \"f\" top: \"n\" }",
        "layer 'n' (LRN) on input 1×2: LRN needs a 4-axis input (N, C, H, W), got 2 axes")]
    public void Impossible_shapes_name_the_layer_its_input_and_its_location(string layers, string expected)
    {
        var e = Assert.Throws<CaffeFormatException>(() => One(layers, 1, 4, 5, 5));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("inline.prototxt:", e.Message);
    }

    [Fact]
    public void Unsupported_types_stop_shape_inference_with_the_deploy_error()
    {
        var net = CaffeNet.Parse("input: \"x\" input_dim: [1, 1, 2, 2]\nlayer { name: \"f\" type: \"Flatten\" bottom: \"x\" top: \"y\" }", "inline.prototxt");
        Assert.Contains("unsupported types: Flatten (f)", Assert.Throws<CaffeFormatException>(() => CaffeShapes.Infer(net)).Message);
    }

    [Fact]
    public void Non_positive_input_dimensions_are_refused()
    {
        var net = CaffeNet.Parse("input: \"x\" input_dim: [1, 0, 2, 2]", "inline.prototxt");
        Assert.Contains("input 'x' has shape 1×0×2×2", Assert.Throws<CaffeFormatException>(() => CaffeShapes.Infer(net)).Message);
    }
}
