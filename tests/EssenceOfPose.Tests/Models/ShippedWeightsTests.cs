using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Tests.Models;

public sealed class ShippedWeightsTests
{
    [Fact]
    public void The_manifest_matches_the_committed_file_and_names_its_city()
    {
        var manifest = ShippedWeights.Manifest();
        var path = manifest.Open(ShippedWeights.RepositoryRoot());
        Assert.Equal(manifest.Bytes, new FileInfo(path).Length);
        Assert.True(new FileInfo(path).Length <= 10_000_000, "shipped weights are at most 10 MB");
        Assert.NotNull(manifest.City);
        var info = Checkpoint.ReadInfo(path);
        Assert.Equal(manifest.Architecture, info.Architecture);
        // The checkpoint's own record of its held-out figures is the manifest's.
        foreach (var (key, value) in manifest.Evaluation)
            Assert.Equal(value, info.Provenance.Metrics[key], 9);
    }

    /// <summary>
    /// What `eop eval posenet` prints for the shipped weights on their city's held-out split is
    /// what the manifest says: the city is rendered again from its seed (same seed, same bytes)
    /// and the split read back from the checkpoint. Minutes: it renders the whole city.
    /// </summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void Held_out_figures_reproduce_the_manifest()
    {
        var manifest = ShippedWeights.Manifest();
        var city = manifest.City ?? throw new InvalidDataException("the manifest names no city");
        var dir = Directory.CreateTempSubdirectory("eop-shipped-").FullName;
        try
        {
            SyntheticCityGenerator.Generate(SyntheticCityOptions.Default with { Seed = city.Seed, Targets = city.Targets, ImageSize = city.Size }, dir);
            var (net, info) = ShippedWeights.Load();
            using (net)
            {
                var path = manifest.Open(ShippedWeights.RepositoryRoot());
                using var data = PoseNetData.Load(dir, SplitSpec.Of(info, path));
                var figures = PoseNetEvaluator.Evaluate(net, info, data, baselines: true).Summary();
                foreach (var (key, value) in manifest.EvaluationFor(SyntheticCityGenerator.Version))
                    Assert.True(Math.Abs(figures[key] - value) <= 1e-3 * Math.Max(1, Math.Abs(value)), $"{key}: evaluated {figures[key]}, manifest {value}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
