namespace EssenceOfPose.Caffe.Tests;

/// <summary>The PoseNet fixtures run forward at 101×101 with random weights, with the blob shapes of FACTS.md; bad nets and weights fail clearly.</summary>
public class CaffeExecutorFixtureTests
{
    static CaffeNet Fixtures(params string[] names) => CaffeNet.Merge(names.Select(n => CaffeNet.Load(CaffeFixtures.Path(n))).ToList());

    static readonly int[] Image = [1, 3, 101, 101];

    /// <summary>FACTS.md's PoseNet table at 1×3×101×101, for the tower and (with "_p") its twin.</summary>
    static readonly (string Blob, int[] Shape)[] PoseNetTower =
    [
        ("conv1", [1, 20, 95, 95]), ("pool1", [1, 20, 48, 48]), ("conv2", [1, 40, 48, 48]), ("pool2", [1, 40, 24, 24]),
        ("conv3", [1, 80, 21, 21]), ("pool3", [1, 80, 11, 11]), ("conv4", [1, 160, 4, 4]), ("pool4", [1, 160, 2, 2]),
        ("fc5", [1, 500]), ("fc6", [1, 500]),
    ];

    /// <summary>smallnet-v5 at 101×101 (conv1 7/3 → 32; pools 3/2 rounding up → 16, 8; conv4 1×1 pad 1 → 10 → pool 5).</summary>
    static readonly (string Blob, int[] Shape)[] SmallNetTower =
    [
        ("conv1", [1, 96, 32, 32]), ("pool1", [1, 96, 16, 16]), ("norm1", [1, 96, 16, 16]), ("conv2", [1, 128, 16, 16]),
        ("pool2", [1, 128, 8, 8]), ("norm2", [1, 128, 8, 8]), ("conv3", [1, 256, 8, 8]), ("conv4", [1, 64, 10, 10]),
        ("pool4", [1, 64, 5, 5]), ("fc5", [1, 512]),
    ];

    static IEnumerable<(string, int[])> Twin(IEnumerable<(string Blob, int[] Shape)> tower) => tower.Select(t => (t.Blob + "_p", t.Shape));

    /// <summary>Runs every blob of the net on random inputs; checks the listed shapes, agreement with shape inference, and finite values.</summary>
    static void RunsWithShapes(CaffeNet net, Dictionary<string, int[]> inputs, IEnumerable<(string Blob, int[] Shape)> expected)
    {
        using var scope = torch.NewDisposeScope();
        using var executor = CaffeExecutor.Load(net, RandomCaffeModel.For(net, inputs), inputs);
        using var generator = new Generator(11);
        var values = inputs.ToDictionary(i => i.Key, i => torch.randn(i.Value.Select(d => (long)d).ToArray(), generator: generator) * 50.0);
        var blobs = executor.Forward(values, executor.Blobs.ToArray());
        foreach (var (blob, shape) in expected)
            Assert.True(shape.Select(d => (long)d).SequenceEqual(blobs[blob].shape), $"{blob}: expected {string.Join('×', shape)}, got {string.Join('×', blobs[blob].shape)}");
        var inferred = CaffeShapes.Infer(net, inputs);
        foreach (var (blob, value) in blobs)
        {
            Assert.Equal(inferred[blob].Select(d => (long)d), value.shape);
            Assert.True(value.isfinite().all().ToDouble() > 0, $"{blob} has values that are not finite");
        }
    }

    [Fact]
    public void PoseNet_deploy_tower_runs_with_the_blob_shapes_of_FACTS()
    {
        var net = Fixtures("pose-l1-torch7-deploy.prototxt");
        RunsWithShapes(net, new() { ["data"] = Image }, PoseNetTower);
    }

    [Fact]
    public void PoseNet_siamese_net_with_heads_runs_both_towers_and_the_heads()
    {
        var net = Fixtures("pose_amir_window_siamese.prototxt", "pose_loss_l1_layers.prototxt", "ptch_loss_layers.prototxt");
        RunsWithShapes(net, new() { ["data"] = Image, ["data_p"] = Image },
            [.. PoseNetTower, .. Twin(PoseNetTower), ("concat_fc6", [1, 1000]), ("common_fc", [1, 512]), ("pose_fc", [1, 4]), ("ptch_fc", [1, 2])]);
    }

    [Fact]
    public void Smallnet_deploy_net_runs_at_101_instead_of_its_declared_227()
    {
        var net = Fixtures("smallnet-v5_window_siamese_fc5_deploy.prototxt");
        RunsWithShapes(net, new() { ["data"] = Image, ["data_p"] = Image },
            [.. SmallNetTower, .. Twin(SmallNetTower), ("concat_fc5", [1, 1024]), ("common_fc", [1, 512])]);
    }

