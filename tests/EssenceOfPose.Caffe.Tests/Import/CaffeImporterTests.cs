using System.Security.Cryptography;
using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Models;

namespace EssenceOfPose.Caffe.Tests;

/// <summary>What an import loads, skips, warns about and records; which nets it refuses, and how it says so.</summary>
public class CaffeImporterTests
{
    [Theory]
    [InlineData(2, PoseLabelKind.Dof2)]
    [InlineData(5, PoseLabelKind.Dof5)]
    [InlineData(6, PoseLabelKind.Dof6)]
    [InlineData(7, PoseLabelKind.QuaternionTranslation)]
    public void Pose_fc_outputs_decide_the_label_kind(int outputs, PoseLabelKind kind)
    {
        using var s = ImportScenario.PoseNetSiamese(outputs);
        using var import = CaffeImporter.Import(s.Prototxts, s.WriteModel(CaffeLayerForm.Layer));
        Assert.Equal(kind, import.Info.LabelKind);
        Assert.Equal(outputs, import.Model.PoseOutputs);
        Assert.Equal(PoseNet.Name, import.Architecture);
        Assert.Equal(["conv1", "conv2", "conv3", "conv4", "fc5", "fc6", "common_fc", "pose_fc", "ptch_fc"], import.Loaded.Select(l => l.Layer));
        Assert.Equal([outputs, 512], import.Loaded.Single(l => l.Layer == "pose_fc").WeightShape);
        Assert.Contains(import.Warnings, w => w.StartsWith("no label statistics"));
    }

    [Theory]
    [InlineData(4, "(4 is the original code's rotation-only quaternion label, which the suite does not model)")]
    [InlineData(3, "known: 2 → Dof2, 5 → Dof5, 6 → Dof6, 7 → QuaternionTranslation")]
    public void Other_pose_output_counts_are_refused_naming_the_count(int outputs, string explanation)
    {
        using var s = ImportScenario.PoseNetSiamese(outputs == 4 ? null : outputs);
        var e = Assert.Throws<CaffeFormatException>(() => CaffeImporter.Import(s.Prototxts, s.WriteModel(CaffeLayerForm.Layer)));
        Assert.Contains($"pose_fc has {outputs} outputs, which match no pose label kind of the suite", e.Message);
        Assert.Contains(explanation, e.Message);
        Assert.Contains("pose_loss_l1_layers.prototxt:", e.Message);
        Assert.Contains("--no-pose-head", e.Message);
    }

    [Fact]
    public void Without_the_pose_head_the_rest_is_imported_and_the_head_keeps_its_initialisation()
    {
        using var s = ImportScenario.PoseNetSiamese(poseOutputs: null);
        using var import = CaffeImporter.Import(s.Prototxts, s.WriteModel(CaffeLayerForm.Layer), new CaffeImportOptions { WithoutPoseHead = true });
        Assert.Equal(PoseLabelKind.Dof6, import.Info.LabelKind);
        Assert.DoesNotContain(import.Loaded, l => l.Layer == "pose_fc");
        Assert.Contains(import.Loaded, l => l.Layer == "ptch_fc");
        Assert.Contains(import.Skipped, l => l.Name == "pose_fc" && l.Reason == "pose head left out as asked");
        Assert.Contains("pose_fc (4 outputs) left out as asked; label kind Dof6 (6 outputs) assumed", import.Warnings);
        Assert.Contains("pose_fc: not imported; left at their initialisation (the prototxt fillers)", import.Warnings);
    }

