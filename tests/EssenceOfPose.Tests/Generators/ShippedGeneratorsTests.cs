using EssenceOfPose.Generators;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Generators;

public sealed class ShippedGeneratorsTests
{
    [Theory]
    [InlineData("fc5")]
    [InlineData("conv4")]
    public void Each_generator_matches_its_manifest_and_the_shipped_posenet(string tap)
    {
        var manifest = ShippedGenerators.Manifest(tap);
        var path = manifest.Open(ShippedWeights.RepositoryRoot());
        Assert.Equal(manifest.Bytes, new FileInfo(path).Length);
        Assert.True(manifest.Bytes <= 10_000_000, "shipped generators are at most 10 MB");
        var info = UgnCheckpoint.ReadInfo(path);
        Assert.Equal(tap, info.Tap);
        // Trained on the shipped PoseNet's codes (the file itself, or the one whose tower it kept), by the command its manifest gives.
        AssertShippedPoseNetGivesItsCodes(info);
        Assert.Contains($"--tap {tap}", info.Provenance.Command);
        Assert.Contains("--from-search", info.Provenance.Command);
        Assert.Equal(manifest.Evaluation["validationMse"], info.Provenance.Metrics["validation_loss"], 6);
        // The log shipped beside it ends where the generator did.
        var log = ShippedGenerators.TrainingLog(tap);
        Assert.Equal(manifest.Evaluation["validationMse"], log[^1].ValidationLoss, 6);
        Assert.Equal(info.Provenance.Notes["steps"], log[^1].Step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The issue's bars, as the manifest records them on 64 held-out images.
        Assert.True(manifest.Evaluation["ugn.psnr"] > manifest.Evaluation["optimisation.psnr"]);
        Assert.True(manifest.Evaluation["ugn.ssim"] > manifest.Evaluation["optimisation.ssim"]);
        Assert.True(manifest.Evaluation["ugn.featureError"] < manifest.Evaluation["otherImage.featureError"]);
    }

    [Theory]
    [InlineData("fc5")]
    [InlineData("conv4")]
    public void Each_GAN_matches_its_manifest_started_from_the_shipped_UGN_and_meets_the_bars(string tap)
    {
        var manifest = ShippedGenerators.Manifest(tap, GeneratorKind.Gan);
        Assert.Equal($"data-manifests/gan-{tap}.json", ShippedGenerators.ManifestFile(tap, GeneratorKind.Gan));
        var path = manifest.Open(ShippedWeights.RepositoryRoot());
        Assert.True(manifest.Bytes <= 10_000_000, "shipped generators are at most 10 MB");
        var info = UgnCheckpoint.ReadInfo(path);
        Assert.Equal(GeneratorKind.Gan, info.Kind);
        Assert.Equal(tap, info.Tap);
        AssertShippedPoseNetGivesItsCodes(info);
        Assert.Contains("train gan", info.Provenance.Command);
        // Started from the shipped UGN of the same tap, whose architecture it keeps.
        Assert.Equal(ShippedGenerators.Manifest(tap).Sha256, info.Provenance.Notes["init_from_sha256"]);
        Assert.Equal(UgnCheckpoint.ReadInfo(ShippedGenerators.Manifest(tap).Open(ShippedWeights.RepositoryRoot())).Options, info.Options);
        // The log shipped beside it ends where the generator did.
        var epochs = ShippedGenerators.GanTrainingLog(tap).Where(l => l.Kind == "epoch").ToArray();
        Assert.Equal(manifest.Evaluation["validationMse"], epochs[^1].ValidationMse!.Value, 6);
        Assert.Equal(info.Provenance.Metrics["validation_mse"], epochs[^1].ValidationMse!.Value, 6);
        // The issue's bars on 64 held-out images: sharper than the UGN (nearer the originals' 1) and nearer Φ₀ than another image.
        var e = manifest.Evaluation;
        Assert.True(Math.Abs(1 - e["gan.sharpness"]) < Math.Abs(1 - e["ugn.sharpness"]), $"GAN sharpness {e["gan.sharpness"]}, UGN {e["ugn.sharpness"]}");
        Assert.True(e["gan.featureError"] < e["otherImage.featureError"]);
        Assert.Equal(64, e["images"]);
    }

    [Fact]
    public void A_shipped_generator_loads_on_the_shipped_posenet_and_a_tap_without_one_is_refused()
    {
        using var model = PoseModel.Shipped();
        var (g, info, _) = ShippedGenerators.Load("fc5", model);
        using (g)
        {
            Assert.Equal([500L], info.CodeShape);
            using var scope = torch.NewDisposeScope();
            using var off = torch.no_grad();
            var image = g.call(torch.zeros([2, 500]));
            Assert.Equal([2L, 3, 101, 101], image.shape);
        }
        Assert.Contains("conv4 and fc5", Assert.Throws<ArgumentException>(() => ShippedGenerators.Manifest("conv3")).Message);
        var (gan, ganInfo, _) = ShippedGenerators.Load("conv4", model, GeneratorKind.Gan);
        using (gan) Assert.Equal(GeneratorKind.Gan, ganInfo.Kind);
    }

    static void AssertShippedPoseNetGivesItsCodes(UgnInfo info)
    {
        using var model = PoseModel.Shipped();
        Assert.True(CodeLineage.SharesCodes(model, info.PoseNetSha256, info.Tap),
            $"the shipped PoseNet ({ShippedWeights.Manifest().Sha256[..12]}…) does not give the codes at {info.Tap} of {info.PoseNetSha256[..12]}…, which the generator inverts");
    }
}
