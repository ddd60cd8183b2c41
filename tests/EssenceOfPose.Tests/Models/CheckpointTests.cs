using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Models;

public sealed class CheckpointTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("eop-ckpt-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static CheckpointInfo Info(string arch) => new()
    {
        Architecture = arch,
        Mean = [120.5, 118.25, 110],
        LabelStats = LabelStats.Compute(PoseLabelKind.Dof6, [[1, 2, 0, 4, 5, 6], [3, 4, 0, 6, 7, 8]]),
        Provenance = new Provenance { Command = "eop train posenet --test", Seed = 7, Metrics = new Dictionary<string, double> { ["auc"] = 0.5 } },
    };

    [Fact]
    public void Round_trip_gives_identical_outputs_and_metadata()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(dir, "a.safetensors");
        using var net = new PoseNet();
        Checkpoint.Save(path, net, Info(PoseNet.Name));
        var (loaded, info) = Checkpoint.Load(path, PoseNet.Name);
        using var _ = loaded;
        var x = torch.randn([2, 3, 101, 101], generator: new Generator(9));
        Assert.Equal(net.Tap(x, "fc5").ToArray<float>(), loaded.Tap(x, "fc5").ToArray<float>());
        Assert.Equal([120.5, 118.25, 110], info.Mean);
        Assert.Equal(7L, info.Provenance.Seed);
        Assert.Equal(0.5, info.Provenance.Metrics["auc"]);
        Assert.Equal(6.0, info.LabelStats!.Mean[4]);
        // Names are Caffe's layer names, in PyTorch layouts, readable without this library.
        var header = Safetensors.ReadHeader(path);
        Assert.Contains(header.Tensors, t => t.Name == "conv1.weight" && t.Shape.SequenceEqual([20L, 3, 7, 7]));
    }

    [Fact]
    public void Another_architecture_is_refused_by_name()
    {
        var path = Path.Combine(dir, "small.safetensors");
        using (var net = new SmallNetV5()) Checkpoint.Save(path, net, Info(SmallNetV5.Name));
        var ex = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path, PoseNet.Name));
        Assert.Contains("small.safetensors", ex.Message);
        Assert.Contains("'smallnet-v5', expected 'posenet'", ex.Message);
    }

    [Fact]
    public void Missing_and_misshapen_tensors_are_listed()
    {
        using var scope = torch.NewDisposeScope();
        var good = Path.Combine(dir, "good.safetensors");
        using (var net = new PoseNet()) Checkpoint.Save(good, net, Info(PoseNet.Name));
        using var data = Safetensors.Load(good);
        var tensors = data.Tensors.Where(kv => kv.Key != "fc6.bias").ToDictionary(kv => kv.Key, kv => kv.Value);
        tensors["conv2.weight"] = torch.zeros(40, 20, 3, 3);
        var bad = Path.Combine(dir, "bad.safetensors");
        Safetensors.Save(bad, tensors, data.Metadata);
        var ex = Assert.Throws<CheckpointException>(() => Checkpoint.Load(bad));
        Assert.Contains("bad.safetensors", ex.Message);
        Assert.Contains("fc6.bias", ex.Message);
        Assert.Contains("conv2.weight", ex.Message);
    }

    [Fact]
    public void A_plain_safetensors_file_names_the_missing_metadata()
    {
        using var scope = torch.NewDisposeScope();
        var path = Path.Combine(dir, "plain.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = torch.zeros(1) });
        var ex = Assert.Throws<CheckpointException>(() => Checkpoint.Load(path));
        Assert.Contains("plain.safetensors", ex.Message);
        Assert.Contains("__metadata__", ex.Message);
    }
}
