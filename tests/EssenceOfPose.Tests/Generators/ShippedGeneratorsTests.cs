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
        // Trained on the shipped PoseNet's codes, by the command its manifest gives.
        Assert.Equal(ShippedWeights.Manifest().Sha256, info.PoseNetSha256);
        Assert.Contains($"--tap {tap}", info.Provenance.Command);
        Assert.Contains("--from-search", info.Provenance.Command);
        Assert.Equal(manifest.Evaluation["validationMse"], info.Provenance.Metrics["validation_loss"], 6);
        // The log shipped beside it ends where the generator did.
        var log = ShippedGenerators.TrainingLog(tap);
        Assert.Equal(manifest.Evaluation["validationMse"], log[^1].ValidationLoss, 6);
        Assert.Equal(info.Provenance.Notes["steps"], log[^1].Step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The bars, as the manifest records them on 64 held-out images.
        Assert.True(manifest.Evaluation["ugn.psnr"] > manifest.Evaluation["optimisation.psnr"]);
        Assert.True(manifest.Evaluation["ugn.ssim"] > manifest.Evaluation["optimisation.ssim"]);
        Assert.True(manifest.Evaluation["ugn.featureError"] < manifest.Evaluation["otherImage.featureError"]);
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
    }
}