    [Fact]
    public void Smallnet_training_net_slices_the_pair_and_runs_the_heads()
    {
        var net = Fixtures("pose_layers.prototxt", "smallnet-v5_window_siamese_fc5.prototxt", "pose_loss_l1_layers.prototxt", "ptch_loss_layers.prototxt");
        RunsWithShapes(net, new() { ["pair_data"] = [1, 6, 101, 101] },
            [("data", Image), ("data_p", Image), .. SmallNetTower, .. Twin(SmallNetTower), ("common_fc", [1, 512]), ("pose_fc", [1, 4]), ("ptch_fc", [1, 2])]);
    }

    [Fact]
    public void A_conv2_blob_of_the_wrong_shape_is_named_with_both_shapes()
    {
        var net = Fixtures("pose-l1-torch7-deploy.prototxt");
        var good = RandomCaffeModel.For(net);
        var layers = good.Layers.Select(l => l.Name == "conv2" ? l with { Blobs = [new CaffeBlob([40, 20, 3, 3], new float[40 * 20 * 9]), l.Blobs[1]] } : l).ToList();
        var e = Assert.Throws<CaffeFormatException>(() => CaffeExecutor.Load(net, good with { Layers = layers }));
        Assert.Contains("conv2: blob 0 (weight) from conv2 is 40×20×3×3; the prototxt implies 40×20×5×5", e.Message);
        Assert.Contains("random.caffemodel", e.Message);
    }

    [Fact]
    public void Unknown_layer_types_in_a_deploy_net_are_listed_in_one_error()
    {
        var path = CaffeFixtures.Path("pose-l1-torch7-deploy.prototxt");
        var text = File.ReadAllText(path) +
            "layer { name: \"bn5\" type: \"BatchNorm\" bottom: \"fc5\" top: \"fc5\" }\n" +
            "layer { name: \"scale5\" type: \"Scale\" bottom: \"fc5\" top: \"fc5\" }\n";
        var net = CaffeNet.Parse(text, "with-batchnorm.prototxt");
        var e = Assert.Throws<CaffeFormatException>(() => CaffeExecutor.Load(net, new CaffeModel("m", [], CaffeLayerForm.Layer, "m.caffemodel")));
        Assert.StartsWith("with-batchnorm.prototxt:", e.Message);
        Assert.Contains("2 layer(s) of unsupported types: BatchNorm (bn5); Scale (scale5)", e.Message);
    }

    [Fact]
    public void Forward_names_the_layer_and_input_that_do_not_fit()
    {
        using var scope = torch.NewDisposeScope();
        var net = Fixtures("pose-l1-torch7-deploy.prototxt");
        using var executor = CaffeExecutor.Load(net, RandomCaffeModel.For(net));
        var wrongChannels = Assert.Throws<ArgumentException>(() => executor.Forward(torch.zeros(1, 4, 101, 101), "conv1"));
        Assert.Contains("layer 'conv1' (Convolution) on input 1×4×101×101", wrongChannels.Message);
        var wrongSize = Assert.Throws<ArgumentException>(() => executor.Forward(torch.zeros(1, 3, 64, 64), "fc5"));
        Assert.Contains("layer 'fc5' (InnerProduct) on input 1×160×1×1: flattens 160 inputs from axis 1 but its weight takes 640", wrongSize.Message);
        var missing = Assert.Throws<ArgumentException>(() => executor.Forward(new Dictionary<string, Tensor> { ["image"] = torch.zeros(1, 3, 101, 101) }));
        Assert.Contains("the net's inputs are data; missing data; not inputs: image", missing.Message);
        var unknown = Assert.Throws<ArgumentException>(() => executor.Forward(torch.zeros(1, 3, 101, 101), "fc7"));
        Assert.Contains("no blob fc7; blobs: data, conv1, pool1", unknown.Message);
    }

    [Fact]
    public void Building_without_the_weights_of_a_layer_lists_each_one()
    {
        var net = Fixtures("pose-l1-torch7-deploy.prototxt");
        var weights = CaffeWeights.ForLayers(net, RandomCaffeModel.For(net)).Where(w => w.Key is not ("conv3" or "fc6")).ToDictionary();
        var e = Assert.Throws<CaffeFormatException>(() => CaffeExecutor.Build(net.ForDeploy(), weights));
        Assert.Contains("layer 'conv3' (Convolution) has no weights", e.Message);
        Assert.Contains("layer 'fc6' (InnerProduct) has no weights", e.Message);
    }
}
