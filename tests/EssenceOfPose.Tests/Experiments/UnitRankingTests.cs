using EssenceOfPose.Experiments;
using EssenceOfPose.Inversion;
using EssenceOfPose.Tests.Inversion;

namespace EssenceOfPose.Tests.Experiments;

public sealed class UnitRankingTests(PoseNetFixture fixture) : IClassFixture<PoseNetFixture>
{
    [Fact]
    public void Mean_activations_are_per_unit_and_the_ranking_follows_them()
    {
        using var scope = torch.NewDisposeScope();
        var fc = UnitRanking.MeanActivation(fixture.Model, fixture.Targets, "fc5:pre");
        Assert.Equal(500, fc.Length);
        var expected = fixture.Model.Tap(fixture.Targets, "fc5:pre").mean([0]).to(ScalarType.Float64).ToArray<double>();
        Assert.Equal(expected, fc);
        Assert.Equal(80, UnitRanking.MeanActivation(fixture.Model, fixture.Targets, "conv3").Length);

        var top = UnitRanking.MostActive(fixture.Model, fixture.Targets, "fc5:pre", 5).Select(u => u.Channel).ToArray();
        Assert.Equal(fc.Max(), fc[top[0]]);
        Assert.True(top.Zip(top.Skip(1)).All(p => fc[p.First] >= fc[p.Second]));
        Assert.Throws<ArgumentOutOfRangeException>(() => UnitRanking.MostActive(fixture.Model, fixture.Targets, "fc5", 501));
        // Rendered at another tap of the same layer when asked (rank on the ReLU's output, render before it).
        Assert.All(UnitRanking.MostActive(fixture.Model, fixture.Targets, "fc5", 3, renderAt: "fc5:pre"), u => Assert.Equal("fc5:pre", u.Tap.ToString()));
    }

    [Fact]
    public void A_convolutional_channel_is_the_unit_at_its_peak_position()
    {
        using var scope = torch.NewDisposeScope();
        var a = fixture.Model.Tap(fixture.Targets, "conv3:pre").mean([0]);
        var units = UnitRanking.MostActive(fixture.Model, fixture.Targets, "conv3:pre", 4);
        var peaks = a.flatten(1).amax([1]).to(ScalarType.Float64).ToArray<double>();
        Assert.Equal(Enumerable.Range(0, peaks.Length).OrderByDescending(c => peaks[c]).ThenBy(c => c).Take(4), units.Select(u => u.Channel));
        Assert.All(units, u => Assert.Equal(peaks[u.Channel], a[u.Channel, u.Y!.Value, u.X!.Value].ToDouble(), 6));
    }

    [Fact]
    public void Top_images_are_the_ones_with_the_highest_activation_of_the_unit()
    {
        using var scope = torch.NewDisposeScope();
        var images = torch.cat([fixture.Targets, -fixture.Targets, fixture.Targets * 0.5], 0);
        var unit = NeuronUnit.Conv("conv2:pre", 3, 12, 12);
        var a = UnitRanking.Activations(fixture.Model, images, unit);
        Assert.Equal(6, a.Length);
        Assert.Equal(fixture.Model.Tap(images, "conv2:pre")[2, 3, 12, 12].ToDouble(), a[2], 5);
        var top = UnitRanking.TopImages(fixture.Model, images, unit, 3);
        Assert.Equal(a.OrderByDescending(v => v).Take(3), top.Select(i => a[i]));
        Assert.Throws<ArgumentException>(() => UnitRanking.Activations(fixture.Model, images, NeuronUnit.Fc("conv2", 3)));
    }
}
