using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.SyntheticCity;
using EssenceOfPose.Experiments;

namespace EssenceOfPose.Tests.Experiments;

/// <summary>A 4×4-block city of 16 targets at 64 pixels, rendered once for the class.</summary>
public sealed class SmallCity : IDisposable
{
    public SmallCity()
    {
        Folder = Directory.CreateTempSubdirectory("eop-examplecity-").FullName;
        City = ExampleCity.Render(new SyntheticCityOptions { Targets = 16, ImageSize = 64, BlocksX = 4, BlocksY = 4, Seed = 3 }, Path.Combine(Folder, "city"));
    }

    public string Folder { get; }

    public ExampleCity City { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public sealed class ExampleCityTests(SmallCity small) : IClassFixture<SmallCity>
{
    readonly ExampleCity city = small.City;

    [Fact]
    public void The_city_is_rendered_into_the_given_folder_and_loaded()
    {
        Assert.Equal(Path.Combine(small.Folder, "city"), city.Folder);
        Assert.Equal(16, city.Generation.Targets);
        Assert.Equal(city.Generation.Images, city.Dataset.Views.Count);
        Assert.Equal(city.Generation.Targets, city.Targets.Count);
    }

    [Fact]
    public void Distinct_views_come_from_different_targets_first_view_in_name_order()
    {
        var views = city.DistinctViews(5, minViews: 2);
        Assert.Equal(5, views.Count);
        Assert.Equal(5, views.Select(v => v.Target).Distinct().Count());
        foreach (var v in views)
        {
            var target = city.Targets.Single(t => t.Key == v.Target);
            Assert.True(target.Views.Count >= 2);
            Assert.Equal(target.Views.Select(w => w.Name.Stem).Min(StringComparer.Ordinal), v.Name.Stem);
        }
        Assert.Throws<InvalidOperationException>(() => city.DistinctViews(city.Targets.Count + 1));
    }

    [Fact]
    public void Pairs_match_within_a_target_and_not_across_and_a_seed_reproduces_them()
    {
        var pairs = city.Pairs(4, 6, seed: 2);
        Assert.Equal(4, pairs.Positives.Count);
        Assert.Equal(6, pairs.Negatives.Count);
        Assert.All(pairs.Positives, p => Assert.True(p.IsMatch && p.First.Target == p.Second.Target && p.First != p.Second));
        Assert.Equal(4, pairs.Positives.Select(p => p.First.Target).Distinct().Count());
        Assert.All(pairs.Negatives, p => Assert.True(!p.IsMatch && p.First.Target != p.Second.Target));
        Assert.Equal(pairs.All.Select(p => p.ToString()), city.Pairs(4, 6, seed: 2).All.Select(p => p.ToString()));
        Assert.NotEqual(pairs.All.Select(p => p.ToString()), city.Pairs(4, 6, seed: 9).All.Select(p => p.ToString()));
        Assert.Throws<InvalidOperationException>(() => city.Pairs(city.Targets.Count + 1, 0));
    }

    [Fact]
    public void Batches_are_the_original_preprocessing_of_the_decoded_views()
    {
        var preprocess = Preprocess.WithMean([100, 110, 120]);
        var views = city.DistinctViews(3);
        var batch = ExampleCity.Batch(views, preprocess);
        Assert.Equal([3L, 3, 101, 101], batch.shape);
        var expected = preprocess.Apply(RgbImage.Decode(views[1].Image.ReadAllBytes(), "view"));
        Assert.Equal(expected.ToArray<float>(), batch.select(0, 1).ToArray<float>());
        var images = ExampleCity.Images(views, preprocess);
        Assert.Same(preprocess, images.Preprocess);
        Assert.Equal(batch.ToArray<float>(), images.Pixels.ToArray<float>());

        var pairs = city.Pairs(2, 1, seed: 0).All.ToArray();
        var (first, second) = ExampleCity.Batch(pairs, preprocess);
        Assert.Equal([3L, 3, 101, 101], first.shape);
        Assert.Equal(ExampleCity.Batch([pairs[2].Second], preprocess).ToArray<float>(), second.select(0, 2).ToArray<float>());
        var (_, secondImages) = ExampleCity.Images(pairs, preprocess);
        Assert.Equal(second.ToArray<float>(), secondImages.Pixels.ToArray<float>());
    }
}
