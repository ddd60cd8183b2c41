using EssenceOfPose.Data.Manifests;
using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Training;

namespace EssenceOfPose.Tests.Training;

/// <summary>Training across several cities (issue #15): the wide city variety, the multi-city data and the label-true augmentations.</summary>
public sealed class CitiesAndAugmentationTests(TinyCity city) : IClassFixture<TinyCity>, IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("eop-cities-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    static readonly SplitSpec Split = new(Seed: 1, TestFraction: 0.3, MinDistanceMetres: 20, CellMetres: 60, PositiveFraction: 0.5);

    string WideCity(long seed)
    {
        var root = Path.Combine(dir, $"wide{seed}");
        SyntheticCityGenerator.Generate(new SyntheticCityOptions
        {
            Targets = 16, ImageSize = 64, BlocksX = 4, BlocksY = 4, Seed = seed, Variety = CityVariety.Wide, DatasetId = 9000 + (int)seed,
        }, root);
        return root;
    }

    [Fact]
    public void Wide_variety_draws_the_look_from_the_seed_and_fixed_leaves_the_options_alone()
    {
        var fixedCity = new SyntheticCityOptions { Seed = 11 };
        Assert.Same(fixedCity, CityVarieties.Resolve(fixedCity));

        var a = CityVarieties.Resolve(fixedCity with { Variety = CityVariety.Wide });
        var again = CityVarieties.Resolve(a);
        var other = CityVarieties.Resolve(fixedCity with { Seed = 12, Variety = CityVariety.Wide });
        a.Validate();
        other.Validate();
        Assert.Equal(a, again);
        Assert.NotEqual(a.StreetWidth, other.StreetWidth);
        Assert.NotEqual(a.SunElevationMinDegrees, other.SunElevationMinDegrees);
        Assert.NotEqual(fixedCity.StreetWidth, a.StreetWidth);
        // The layout is drawn from its own stream: a wide city keeps its seed's number of blocks.
        Assert.Equal(fixedCity.BlocksX, a.BlocksX);
    }

    [Fact]
    public void A_wide_city_records_the_values_its_seed_drew()
    {
        var root = WideCity(11);
        var manifest = DatasetManifest.Load(Path.Combine(root, CityManifest.FileName));
        var resolved = CityVarieties.Resolve(new SyntheticCityOptions { Targets = 16, ImageSize = 64, BlocksX = 4, BlocksY = 4, Seed = 11, Variety = CityVariety.Wide, DatasetId = 9011 });
        Assert.Equal(resolved, CityManifest.Options(manifest));
    }

    [Fact]
    public void Mirroring_both_views_mirrors_the_label_exactly()
    {
        var dataset = StreetViewDataset.Load(city.Root);
        var lon0 = dataset.Views.Average(v => v.Record.CameraLon);
        StreetViewRecord Mirror(StreetViewRecord r) => r with
        {
            CameraLon = 2 * lon0 - r.CameraLon, TargetLon = 2 * lon0 - r.TargetLon, Heading = -r.Heading, Roll = -r.Roll,
        };
        var checkedPairs = 0;
        foreach (var target in dataset.Targets.Where(t => t.Views.Count >= 2).Take(6))
        {
            var (first, second) = (target.Views[0].Record, target.Views[1].Record);
            foreach (var kind in Enum.GetValues<PoseLabelKind>())
            {
                var label = PoseLabels.Vector(RelativePose.Between(first, second), kind);
                var mirrored = PoseLabels.Vector(RelativePose.Between(Mirror(first), Mirror(second)), kind);
                var signs = PoseLabels.MirrorSigns(kind);
                for (var k = 0; k < label.Length; k++)
                    Assert.True(Math.Abs(signs[k] * label[k] - mirrored[k]) < 1e-6, $"{kind} component {k}: {signs[k]} x {label[k]} vs {mirrored[k]}");
            }
            checkedPairs++;
        }
        Assert.True(checkedPairs >= 3);
    }

    [Fact]
    public void Mirrored_z_scores_are_the_z_scores_of_the_mirrored_label_even_for_a_constant_component()
    {
        double[][] raw = [[10, 2, 0, 1.5, 0.2, 12], [-4, 1, 0, -3, 0.1, 20], [30, -5, 0, 7, -0.4, 9]];
        var stats = LabelStats.Compute(PoseLabelKind.Dof6, raw); // Δroll is constant: std 0
        var signs = PoseLabels.MirrorSigns(PoseLabelKind.Dof6);
        using var z = torch.tensor(raw.SelectMany(r => stats.Normalize(r)).Select(v => (float)v).ToArray(), [3, 6]);
        using var all = torch.ones([3, 1], ScalarType.Bool);
        using var got = PairAugmentation.MirrorLabels(z, all, stats);
        var expected = raw.SelectMany(r => stats.Normalize(r.Select((v, k) => signs[k] * v).ToArray())).ToArray();
        var actual = got.data<float>().ToArray();
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 4);
        using var none = torch.zeros([3, 1], ScalarType.Bool);
        using var kept = PairAugmentation.MirrorLabels(z, none, stats);
        Assert.Equal(z.data<float>().ToArray(), kept.data<float>().ToArray());
    }

    [Fact]
    public void Further_cities_join_the_training_side_whole_and_leave_the_held_out_split_as_it_was()
    {
        var wide = WideCity(12);
        using var single = PoseNetData.Load(city.Root, Split);
        using var both = PoseNetData.Load([city.Root, wide], Split);
        var wideTargets = StreetViewDataset.Load(wide).Targets.Count;
        Assert.Equal(2, both.Datasets.Count);
        Assert.Equal(single.TestPairs.All.Select(p => p.ToString()), both.TestPairs.All.Select(p => p.ToString()));
        Assert.Equal(single.TrainTargets.Count + wideTargets, both.TrainTargets.Count);
        Assert.Equal([single.TrainPairs.Negatives.Count, both.TrainPairs.Negatives.Count - single.TrainPairs.Negatives.Count], both.NegativesPerCity);
        // Every pair lies within one city.
        Assert.All(both.TrainPairs.All, p => Assert.Equal(Path.GetDirectoryName(p.First.Image.Description), Path.GetDirectoryName(p.Second.Image.Description)));
        var e = Assert.Throws<ArgumentException>(() => PoseNetData.Load([wide, wide], Split));
        Assert.Contains("given twice", e.Message);
    }

    [Fact]
    public void A_whole_unseen_city_is_all_test_targets()
    {
        using var unseen = PoseNetData.Unseen(city.Root);
        Assert.Equal(StreetViewDataset.Load(city.Root).Targets.Count, unseen.TestTargets.Count);
        Assert.Empty(unseen.TrainTargets);
        Assert.True(unseen.TestPairs.Positives.Count > 0 && unseen.TestPairs.Negatives.Count > 0);
    }

    [Fact]
    public void Augmented_training_on_two_cities_keeps_a_finite_falling_loss()
    {
        using var data = PoseNetData.Load([city.Root, WideCity(13)], Split);
        var o = PoseNetTrainingOptions.Quick with
        {
            Epochs = 4, BatchSize = 8, Solver = PoseSolver.Adam, BaseLr = 3e-3, CheckpointEvery = 1000, Threads = 1, Augment = true,
            SplitCellMetres = 60, SplitMinDistanceMetres = 20, TestFraction = 0.3, PoseLossWeight = 1,
        };
        var path = Path.Combine(dir, "augmented.safetensors");
        var losses = new List<double>();
        var result = new PoseNetTrainer(o).Run(data, path, "test", progress: new Recorder(losses));
        Assert.True(result.Completed);
        Assert.All(losses, l => Assert.True(double.IsFinite(l), $"loss {l}"));
        var n = losses.Count / 4;
        Assert.True(losses.TakeLast(n).Average() < losses.Take(n).Average(), "the loss did not fall");
    }

    sealed class Recorder(List<double> losses) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => losses.Add(value.Loss);
    }
}
