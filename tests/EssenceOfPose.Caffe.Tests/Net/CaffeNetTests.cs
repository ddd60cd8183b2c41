namespace EssenceOfPose.Caffe.Tests;

public class CaffeNetTests
{
    public static TheoryData<string> Fixtures() => new(CaffeFixtures.Prototxts());

    static CaffeNet Parse(string text) => CaffeNet.Parse(text, "inline.prototxt");

    [Fact]
    public void The_fixture_folder_holds_the_eight_prototxts_and_their_licence()
    {
        Assert.Equal(8, CaffeFixtures.Prototxts().Length);
        Assert.True(File.Exists(CaffeFixtures.Path("LICENSE.egomotion")));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_fixture_parses_into_named_typed_layers(string file)
    {
        var net = CaffeNet.Load(CaffeFixtures.Path(file));
        Assert.NotEmpty(net.Layers);
        Assert.All(net.Layers, l =>
        {
            Assert.False(string.IsNullOrEmpty(l.Name));
            Assert.Equal(l.Role == CaffeLayerRole.Compute, l.Parameters is not null);
        });
    }

    [Fact]
    public void PoseNet_deploy_reads_header_layers_and_parameters()
    {
        var net = CaffeNet.Load(CaffeFixtures.Path("pose-l1-torch7-deploy.prototxt"));
        Assert.Equal("PoseNet", net.Name);
        var input = Assert.Single(net.Inputs);
        Assert.Equal("data", input.Name);
        Assert.Equal([1, 3, 101, 101], input.Shape!);
        Assert.Equal(
            ["conv1", "relu1", "pool1", "conv2", "relu2", "pool2", "conv3", "relu3", "pool3", "conv4", "relu4", "pool4", "fc5", "relu5", "fc6", "relu6"],
            net.Layers.Select(l => l.Name));

        var conv1 = net.Layer("conv1")!;
        Assert.Equal(new ConvolutionParameter(20, 7, 7), conv1.Parameters);
        Assert.Equal([new CaffeParamSpec("conv1_w", 1, 1), new CaffeParamSpec("conv1_b", 2, 0)], conv1.Params);
        Assert.Equal(new TextLocation(CaffeFixtures.Path("pose-l1-torch7-deploy.prototxt"), 7, 7), conv1.Location);
        Assert.Equal(new ConvolutionParameter(40, 5, 5, PadH: 2, PadW: 2), net.Layer("conv2")!.Parameters);
        Assert.Equal(new ConvolutionParameter(160, 4, 4, StrideH: 2, StrideW: 2), net.Layer("conv4")!.Parameters);
        Assert.Equal(new PoolingParameter(PoolMethod.Max, 2, 2, 2, 2), net.Layer("pool1")!.Parameters);
        Assert.Equal(new InnerProductParameter(500), net.Layer("fc5")!.Parameters);
        Assert.Equal(new ReLUParameter(), net.Layer("relu5")!.Parameters);
        Assert.True(net.Layer("relu5")!.IsInPlace);
        // The commented-out LRN layers must stay comments.
        Assert.Null(net.Layer("norm1"));
    }

    [Fact]
    public void Smallnet_reads_lrn_group_prelu_and_shared_param_names()
    {
        var net = CaffeNet.Load(CaffeFixtures.Path("smallnet-v5_window_siamese_fc5.prototxt"));
        Assert.Equal(new LrnParameter(5, 0.0001, 0.75), net.Layer("norm1")!.Parameters);
        Assert.Equal(new ConvolutionParameter(128, 5, 5, PadH: 2, PadW: 2, Group: 2), net.Layer("conv2")!.Parameters);
        Assert.Equal(new PReLUParameter(), net.Layer("relu5")!.Parameters);
        Assert.Equal("prelu5_a", net.Layer("relu5_p")!.Params.Single().Name);
        Assert.Equal(net.Layer("conv1")!.Params.Select(p => p.Name), net.Layer("conv1_p")!.Params.Select(p => p.Name));
        Assert.Equal(new ConcatParameter(), net.Layer("concat_fc5")!.Parameters);
    }

    [Fact]
    public void Slice_fixture_reads_the_legacy_slice_dim()
    {
        var slice = CaffeNet.Load(CaffeFixtures.Path("pose_layers.prototxt")).Layers.Single();
        Assert.Equal("Slice", slice.Type);
        Assert.Equal(["data", "data_p"], slice.Tops);
        var p = Assert.IsType<SliceParameter>(slice.Parameters);
        Assert.Equal(1, p.Axis);
        Assert.Equal([3], p.SlicePoints);
    }

    [Fact]
    public void Input_shape_header_gives_one_shape_per_input()
    {
        var net = Parse("""
            input: "a"
            input_shape { dim: 2 dim: 3 dim: 8 dim: 8 }
            input: "b"
            input_shape { dim: [2, 5] }
            """);
        Assert.Equal(["a 2×3×8×8", "b 2×5"], net.Inputs.Select(i => i.ToString()));
    }

    [Fact]
    public void Legacy_input_dim_header_gives_four_dims_per_input()
    {
        var net = CaffeNet.Load(CaffeFixtures.Path("smallnet-v5_window_siamese_fc5_deploy.prototxt"));
        Assert.Equal(["data 10×3×227×227", "data_p 10×3×227×227"], net.Inputs.Select(i => i.ToString()));
    }

    [Fact]
    public void Input_layers_become_inputs_with_one_shared_or_per_top_shapes()
    {
        var shared = Parse("""layer { name: "in" type: "Input" top: "x" top: "y" input_param { shape { dim: 1 dim: 3 dim: 4 dim: 4 } } }""");
        Assert.Empty(shared.Layers);
        Assert.Equal(["x 1×3×4×4", "y 1×3×4×4"], shared.Inputs.Select(i => i.ToString()));
        var each = Parse("""layer { name: "in" type: "Input" top: "x" top: "y" input_param { shape { dim: 1 } shape { dim: 2 } } }""");
        Assert.Equal(["x 1", "y 2"], each.Inputs.Select(i => i.ToString()));
        var none = Parse("""layer { name: "in" type: "Input" top: "x" }""");
        Assert.Null(Assert.Single(none.Inputs).Shape);
    }

    [Theory]
    [InlineData("input: \"a\"\ninput_dim: 1\ninput_dim: 3", "inline.prototxt:2:1: net: 2 input_dim values for 1 inputs; expected 4 per input")]
    [InlineData("input: \"a\"\ninput_dim: 1 input_dim: 1 input_dim: 1 input_dim: 1\ninput_shape { dim: 1 }", "inline.prototxt:2:1: net: give input shapes either as input_dim or as input_shape, not both")]
    [InlineData("input: \"a\" input: \"b\"\ninput_shape { dim: 1 }", "inline.prototxt:2:1: net: 1 input_shape blocks for 2 inputs")]
    [InlineData("input: \"a\" input: \"a\"", "inline.prototxt: input 'a' is declared 2 times")]
    public void Inconsistent_input_headers_are_refused(string text, string expected) =>
        Assert.StartsWith(expected, Assert.Throws<CaffeFormatException>(() => Parse(text)).Message);

    const string V1Net = """
        name: "Legacy"
        input: "data"
        input_dim: 1 input_dim: 3 input_dim: 12 input_dim: 12
        layers {
          name: "conv1" type: CONVOLUTION bottom: "data" top: "conv1"
          blobs_lr: 1 blobs_lr: 2 weight_decay: 1 weight_decay: 0
          param: "c1w" param: "c1b"
          convolution_param { num_output: 4 kernel_size: 3 stride: 1 }
        }
        layers { name: "relu1" type: RELU bottom: "conv1" top: "conv1" }
        layers { name: "pool1" type: POOLING bottom: "conv1" top: "pool1" pooling_param { pool: AVE kernel_size: 2 stride: 2 } }
        layers { name: "fc" type: INNER_PRODUCT bottom: "pool1" top: "fc" inner_product_param { num_output: 10 } }
        layers { name: "prob" type: SOFTMAX bottom: "fc" top: "prob" }
        layers { name: "loss" type: SOFTMAX_LOSS bottom: "fc" bottom: "label" top: "loss" }
        """;

    [Fact]
    public void V1_layers_blocks_map_enum_types_to_current_names_and_keep_param_names()
    {
        var net = Parse(V1Net);
        Assert.Equal(["Convolution", "ReLU", "Pooling", "InnerProduct", "Softmax", "SoftmaxWithLoss"], net.Layers.Select(l => l.Type));
        Assert.Equal([new CaffeParamSpec("c1w", 1, 1), new CaffeParamSpec("c1b", 2, 0)], net.Layer("conv1")!.Params);
        Assert.Equal(new PoolingParameter(PoolMethod.Average, 2, 2, 2, 2), net.Layer("pool1")!.Parameters);
        Assert.Equal(new SoftmaxParameter(), net.Layer("prob")!.Parameters);
        Assert.Equal(CaffeLayerRole.Loss, net.Layer("loss")!.Role);

        var deploy = net.ForDeploy();
        Assert.Equal(["conv1", "relu1", "pool1", "fc", "prob"], deploy.Net.Layers.Select(l => l.Name));
        Assert.Equal("loss (SoftmaxWithLoss: loss)", Assert.Single(deploy.Skipped).ToString());
    }

    [Theory]
    [InlineData("layers { name: \"x\" type: CONVOLUTIONAL }", "inline.prototxt:1:26: layers 'x': unknown V1 layer type 'CONVOLUTIONAL'")]
    [InlineData("layers { name: \"x\" type: \"Convolution\" }", "inline.prototxt:1:20: layers 'x': 'type' in a V1 'layers' block is an enum name")]
    [InlineData("layers { name: \"x\" layer { name: \"x\" } }", "inline.prototxt:1:8: layers 'x': V0 layer definitions")]
    [InlineData("layer { name: \"a\" type: \"ReLU\" }\nlayers { name: \"b\" type: RELU }", "inline.prototxt:2:1: net: the file mixes 'layer' blocks and legacy V1 'layers' blocks")]
    public void Bad_legacy_layers_are_refused_with_location(string text, string expected) =>
        Assert.StartsWith(expected, Assert.Throws<CaffeFormatException>(() => Parse(text)).Message);

    [Fact]
    public void Typed_parameters_read_every_supported_field()
    {
        var net = Parse("""
            layer { name: "c" type: "Convolution" convolution_param {
              num_output: 8 kernel_h: 3 kernel_w: 5 stride_h: 2 stride_w: 1 pad_h: 1 pad_w: 2 dilation: 2 group: 2 bias_term: false } }
            layer { name: "c2" type: "Convolution" convolution_param { num_output: 4 kernel_size: 3 kernel_size: 1 stride: 2 pad: 1 pad: 0 dilation: [1, 3] } }
            layer { name: "p" type: "Pooling" pooling_param { pool: AVE global_pooling: true } }
            layer { name: "p2" type: "Pooling" pooling_param { pool: 0 kernel_h: 3 kernel_w: 2 stride_h: 2 stride_w: 1 pad_h: 1 pad_w: 0 } }
            layer { name: "n" type: "LRN" lrn_param { local_size: 3 alpha: 2e-4 beta: 0.5 norm_region: WITHIN_CHANNEL k: 2 } }
            layer { name: "ip" type: "InnerProduct" inner_product_param { num_output: 7 bias_term: false axis: 2 transpose: true } }
            layer { name: "cat" type: "Concat" concat_param { concat_dim: 0 } }
            layer { name: "cat2" type: "Concat" concat_param { axis: -1 } }
            layer { name: "sl" type: "Slice" slice_param { axis: 2 slice_point: 1 slice_point: 4 } }
            layer { name: "pr" type: "PReLU" prelu_param { channel_shared: true } }
            layer { name: "d" type: "Dropout" dropout_param { dropout_ratio: 0.25 } }
            layer { name: "r" type: "ReLU" relu_param { negative_slope: 0.1 } }
            layer { name: "s" type: "Softmax" softmax_param { axis: -1 } }
            """);
        Assert.Equal(new ConvolutionParameter(8, 3, 5, 2, 1, 1, 2, 2, 2, 2, false), net.Layer("c")!.Parameters);
        Assert.Equal(new ConvolutionParameter(4, 3, 1, 2, 2, 1, 0, 1, 3), net.Layer("c2")!.Parameters);
        Assert.Equal(new PoolingParameter(PoolMethod.Average, 0, 0, GlobalPooling: true), net.Layer("p")!.Parameters);
        Assert.Equal(new PoolingParameter(PoolMethod.Max, 3, 2, 2, 1, 1, 0), net.Layer("p2")!.Parameters);
        Assert.Equal(new LrnParameter(3, 2e-4, 0.5, LrnNormRegion.WithinChannel, 2), net.Layer("n")!.Parameters);
        Assert.Equal(new InnerProductParameter(7, false, 2, true), net.Layer("ip")!.Parameters);
        Assert.Equal(new ConcatParameter(0), net.Layer("cat")!.Parameters);
        Assert.Equal(new ConcatParameter(-1), net.Layer("cat2")!.Parameters);
        var slice = Assert.IsType<SliceParameter>(net.Layer("sl")!.Parameters);
        Assert.Equal(2, slice.Axis);
        Assert.Equal([1, 4], slice.SlicePoints);
        Assert.Equal(new PReLUParameter(true), net.Layer("pr")!.Parameters);
        Assert.Equal(new DropoutParameter(0.25), net.Layer("d")!.Parameters);
        Assert.Equal(new ReLUParameter(0.1), net.Layer("r")!.Parameters);
        Assert.Equal(new SoftmaxParameter(-1), net.Layer("s")!.Parameters);
    }

    [Theory]
    [InlineData("pooling_param { pool: MAXX kernel_size: 2 }", "Pooling", "inline.prototxt:1:57: layer 'x' pooling_param: 'pool' expects one of MAX, AVE, STOCHASTIC, found 'MAXX'")]
    [InlineData("convolution_param { kernel_size: 3 }", "Convolution", "inline.prototxt:1:7: layer 'x' convolution_param: num_output is required")]
    [InlineData("convolution_param { num_output: 2 }", "Convolution", "inline.prototxt:1:7: layer 'x' convolution_param: a kernel size is required")]
    [InlineData("convolution_param { num_output: 2 kernel_size: 3 kernel_h: 3 kernel_w: 3 }", "Convolution", "inline.prototxt:1:73: layer 'x' convolution_param: give either kernel_size or kernel_h and kernel_w, not both")]
    [InlineData("convolution_param { num_output: 2 kernel_h: 3 }", "Convolution", "inline.prototxt:1:73: layer 'x' convolution_param: kernel_h and kernel_w must be given together")]
    [InlineData("convolution_param { num_output: 3 kernel_size: 1 group: 2 }", "Convolution", "inline.prototxt:1:7: layer 'x' convolution_param: num_output 3 is not a multiple of group 2")]
    [InlineData("convolution_param { num_output: 2 kernel_size: [1, 2, 3] }", "Convolution", "layer 'x' convolution_param: 3 values for kernel_size: only 2-D is supported")]
    [InlineData("convolution_param { num_output: -2 kernel_size: 1 }", "Convolution", "inline.prototxt:1:71: layer 'x' convolution_param: 'num_output' is -2, outside [1, 2147483647]")]
    [InlineData("lrn_param { local_size: 4 }", "LRN", "inline.prototxt:1:43: layer 'x' lrn_param: local_size 4 must be odd")]
    [InlineData("pooling_param { kernel_size: 2 pad: 2 }", "Pooling", "layer 'x' pooling_param: pad 2×2 must be smaller than the kernel 2×2")]
    [InlineData("pooling_param { global_pooling: true kernel_size: 2 }", "Pooling", "layer 'x' pooling_param: with global_pooling the kernel is the whole map")]
    [InlineData("concat_param { axis: 1 concat_dim: 1 }", "Concat", "inline.prototxt:1:57: layer 'x' concat_param: give either axis or concat_dim, not both")]
    [InlineData("dropout_param { dropout_ratio: 1.5 }", "Dropout", "inline.prototxt:1:51: layer 'x' dropout_param: dropout_ratio 1.5 is outside [0, 1]")]
    [InlineData("relu_param { negative_slope: \"0.1\" }", "ReLU", "inline.prototxt:1:61: layer 'x' relu_param: 'negative_slope' expects a number, found string \"0.1\"")]
    [InlineData("include { phase: DEPLOY }", "ReLU", "inline.prototxt:1:49: layer 'x' include: 'phase' expects one of TRAIN, TEST, found 'DEPLOY'")]
    [InlineData("convolution_param: 3", "Convolution", "inline.prototxt:1:39: layer 'x': 'convolution_param' must be a message { ... }, found 3")]
    public void Bad_layer_parameters_fail_at_load_with_location(string block, string type, string expected)
    {
        var e = Assert.Throws<CaffeFormatException>(() => Parse($"layer {{ name: \"x\" type: \"{type}\" {block} }}"));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Unknown_types_are_listed_together_in_one_deploy_error()
    {
        var net = Parse("""
            name: "Mixed"
            layer { name: "data" type: "Data" top: "data" top: "label" }
            layer { name: "conv" type: "Convolution" bottom: "data" top: "conv" convolution_param { num_output: 2 kernel_size: 1 } }
            layer { name: "sum1" type: "Eltwise" bottom: "conv" bottom: "conv" top: "sum1" }
            layer { name: "flat" type: "Flatten" bottom: "sum1" top: "flat" }
            layer { name: "sum2" type: "Eltwise" bottom: "flat" bottom: "flat" top: "sum2" }
            layer { name: "loss" type: "EuclideanLoss" bottom: "sum2" bottom: "label" top: "loss" }
            """);
        var e = Assert.Throws<CaffeFormatException>(() => net.ForDeploy());
        Assert.StartsWith("inline.prototxt:4:7: cannot build 'Mixed' for deploy: 3 layer(s) of unsupported types: Eltwise (sum1, sum2); Flatten (flat) "
            + "[sum1 at inline.prototxt:4:7, flat at inline.prototxt:5:7, sum2 at inline.prototxt:6:7]. Supported: Convolution, ", e.Message);
        Assert.DoesNotContain("EuclideanLoss", e.Message);
        Assert.DoesNotContain("(data)", e.Message);
    }

    [Fact]
    public void Deploy_skips_data_loss_metric_python_and_train_only_layers_and_says_so()
    {
        var net = Parse("""
            name: "Train"
            layer { name: "data" type: "ImageData" top: "data" top: "label" include { phase: TRAIN } }
            layer { name: "data" type: "HDF5Data" top: "data" top: "label" include { phase: TEST } }
            layer { name: "fc" type: "InnerProduct" bottom: "data" top: "fc" inner_product_param { num_output: 2 } }
            layer { name: "drop" type: "Dropout" bottom: "fc" top: "fc" include { phase: TRAIN } }
            layer { name: "pyloss" type: "Python" bottom: "fc" bottom: "label" top: "l1" }
            layer { name: "loss" type: "SoftmaxWithLoss" bottom: "fc" bottom: "label" top: "loss" exclude { phase: TEST } }
            layer { name: "acc" type: "Accuracy" bottom: "fc" bottom: "label" top: "acc" }
            """);
        var deploy = net.ForDeploy();
        Assert.Equal(["fc"], deploy.Net.Layers.Select(l => l.Name));
        Assert.Equal(["data"], deploy.Net.Inputs.Select(i => i.Name));
        Assert.Equal(
            ["data (ImageData: not in the TEST phase)", "data (HDF5Data: data)", "drop (Dropout: not in the TEST phase)",
             "pyloss (Python: Python code, not importable)", "loss (SoftmaxWithLoss: not in the TEST phase)", "acc (Accuracy: metric)"],
            deploy.Skipped.Select(s => s.ToString()));
        Assert.Equal(
            "Train for deploy: 1 layers; inputs data; skipped 6: data (ImageData: not in the TEST phase), data (HDF5Data: data), "
            + "drop (Dropout: not in the TEST phase), pyloss (Python: Python code, not importable), "
            + "loss (SoftmaxWithLoss: not in the TEST phase), acc (Accuracy: metric)",
            deploy.Summary);
    }

    [Fact]
    public void State_rules_follow_caffe_for_levels_and_stages()
    {
        var rule = new CaffeNetStateRule(CaffePhase.Test, MinLevel: 1, Stages: ["deploy"], NotStages: ["debug"]);
        Assert.False(rule.IsMetBy(CaffePhase.Test));
        Assert.True(rule.IsMetBy(CaffePhase.Test, 1, ["deploy"]));
        Assert.False(rule.IsMetBy(CaffePhase.Test, 1, ["deploy", "debug"]));
        Assert.False(rule.IsMetBy(CaffePhase.Train, 1, ["deploy"]));
        Assert.Equal("phase TEST, level ≥ 1, stage deploy, not stage debug", rule.ToString());
        var layer = Parse("layer { name: \"x\" type: \"ReLU\" include { phase: TRAIN } include { stage: \"s\" } }").Layers[0];
        Assert.True(layer.IsIncludedIn(CaffePhase.Train));
        Assert.False(layer.IsIncludedIn(CaffePhase.Test));
        Assert.True(layer.IsIncludedIn(CaffePhase.Test, 0, ["s"]));
    }

    [Fact]
    public void A_layer_reading_a_blob_produced_later_is_refused()
    {
        var net = Parse("""
            layer { name: "a" type: "ReLU" bottom: "y" top: "x" }
            layer { name: "b" type: "ReLU" bottom: "in" top: "y" }
            """);
        var e = Assert.Throws<CaffeFormatException>(() => net.ForDeploy());
        Assert.Equal("inline.prototxt:1:7: layer 'a' reads blob 'y' before layer 'b' (at inline.prototxt:2:7) produces it", e.Message);
    }

    [Fact]
    public void Two_deploy_layers_with_one_name_are_refused_because_weights_go_by_name()
    {
        var net = Parse("""
            layer { name: "r" type: "ReLU" bottom: "x" top: "x" }
            layer { name: "r" type: "ReLU" bottom: "x" top: "x" }
            """);
        var e = Assert.Throws<CaffeFormatException>(() => net.ForDeploy());
        Assert.Equal("inline.prototxt:2:7: layer name 'r' is used by 2 layers of the deploy net (at inline.prototxt:1:7, inline.prototxt:2:7); weights are matched by name", e.Message);
    }

    [Fact]
    public void Merge_joins_the_training_pieces_in_order()
    {
        var merged = CaffeNet.Merge(
            CaffeNet.Load(CaffeFixtures.Path("pose_layers.prototxt")),
            CaffeNet.Load(CaffeFixtures.Path("smallnet-v5_window_siamese_fc5.prototxt")),
            CaffeNet.Load(CaffeFixtures.Path("pose_loss_l1_layers.prototxt")),
            CaffeNet.Load(CaffeFixtures.Path("ptch_loss_layers.prototxt")));
        Assert.Equal("slice_pair", merged.Layers[0].Name);
        Assert.Equal("accuracy", merged.Layers[^1].Name);
        Assert.Contains(" + ", merged.Source);
        var deploy = merged.ForDeploy();
        Assert.Equal(["pair_data"], deploy.Net.Inputs.Select(i => i.Name));
        Assert.Equal(["pose_loss", "ptch_loss", "accuracy"], deploy.Skipped.Select(s => s.Name));
    }
}
