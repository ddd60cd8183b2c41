namespace EssenceOfPose.Caffe.Tests;

public class CaffeWeightsTests
{
    static CaffeNet Fixture(string name) => CaffeNet.Load(CaffeFixtures.Path(name));

    static readonly Dictionary<string, int[]> SiameseInputs = new()
    {
        ["data"] = [1, 3, 101, 101],
        ["data_p"] = [1, 3, 101, 101],
    };

    /// <summary>Distinct, recognisable values: layer number in the thousands, blob in the hundreds, then the index.</summary>
    static float[] Values(int layer, int blob, int count) =>
        Enumerable.Range(0, count).Select(i => layer * 1000 + blob * 100 + i * 0.001f).ToArray();

    /// <summary>A model holding, for the chosen layers, blobs of exactly the shapes the prototxt implies.</summary>
    static CaffeModel ModelFor(CaffeShapeTable table, Func<string, bool>? keep = null)
    {
        var layers = table.Layers
            .Where(l => l.Parameters.Count > 0 && (keep?.Invoke(l.Layer.Name) ?? true))
            .Select((l, n) => new CaffeModelLayer(l.Layer.Name, l.Layer.Type, l.Layer.Bottoms, l.Layer.Tops,
                l.Layer.Params.Select(p => p.Name).ToList(),
                l.Parameters.Select((shape, b) => new CaffeBlob(shape, Values(n + 1, b, shape.Aggregate(1, (a, d) => a * d)))).ToList()))
            .ToList();
        return new CaffeModel("test", layers, CaffeLayerForm.Layer, "test.caffemodel");
    }

    [Fact]
    public void PoseNet_weights_come_out_in_pytorch_layouts_with_their_values()
    {
        var net = Fixture("pose-l1-torch7-deploy.prototxt");
        var model = ModelFor(CaffeShapes.Infer(net));
        var weights = CaffeWeights.ForLayers(net, model);

        Assert.Equal(["conv1", "conv2", "conv3", "conv4", "fc5", "fc6"], weights.Keys);
        Assert.Equal([20, 3, 7, 7], weights["conv1"].WeightShape);
        Assert.Equal([20], weights["conv1"].BiasShape!);
        Assert.Equal([40, 20, 5, 5], weights["conv2"].WeightShape);
        Assert.Equal([80, 40, 4, 4], weights["conv3"].WeightShape);
        Assert.Equal([160, 80, 4, 4], weights["conv4"].WeightShape);
        Assert.Equal([500, 640], weights["fc5"].WeightShape);
        Assert.Equal([500, 500], weights["fc6"].WeightShape);
        Assert.Equal(Values(5, 0, 500 * 640), weights["fc5"].Weight);
        Assert.Equal(Values(5, 1, 500), weights["fc5"].Bias!);
        Assert.Equal("fc5", weights["fc5"].WeightSource);
        Assert.Equal("weight 500×640 from fc5, bias 500 from fc5", weights["fc5"].ToString());
    }

    [Fact]
    public void Siamese_tower_reads_shared_blobs_from_the_layer_that_declares_the_same_param_name()
    {
        var net = Fixture("pose_amir_window_siamese.prototxt");
        var table = CaffeShapes.Infer(net, SiameseInputs);
        var model = ModelFor(table, name => !name.EndsWith("_p"));
        var weights = CaffeWeights.ForLayers(net, model, SiameseInputs);

        Assert.Equal(13, weights.Count);
        foreach (var layer in new[] { "conv1", "conv2", "conv3", "conv4", "fc5", "fc6" })
        {
            var (own, twin) = (weights[layer], weights[layer + "_p"]);
            Assert.Equal(own.WeightShape, twin.WeightShape);
            Assert.Equal(own.Weight, twin.Weight);
            Assert.Equal(own.Bias!, twin.Bias!);
            Assert.StartsWith($"{layer} (shared '", twin.WeightSource);
        }
        // fc5's bias is named fc_b in both towers: sharing goes by that name, not by the layer's name.
        Assert.Equal("fc5 (shared 'fc_b')", weights["fc5_p"].BiasSource);
        Assert.Equal([512, 1000], weights["common_fc"].WeightShape);
    }

    [Fact]
    public void A_layer_saved_with_its_own_blobs_uses_them_even_when_it_shares_a_name()
    {
        var net = Fixture("pose_amir_window_siamese.prototxt");
        var model = ModelFor(CaffeShapes.Infer(net, SiameseInputs));
        var weights = CaffeWeights.ForLayers(net, model, SiameseInputs);
        Assert.Equal("conv1_p", weights["conv1_p"].WeightSource);
        Assert.NotEqual(weights["conv1"].Weight, weights["conv1_p"].Weight);
    }

    [Fact]
    public void Every_missing_or_misshapen_blob_is_listed_in_one_error()
    {
        var net = Fixture("pose-l1-torch7-deploy.prototxt");
        var good = ModelFor(CaffeShapes.Infer(net));
        var layers = good.Layers.Select(l => l.Name switch
        {
            "conv2" => l with { Blobs = [new CaffeBlob([40, 20, 3, 3], new float[40 * 20 * 9]), l.Blobs[1]] },
            "fc5" => l with { Blobs = [l.Blobs[0]] },
            _ => l,
        }).Where(l => l.Name != "conv4").ToList();
        var e = Assert.Throws<CaffeFormatException>(() => CaffeWeights.ForLayers(net, good with { Layers = layers }));

        Assert.StartsWith($"test.caffemodel does not fit {net.Source}: 4 problem(s):", e.Message);
        Assert.Contains("conv2: blob 0 (weight) from conv2 is 40×20×3×3; the prototxt implies 40×20×5×5", e.Message);
        Assert.Contains("conv4: no blob 0 (weight 160×80×4×4) in the model, nor under its shared name 'conv4_w' in another layer", e.Message);
        Assert.Contains("conv4: no blob 1 (bias 160) in the model", e.Message);
        Assert.Contains("fc5: no blob 1 (bias 500) in the model, nor under its shared name 'fc_b' in another layer", e.Message);
    }

