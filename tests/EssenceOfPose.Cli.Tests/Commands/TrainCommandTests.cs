using EssenceOfPose.Models;

namespace EssenceOfPose.Cli.Tests.Commands;

/// <summary>`eop train posenet --freeze-through`: refused, in one line, before any data loads.</summary>
public sealed class TrainCommandTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("eop-train-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string[] Args => ["train", "posenet", "--data", dir, "--out", Path.Combine(dir, "o.safetensors")];

    string Shipped => Path.Combine(ShippedWeights.RepositoryRoot(), ShippedWeights.Manifest().File);

    [Fact]
    public void Freezing_needs_a_trained_network() =>
        InProcessEop.RefusesOption(Args, "--freeze-through", "fc5", "--freeze-through fc5: needs --init-from");

    [Theory]
    [InlineData("fc5:pre", "only after a layer's activation")]
    [InlineData("fc9", "posenet has no tower layer of that name")]
    [InlineData("fc5:", "expected a layer name")]
    public void A_tap_the_tower_cannot_be_cut_at_is_refused(string tap, string expected)
    {
        InProcessEop.RefusesOption([.. Args, "--init-from", Shipped], "--freeze-through", tap, expected);
        Assert.False(File.Exists(Path.Combine(dir, "o.safetensors")));
    }
}
