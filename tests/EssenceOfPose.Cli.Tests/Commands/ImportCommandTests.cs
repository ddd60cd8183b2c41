using System.CommandLine;
using System.Text.Json;
using EssenceOfPose.Models;
using EssenceOfPose.Caffe;
using EssenceOfPose.Caffe.Tests;

namespace EssenceOfPose.Cli.Tests;

/// <summary>`eop import caffe`: the checkpoint it writes reproduces the Caffe net; bad input exits 2 naming the file.</summary>
public class ImportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eop-cli-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Fixture(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string path = Path.Combine(d.FullName, "tests", "fixtures", "caffe", name);
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException($"fixture {name} not found above {AppContext.BaseDirectory}");
    }

    private static (int Code, string Out, string Err) Eop(params string[] args) => InProcessEop.Run(args);

    private static readonly int[] Image = [1, 3, 101, 101];

    private string RandomModel(CaffeNet net, Dictionary<string, int[]> inputs, Func<CaffeModel, CaffeModel>? edit = null)
    {
        var model = RandomCaffeModel.For(net, inputs, seed: 3);
        return RandomCaffeModel.Write(Path.Combine(_dir, $"{Guid.NewGuid():N}.caffemodel"), edit?.Invoke(model) ?? model, CaffeLayerForm.Layer);
    }

    [Fact]
    public void The_written_checkpoint_loads_and_reproduces_the_executors_fc5()
    {
        string prototxt = Fixture("pose-l1-torch7-deploy.prototxt");
        var net = CaffeNet.Load(prototxt);
        string caffemodel = RandomModel(net, new() { ["data"] = Image });
        string checkpoint = Path.Combine(_dir, "out", "posenet.safetensors");
        string json = Path.Combine(_dir, "import.json");

        var (code, output, error) = Eop("import", "caffe", "--prototxt", prototxt, "--caffemodel", caffemodel, "--out", checkpoint, "--mean", "104,117,123", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("architecture: posenet (pose_fc 6 outputs, label kind Dof6), mean 104, 117, 123", output);
        Assert.Contains("loaded 6 layers:", output);
        Assert.Contains("  fc5 500×640 + 500 from fc5", output);
        Assert.Contains("  pool4          1×160×2×2", output);
        Assert.Contains("common_fc, pose_fc, ptch_fc: not imported; left at their initialisation", output);
        Assert.Contains($"wrote {checkpoint}", output);
        using (var doc = JsonDocument.Parse(File.ReadAllText(json)))
        {
            var root = doc.RootElement;
            Assert.Equal("posenet", root.GetProperty("architecture").GetString());
            Assert.Equal(6, root.GetProperty("loaded").GetArrayLength());
            Assert.Equal(2, root.GetProperty("blobs").EnumerateArray().First(b => b.GetProperty("name").GetString() == "pool4").GetProperty("shape")[3].GetInt32());
            Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("no pose_fc in the net"));
            Assert.Equal(Path.GetFullPath(caffemodel), root.GetProperty("sources").GetProperty("caffemodel").GetString());
        }

        using var scope = torch.NewDisposeScope();
        var (model, info) = Checkpoint.Load(checkpoint);
        using var _ = model;
        Assert.Equal([104.0, 117, 123], info.Mean);
        Assert.StartsWith("eop import caffe --prototxt", info.Provenance.Command);
        using var executor = CaffeExecutor.Load(net, CaffeModel.Load(caffemodel));
        var x = torch.randn([2, 3, 101, 101], generator: new Generator(4)) * 40.0;
        var expected = executor.Forward(new Dictionary<string, Tensor> { ["data"] = x }, "fc5")["fc5"];
        var actual = model.Tap(x, "fc5");
        Assert.True(actual.abs().max().ToDouble() > 0);
        Assert.True((expected - actual).abs().max().ToDouble() <= 1e-5 * Math.Max(1, expected.abs().max().ToDouble()));
    }

    [Fact]
    public void Several_prototxts_are_merged_and_an_unusable_pose_head_can_be_left_out()
    {
        string[] parts = [Fixture("pose_amir_window_siamese.prototxt"), Fixture("pose_loss_l1_layers.prototxt"), Fixture("ptch_loss_layers.prototxt")];
        var net = CaffeNet.Merge(parts.Select(CaffeNet.Load).ToList());
        string caffemodel = RandomModel(net, new() { ["data"] = Image, ["data_p"] = Image });
        string checkpoint = Path.Combine(_dir, "siamese.safetensors");
        string[] args = ["import", "caffe", "--prototxt", parts[0], "--prototxt", parts[1], "--prototxt", parts[2], "--caffemodel", caffemodel, "--out", checkpoint];

        var refused = Eop(args);
        Assert.Equal(2, refused.Code);
        Assert.Contains("pose_loss_l1_layers.prototxt:", refused.Err);
        Assert.Contains("pose_fc has 4 outputs", refused.Err);
        Assert.False(File.Exists(checkpoint));

        var (code, output, error) = Eop([.. args, "--no-pose-head"]);
        Assert.True(code == 0, error);
        Assert.Contains("  ptch_fc 2×512 + 2 from ptch_fc", output);
        Assert.Contains("  conv1_p (Convolution: twin tower; its weights are conv1's)", output);
        Assert.Contains("pose_fc (4 outputs) left out as asked", output);
        var (model, _) = Checkpoint.Load(checkpoint, PoseNet.Name);
        model.Dispose();
    }

    [Fact]
    public void Bad_input_exits_2_with_a_message_naming_the_file()
    {
        string prototxt = Fixture("pose-l1-torch7-deploy.prototxt");
        var net = CaffeNet.Load(prototxt);
        string good = RandomModel(net, new() { ["data"] = Image });
        string checkpoint = Path.Combine(_dir, "never.safetensors");

        string absent = Path.Combine(_dir, "absent.caffemodel");
        var missing = Eop("import", "caffe", "--prototxt", prototxt, "--caffemodel", absent, "--out", checkpoint);
        Assert.Equal(2, missing.Code);
        Assert.Equal($"eop import caffe: {absent}: no such caffemodel file", missing.Err.Trim());

        string unknown = Path.Combine(_dir, "unknown.prototxt");
        File.WriteAllText(unknown, File.ReadAllText(prototxt) + "layer { name: \"bn6\" type: \"BatchNorm\" bottom: \"fc6\" top: \"fc6\" }\n");
        var unsupported = Eop("import", "caffe", "--prototxt", unknown, "--caffemodel", good, "--out", checkpoint);
        Assert.Equal(2, unsupported.Code);
        Assert.StartsWith($"eop import caffe: {unknown}:", unsupported.Err);
        Assert.Contains("1 layer(s) of unsupported types: BatchNorm (bn6)", unsupported.Err);

        string broken = Path.Combine(_dir, "broken.prototxt");
        File.WriteAllText(broken, "name: \"PoseNet\"\nlayer { name: \"conv1\" type: \"Convolution\"\n");
        var unreadable = Eop("import", "caffe", "--prototxt", broken, "--caffemodel", good, "--out", checkpoint);
        Assert.Equal(2, unreadable.Code);
        Assert.StartsWith($"eop import caffe: {broken}:", unreadable.Err);

        string misshapen = RandomModel(net, new() { ["data"] = Image }, m => m with
        {
            Layers = m.Layers.Select(l => l.Name == "conv2" ? l with { Blobs = [new CaffeBlob([40, 20, 3, 3], new float[40 * 20 * 9]), l.Blobs[1]] } : l).ToList(),
        });
        var wrongShape = Eop("import", "caffe", "--prototxt", prototxt, "--caffemodel", misshapen, "--out", checkpoint);
        Assert.Equal(2, wrongShape.Code);
        Assert.Contains($"{misshapen} does not fit {prototxt}", wrongShape.Err);
        Assert.Contains("conv2: blob 0 (weight) from conv2 is 40×20×3×3; the prototxt implies 40×20×5×5", wrongShape.Err);

        string nonFinite = RandomModel(net, new() { ["data"] = Image }, m => m with
        {
            Layers = m.Layers.Select(l => l.Name == "fc6" ? l with { Blobs = [l.Blobs[0] with { Data = [.. l.Blobs[0].Data[..^1], float.NaN] }, l.Blobs[1]] } : l).ToList(),
        });
        var nan = Eop("import", "caffe", "--prototxt", prototxt, "--caffemodel", nonFinite, "--out", checkpoint);
        Assert.Equal(2, nan.Code);
        Assert.Equal($"eop import caffe: {nonFinite}: layer 'fc6' blob 0 (weight) holds 1 NaN or infinite value(s), the first NaN; a model with non-finite weights is not imported", nan.Err.Trim());

        var badMean = Eop("import", "caffe", "--prototxt", prototxt, "--caffemodel", good, "--out", checkpoint, "--mean", "104,117");
        Assert.Equal(2, badMean.Code);
        Assert.Contains("--mean '104,117': expected three numbers R,G,B", badMean.Err);
        Assert.False(File.Exists(checkpoint));
    }
}