    [Fact]
    public void A_deploy_tower_leaves_the_merge_and_heads_at_init_and_names_the_weights_it_could_not_use()
    {
        using var siamese = ImportScenario.PoseNetSiamese(poseOutputs: 6);
        var caffemodel = siamese.WriteModel(CaffeLayerForm.Layer);
        using var import = CaffeImporter.Import([CaffeFixtures.Path("pose-l1-torch7-deploy.prototxt")], caffemodel);
        Assert.Equal(["conv1", "conv2", "conv3", "conv4", "fc5", "fc6"], import.Loaded.Select(l => l.Layer));
        Assert.Contains("no pose_fc in the net: label kind Dof6 (6 outputs) assumed", import.Warnings);
        Assert.Contains("common_fc, pose_fc, ptch_fc: not imported; left at their initialisation (the prototxt fillers)", import.Warnings);
        Assert.Contains(import.Warnings, w => w.StartsWith("the caffemodel holds weights the prototxt has no layer for, not imported: conv1_p, conv2_p")
            && w.Contains("common_fc, pose_fc, ptch_fc;"));
        Assert.Equal(["conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "conv4", "pool4", "fc5", "fc6"], import.Agreement.Keys);
    }

    [Fact]
    public void The_twin_tower_is_skipped_because_its_weights_are_the_towers()
    {
        using var s = ImportScenario.PoseNetSiamese();
        using var import = CaffeImporter.Import(s.Prototxts, s.WriteModel(CaffeLayerForm.Layer));
        Assert.Contains(import.Skipped, l => l.ToString() == "conv1_p (Convolution: twin tower; its weights are conv1's)");
        Assert.Contains(import.Skipped, l => l.Name == "pose_loss" && l.Reason == "Python code, not importable");
        Assert.Contains(import.Skipped, l => l.Name == "ptch_loss" && l.Reason == "loss");
        Assert.Contains(("common_fc", new[] { 1, 512 }), import.BlobShapes.Select(b => (b.Name, b.Shape)), new BlobComparer());
        Assert.Contains("architecture: posenet (pose_fc 6 outputs, label kind Dof6)", import.Summary);
    }

    [Fact]
    public void A_twin_with_other_weights_is_refused()
    {
        using var s = ImportScenario.PoseNetSiamese();
        var caffemodel = s.WriteModel(CaffeLayerForm.Layer, edit: m => m with
        {
            Layers = m.Layers.Select(l => l.Name == "conv3_p" ? l with { Blobs = [new CaffeBlob(l.Blobs[0].Shape, l.Blobs[0].Data.Select(v => v + 0.5f).ToArray()), l.Blobs[1]] } : l).ToList(),
        });
        var e = Assert.Throws<CaffeFormatException>(() => CaffeImporter.Import(s.Prototxts, caffemodel));
        Assert.Contains("runs one tower on both images, but the twin's weights differ: conv3_p differs from conv3 by up to 0.5", e.Message);
    }

    [Fact]
    public void Smallnet_prelu_slopes_and_declared_227_input_are_handled()
    {
        using var s = ImportScenario.SmallNetDeploy();
        using var import = CaffeImporter.Import(s.Prototxts, s.WriteModel(CaffeLayerForm.Layer));
        Assert.Equal(SmallNetV5.Name, import.Architecture);
        Assert.Equal([512], import.Loaded.Single(l => l.Layer == "relu5").WeightShape);
        Assert.Equal([512], import.Loaded.Single(l => l.Layer == "relu_common").WeightShape);
        Assert.Contains("input data is declared 10×3×227×227; imported for the suite's 3×101×101 (fully connected sizes follow from it)", import.Warnings);
        Assert.Equal([512, 1600], import.Loaded.Single(l => l.Layer == "fc5").WeightShape);
    }

    [Fact]
    public void The_mean_is_recorded_or_warned_about_and_the_checkpoint_keeps_provenance()
    {
        using var s = ImportScenario.PoseNetTower();
        var caffemodel = s.WriteModel(CaffeLayerForm.V1);
        using (var zero = CaffeImporter.Import(s.Prototxts, caffemodel))
        {
            Assert.Equal([0.0, 0, 0], zero.Info.Mean);
            Assert.Contains(zero.Warnings, w => w.StartsWith("no mean given: (0, 0, 0) recorded"));
        }
        using var import = CaffeImporter.Import(s.Prototxts, caffemodel, new CaffeImportOptions { Mean = [104, 117, 123], Command = "eop import caffe (test)" });
        Assert.DoesNotContain(import.Warnings, w => w.StartsWith("no mean"));
        var checkpoint = Path.Combine(s.Folder, "posenet.safetensors");
        import.Save(checkpoint);

        using var scope = torch.NewDisposeScope();
        var (model, info) = Checkpoint.Load(checkpoint, PoseNet.Name);
        using var _ = model;
        Assert.Equal([104.0, 117, 123], info.Mean);
        Assert.Equal("eop import caffe (test)", info.Provenance.Command);
        Assert.Equal(Path.GetFullPath(caffemodel), info.Provenance.Notes["caffemodel"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(caffemodel))), info.Provenance.Notes["caffemodel.sha256"]);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(s.Prototxts[0]))), info.Provenance.Notes["prototxt[0].sha256"]);
        var x = torch.randn([1, 3, 101, 101], generator: new Generator(3));
        Assert.Equal(import.Model.Tap(x, "fc6").ToArray<float>(), model.Tap(x, "fc6").ToArray<float>());
    }

    [Fact]
    public void A_posenet_with_its_lrn_layers_back_is_refused_with_what_differs()
    {
        using var s = ImportScenario.PoseNetTower();
        var edited = s.Edited("pose-l1-torch7-deploy.prototxt",
            ("#layer { \n# name: \"norm1\" \n# type: \"LRN\" \n# bottom: \"pool1\" \n# top: \"norm1\" \n# lrn_param { \n#\t  local_size: 5 \n#\t  alpha: 0.0001 \n#\t  beta: 0.75 \n# } \n#} ",
             "layer { name: \"norm1\" type: \"LRN\" bottom: \"pool1\" top: \"norm1\" lrn_param { local_size: 5 alpha: 0.0001 beta: 0.75 } }"),
            ("bottom: \"pool1\" \n top: \"conv2\"", "bottom: \"norm1\" \n top: \"conv2\""),
            ("num_output: 20", "num_output: 32"));
        var net = CaffeNet.Load(edited);
        var caffemodel = RandomCaffeModel.Write(Path.Combine(s.Folder, "lrn.caffemodel"), RandomCaffeModel.For(net), CaffeLayerForm.Layer);
        var e = Assert.Throws<CaffeFormatException>(() => CaffeImporter.Import([edited], caffemodel));
        Assert.StartsWith($"{edited}: not a net the suite can import: it is neither posenet nor smallnet-v5. Closest is posenet, from which it differs in 2 way(s):", e.Message);
        Assert.Contains("conv1: NumOutput 32, expected 20", e.Message);
        Assert.Contains("conv2 reads norm1 (from norm1, LRN), expected pool1", e.Message);
    }

    [Fact]
    public void An_activation_moved_after_its_reader_is_refused()
    {
        using var s = ImportScenario.PoseNetTower();
        var relu = "layer { \n name: \"relu1\" \n type: \"ReLU\" \n bottom: \"conv1\" \n top: \"conv1\" \n} \n";
        var text = File.ReadAllText(s.Prototxts[0]);
        Assert.Contains(relu, text);
        var moved = Path.Combine(s.Folder, "moved.prototxt");
        File.WriteAllText(moved, text.Replace(relu, "") + relu);
        var e = Assert.Throws<CaffeFormatException>(() => CaffeImporter.Import([moved], s.WriteModel(CaffeLayerForm.Layer)));
        Assert.Contains("the Tower layers run in the order conv1, pool1, conv2", e.Message);
    }

    [Fact]
    public void Wrong_weights_and_missing_files_are_named()
    {
        using var s = ImportScenario.PoseNetTower();
        var bad = s.WriteModel(CaffeLayerForm.Layer, edit: m => m with
        {
            Layers = m.Layers.Select(l => l.Name == "conv2" ? l with { Blobs = [new CaffeBlob([40, 20, 3, 3], new float[40 * 20 * 9]), l.Blobs[1]] } : l).ToList(),
        });
        var e = Assert.Throws<CaffeFormatException>(() => CaffeImporter.Import(s.Prototxts, bad));
        Assert.Contains($"{bad} does not fit", e.Message);
        Assert.Contains("conv2: blob 0 (weight) from conv2 is 40×20×3×3; the prototxt implies 40×20×5×5", e.Message);
        var missing = Path.Combine(s.Folder, "absent.caffemodel");
        var notFound = Assert.Throws<FileNotFoundException>(() => CaffeImporter.Import(s.Prototxts, missing));
        Assert.Equal($"{missing}: no such caffemodel file", notFound.Message);
    }

    [Theory]
    [InlineData("conv2", 0, 17, float.NaN, "layer 'conv2' blob 0 (weight) holds 1 NaN or infinite value(s), the first NaN")]
    [InlineData("fc6", 1, 3, float.PositiveInfinity, "layer 'fc6' blob 1 (bias) holds 1 NaN or infinite value(s), the first Infinity")]
    [InlineData("fc5", 0, 0, float.NegativeInfinity, "layer 'fc5' blob 0 (weight) holds 1 NaN or infinite value(s), the first -Infinity")]
    public void Weights_with_nan_or_infinite_values_are_refused_in_one_line_naming_file_layer_and_blob(string layer, int blob, int index, float value, string what)
    {
        using var s = ImportScenario.PoseNetTower();
        var caffemodel = s.WriteModel(CaffeLayerForm.Layer, edit: m => m with
        {
            Layers = m.Layers.Select(l => l.Name == layer ? l with { Blobs = l.Blobs.Select((b, i) => i == blob ? b with { Data = b.Data.Select((v, j) => j == index ? value : v).ToArray() } : b).ToList() } : l).ToList(),
        });
        var e = Assert.Throws<CaffeFormatException>(() => CaffeImporter.Import(s.Prototxts, caffemodel));
        Assert.Equal($"{caffemodel}: {what}; a model with non-finite weights is not imported", e.Message);
    }

    [Fact]
    public void A_non_finite_value_in_a_twin_is_named_in_the_twin()
    {
        using var s = ImportScenario.PoseNetSiamese();
        var caffemodel = s.WriteModel(CaffeLayerForm.V1, edit: m => m with
        {
            Layers = m.Layers.Select(l => l.Name == "conv3_p" ? l with { Blobs = [l.Blobs[0], l.Blobs[1] with { Data = [float.NaN, .. l.Blobs[1].Data[1..]] }] } : l).ToList(),
        });
        var e = Assert.Throws<CaffeFormatException>(() => CaffeImporter.Import(s.Prototxts, caffemodel));
        Assert.Equal($"{caffemodel}: layer 'conv3_p' blob 1 (bias) holds 1 NaN or infinite value(s), the first NaN; a model with non-finite weights is not imported", e.Message);
    }

    sealed class BlobComparer : IEqualityComparer<(string, int[])>
    {
        public bool Equals((string, int[]) a, (string, int[]) b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2);

        public int GetHashCode((string, int[]) x) => x.Item1.GetHashCode();
    }
}
