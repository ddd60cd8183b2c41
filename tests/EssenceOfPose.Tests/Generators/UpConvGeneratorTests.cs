using EssenceOfPose.Generators;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Generators;

public sealed class UpConvGeneratorTests : IDisposable
{
    readonly TempDir dir = new();
    readonly PoseModel model = PoseModel.Of(new PoseNet(), new CheckpointInfo { Architecture = PoseNet.Name, Mean = [120, 115, 105] });

    public UpConvGeneratorTests() => torch.set_num_threads(1);

    public void Dispose()
    {
        model.Dispose();
        dir.Dispose();
    }

    public static TheoryData<string> TowerTaps => new(new PoseNet().TowerLayers);

    [Theory]
    [MemberData(nameof(TowerTaps))]
    public void Every_tower_tap_decodes_to_a_101_pixel_image(string tap)
    {
        using var scope = torch.NewDisposeScope();
        using var g = UpConvGenerator.For(model, tap, UgnOptions.Tiny with { Channels = 8, MinChannels = 4 });
        var shape = UpConvGenerator.CodeShapeAt(model, tap);
        var codes = torch.randn([2, .. shape]);
        var images = g.call(codes);
        Assert.Equal([2L, 3, 101, 101], images.shape);
        Assert.True(g.UpSide >= 101, $"up-convolutions reach {g.UpSide}");
        Assert.Equal(g.parameters().Sum(p => p.numel()), UpConvGenerator.ParameterCount(shape, g.Options));
    }

    [Fact]
    public void Layers_carry_caffe_style_names_and_a_vector_code_starts_at_a_4x4_seed()
    {
        using var fc5 = UpConvGenerator.For(model, "fc5", UgnOptions.Default);
        Assert.Equal(["defc1", "defc1_bn", "defc2", "defc2_bn", "deconv1", "deconv1_bn", "deconv2", "deconv2_bn", "deconv3", "deconv3_bn",
            "deconv4", "deconv4_bn", "deconv5", "deconv5_bn", "conv_out"], fc5.LayerNames);
        Assert.Equal(128, fc5.UpSide);
        using var conv4 = UpConvGenerator.For(model, "conv4", UgnOptions.Default);
        Assert.Equal([160L, 4, 4], conv4.CodeShape);
        Assert.Equal(["conv_in1", "conv_in1_bn", "conv_in2", "conv_in2_bn"], conv4.LayerNames.Take(4));
    }

    [Theory]
    [InlineData("fc5")]
    [InlineData("conv4")]
    public void The_default_generator_file_is_at_most_10_MB(string tap)
    {
        using var g = UpConvGenerator.For(model, tap, UgnOptions.Default);
        var path = dir.File(tap + ".safetensors");
        UgnCheckpoint.Save(path, g, Info(g, tap));
        var bytes = new FileInfo(path).Length;
        Assert.InRange(bytes, 1_000_000, 10_000_000);
    }

    [Fact]
    public void A_saved_generator_loads_with_the_same_weights_and_metadata()
    {
        using var scope = torch.NewDisposeScope();
        using var g = UpConvGenerator.For(model, "conv4", UgnOptions.Tiny);
        var path = dir.File("g.safetensors");
        var info = Info(g, "conv4") with { Provenance = new Provenance { Command = "eop train ugn --test", Seed = 7 } };
        UgnCheckpoint.Save(path, g, info);
        var (loaded, read) = UgnCheckpoint.Load(path, expectedTap: "conv4");
        using (loaded)
        {
            Assert.Equal("conv4", read.Tap);
            Assert.Equal(new string('a', 64), read.PoseNetSha256);
            Assert.Equal(UgnOptions.Tiny, read.Options);
            Assert.Equal("eop train ugn --test", read.Provenance.Command);
            g.eval();
            var codes = torch.randn([3, 160, 4, 4]);
            Assert.True(g.call(codes).equal(loaded.call(codes)).all().item<bool>());
        }
    }

    [Fact]
    public void A_generator_of_another_tap_is_refused_naming_the_file_and_field()
    {
        using var g = UpConvGenerator.For(model, "conv4", UgnOptions.Tiny);
        var path = dir.File("conv4.safetensors");
        UgnCheckpoint.Save(path, g, Info(g, "conv4"));
        var e = Assert.Throws<CheckpointException>(() => UgnCheckpoint.Load(path, expectedTap: "fc5"));
        Assert.Contains(path, e.Message);
        Assert.Contains("'tap' is 'conv4', expected 'fc5'", e.Message);
    }

    [Theory]
    [InlineData("options", "{\"channels\": 0}", "field 'options'")]
    [InlineData("options", "not json", "field 'options'")]
    [InlineData("code_shape", "[500, 3]", "field 'code_shape'")]
    [InlineData("tap", "fc5:x:y", "field 'tap'")]
    [InlineData("posenet_sha256", "abc", "field 'posenet_sha256'")]
    [InlineData("format", "essence-of-pose/posenet-checkpoint-v1", "a PoseNet checkpoint, not a generator")]
    public void Corrupt_metadata_is_refused_naming_the_file_and_field(string field, string value, string expected)
    {
        using var g = UpConvGenerator.For(model, "fc5", UgnOptions.Tiny);
        var good = dir.File("good.safetensors");
        UgnCheckpoint.Save(good, g, Info(g, "fc5"));
        var bad = dir.File("bad.safetensors");
        using (var data = Safetensors.Load(good))
            Safetensors.Save(bad, data.Tensors, new Dictionary<string, string>(data.Metadata) { [field] = value });
        var e = Assert.Throws<CheckpointException>(() => UgnCheckpoint.Load(bad));
        Assert.Contains(bad, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Metadata_that_describes_another_architecture_is_refused()
    {
        using var g = UpConvGenerator.For(model, "fc5", UgnOptions.Tiny);
        var good = dir.File("good.safetensors");
        UgnCheckpoint.Save(good, g, Info(g, "fc5"));
        var bad = dir.File("wider.safetensors");
        using (var data = Safetensors.Load(good))
            Safetensors.Save(bad, data.Tensors, new Dictionary<string, string>(data.Metadata) { ["options"] = (UgnOptions.Tiny with { FcWidth = 16 }).ToJson() });
        var e = Assert.Throws<CheckpointException>(() => UgnCheckpoint.Load(bad));
        Assert.Contains(bad, e.Message);
        Assert.Contains("defc1.weight is [32, 500], expected [16, 500]", e.Message);
    }

    [Fact]
    public void Metadata_asking_for_more_than_the_file_holds_is_refused_before_anything_is_built()
    {
        using var g = UpConvGenerator.For(model, "fc5", UgnOptions.Tiny);
        var good = dir.File("good.safetensors");
        UgnCheckpoint.Save(good, g, Info(g, "fc5"));
        var bad = dir.File("huge.safetensors");
        using (var data = Safetensors.Load(good))
            Safetensors.Save(bad, data.Tensors, new Dictionary<string, string>(data.Metadata) { ["code_shape"] = "[1000000]", ["options"] = (UgnOptions.Tiny with { FcWidth = 65536 }).ToJson() });
        var e = Assert.Throws<CheckpointException>(() => UgnCheckpoint.Load(bad));
        Assert.Contains(bad, e.Message);
        Assert.Matches("'code_shape' and 'options' describe a generator of [0-9]{11} parameters, but the file holds [0-9]{5,6} values", e.Message);
    }

    static UgnInfo Info(UpConvGenerator g, string tap) => new() { Tap = tap, CodeShape = g.CodeShape, PoseNetSha256 = new string('a', 64), Options = g.Options };
}
