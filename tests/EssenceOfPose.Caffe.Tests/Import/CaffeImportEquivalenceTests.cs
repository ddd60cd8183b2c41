using EssenceOfPose.Models;

namespace EssenceOfPose.Caffe.Tests;

/// <summary>
/// The suite's models after an import compute what the Caffe net computes: every tap, common_fc and
/// the heads equal the executor's blobs (Caffe's definition, run on the same caffemodel file) to 1e-5,
/// for caffemodels in both binary forms. smallnet-v5 has PReLU layers, which V1 files cannot hold.
/// </summary>
public class CaffeImportEquivalenceTests
{
    // Forms go by name: CaffeLayerForm is internal, and a public test method cannot take it.
    public static TheoryData<string, string> Cases => new()
    {
        { "posenet-tower", nameof(CaffeLayerForm.Layer) },
        { "posenet-tower", nameof(CaffeLayerForm.V1) },
        { "posenet-siamese", nameof(CaffeLayerForm.Layer) },
        { "posenet-siamese", nameof(CaffeLayerForm.V1) },
        { "smallnet-deploy", nameof(CaffeLayerForm.Layer) },
        { "smallnet-training", nameof(CaffeLayerForm.Layer) },
    };

    static ImportScenario Scenario(string name) => name switch
    {
        "posenet-tower" => ImportScenario.PoseNetTower(),
        "posenet-siamese" => ImportScenario.PoseNetSiamese(poseOutputs: 6),
        "smallnet-deploy" => ImportScenario.SmallNetDeploy(),
        "smallnet-training" => ImportScenario.SmallNetTraining(),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_tap_equals_the_executors_blob(string scenario, string form)
    {
        using var s = Scenario(scenario);
        var caffemodel = s.WriteModel(Enum.Parse<CaffeLayerForm>(form), seed: 7);
        // The fixtures' pose_fc has 4 outputs, a count with no label kind: the training smallnet is imported without it.
        var options = new CaffeImportOptions { WithoutPoseHead = scenario == "smallnet-training" };
        using var import = CaffeImporter.Import(s.Prototxts, caffemodel, options);
        using var reference = CaffeExecutor.Load(s.Net(), CaffeModel.Load(caffemodel), s.Inputs);
        using var scope = torch.NewDisposeScope();
        using var generator = new Generator(5);
        var a = torch.randn([3, 3, 101, 101], generator: generator) * 30.0;
        var b = torch.randn([3, 3, 101, 101], generator: generator) * 30.0;
        var siamese = scenario != "posenet-tower";
        var inputs = s.Inputs.ContainsKey("pair_data")
            ? new Dictionary<string, Tensor> { ["pair_data"] = torch.cat([a, b], 1) }
            : siamese ? new Dictionary<string, Tensor> { ["data"] = a, ["data_p"] = b } : new Dictionary<string, Tensor> { ["data"] = a };

        var model = import.Model;
        string[] taps = model is SmallNetV5
            ? ["conv1", "pool1", "norm1", "conv2", "pool2", "norm2", "conv3", "conv4", "pool4", "fc5"]
            : ["conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "fc5", "fc6"];
        Assert.Equal(taps, model.TowerLayers);
        var heads = new[] { "common_fc", "ptch_fc", "pose_fc" }.Where(h => import.Loaded.Any(l => l.Layer == h)).ToList();
        Assert.Equal(siamese, heads.Contains("common_fc"));
        Assert.Equal(scenario is "posenet-siamese" or "smallnet-training", heads.Contains("ptch_fc"));
        Assert.Equal(scenario == "posenet-siamese", heads.Contains("pose_fc"));
        var caffe = reference.Forward(inputs, [.. taps, .. taps.Select(t => t + "_p").Where(_ => siamese), .. heads]);

        foreach (var tap in taps)
        {
            Close(caffe[tap], model.Tap(a, tap), tap);
            if (siamese) Close(caffe[tap + "_p"], model.Tap(b, tap), tap + "_p");
        }
        if (!siamese)
            return;
        Close(caffe["common_fc"], model.Common(a, b), "common_fc");
        var (pose, match) = model.forward(a, b);
        if (heads.Contains("ptch_fc")) Close(caffe["ptch_fc"], match, "ptch_fc");
        if (heads.Contains("pose_fc")) Close(caffe["pose_fc"], pose, "pose_fc");
    }

    static void Close(Tensor expected, Tensor actual, string blob)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{blob}: shapes {string.Join('×', expected.shape)} and {string.Join('×', actual.shape)}");
        var scale = Math.Max(1, expected.abs().max().ToDouble());
        var difference = (expected - actual).abs().max().ToDouble();
        Assert.True(difference <= 1e-5 * scale, $"{blob}: largest |difference| {difference:g3} for values up to {scale:g3}");
        // A blob that is all zeros would agree with anything: the comparison must have something to compare.
        Assert.True(actual.abs().max().ToDouble() > 0, $"{blob} is all zeros");
    }
}