    [Fact]
    public void Legacy_four_d_blobs_from_a_v1_file_fit_and_are_reshaped()
    {
        var net = Fixture("pose-l1-torch7-deploy.prototxt");
        var model = ModelFor(CaffeShapes.Infer(net));
        var path = Path.Combine(Path.GetTempPath(), $"eop-caffe-{Guid.NewGuid():N}.caffemodel");
        try
        {
            CaffeModelWriter.Write(path, model, new CaffeModelWriteOptions(CaffeLayerForm.V1, LegacyBlobShape: true, PackedFloats: false));
            var read = CaffeModel.Load(path);
            Assert.Equal([1, 1, 500, 640], read.Layer("fc5")!.Blobs[0].Shape);
            var weights = CaffeWeights.ForLayers(net, read);
            Assert.Equal([500, 640], weights["fc5"].WeightShape);
            Assert.Equal([500], weights["fc5"].BiasShape!);
            Assert.Equal(model.Layer("fc5")!.Blobs[0].Data, weights["fc5"].Weight);
            Assert.Equal([20, 3, 7, 7], weights["conv1"].WeightShape);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_legacy_shape_must_still_match_after_padding()
    {
        var net = Fixture("pose-l1-torch7-deploy.prototxt");
        var good = ModelFor(CaffeShapes.Infer(net));
        var fc6 = good.Layer("fc6")!;
        var wrong = fc6 with { Blobs = [new CaffeBlob([1, 500, 1, 500], fc6.Blobs[0].Data, IsLegacyShape: true), fc6.Blobs[1]] };
        var e = Assert.Throws<CaffeFormatException>(() => CaffeWeights.ForLayers(net, good with { Layers = [.. good.Layers.Where(l => l.Name != "fc6"), wrong] }));
        Assert.Contains("fc6: blob 0 (weight) from fc6 is 1×500×1×500 (legacy 4-D); the prototxt implies 500×500", e.Message);
    }

    [Fact]
    public void PReLU_slopes_and_transposed_inner_products_are_converted()
    {
        var net = CaffeNet.Parse("""
            input: "x" input_dim: [1, 3, 1, 1]
            layer { name: "ip" type: "InnerProduct" bottom: "x" top: "y" inner_product_param { num_output: 2 transpose: true } }
            layer { name: "pc" type: "PReLU" bottom: "y" top: "y" }
            layer { name: "ps" type: "PReLU" bottom: "y" top: "y" prelu_param { channel_shared: true } }
            """, "inline.prototxt");
        var model = new CaffeModel("m",
        [
            new("ip", "InnerProduct", [], [], [], [new CaffeBlob([3, 2], [1, 2, 3, 4, 5, 6]), new CaffeBlob([2], [7, 8])]),
            new("pc", "PReLU", [], [], [], [new CaffeBlob([2], [0.1f, 0.2f])]),
            new("ps", "PReLU", [], [], [], [new CaffeBlob([], [0.25f])]),
        ], CaffeLayerForm.Layer, "m.caffemodel");
        var weights = CaffeWeights.ForLayers(net, model);
        // Caffe's transposed weight is in×out (3×2); PyTorch wants out×in (2×3).
        Assert.Equal([2, 3], weights["ip"].WeightShape);
        Assert.Equal([1, 3, 5, 2, 4, 6], weights["ip"].Weight);
        Assert.Equal([2], weights["pc"].WeightShape);
        Assert.Null(weights["pc"].Bias);
        Assert.Equal([1], weights["ps"].WeightShape);
        Assert.Equal([0.25f], weights["ps"].Weight);
    }

    [Fact]
    public void Smallnet_training_net_maps_shared_prelu_and_skips_the_loss_layers()
    {
        var net = CaffeNet.Merge(
            Fixture("pose_layers.prototxt"),
            Fixture("smallnet-v5_window_siamese_fc5.prototxt"),
            Fixture("pose_loss_l1_layers.prototxt"),
            Fixture("ptch_loss_layers.prototxt"));
        var inputs = new Dictionary<string, int[]> { ["pair_data"] = [1, 6, 101, 101] };
        var model = ModelFor(CaffeShapes.Infer(net, inputs), name => !name.EndsWith("_p"));
        var weights = CaffeWeights.ForLayers(net, model, inputs);
        Assert.Equal("relu5 (shared 'prelu5_a')", weights["relu5_p"].WeightSource);
        Assert.Equal([512], weights["relu_common"].WeightShape);
        Assert.Equal([128, 48, 5, 5], weights["conv2_p"].WeightShape);
        Assert.Equal([4, 512], weights["pose_fc"].WeightShape);
        Assert.Equal([2, 512], weights["ptch_fc"].WeightShape);
        Assert.DoesNotContain("ptch_loss", weights.Keys);
    }
}
