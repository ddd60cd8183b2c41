using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Tests.Data;

public class PairSamplerTests
{
    /// <summary>Targets with the given numbers of views; records differ only in ids and camera position.</summary>
    internal static List<Target> FakeTargets(params int[] viewsPerTarget)
    {
        var targets = new List<Target>();
        var image = 0;
        for (var t = 0; t < viewsPerTarget.Length; t++)
        {
            var views = new List<DatasetView>();
            for (var v = 0; v < viewsPerTarget[t]; v++)
            {
                image++;
                var name = new StreetViewName("0001", image.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), "1", (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                var record = RelativePoseTests.Camera(40 + t * 0.01, -80 + v * 0.0001, 260, v * 40) with
                {
                    DatasetId = "0001",
                    TargetId = name.TargetId,
                    TargetLat = 40 + t * 0.01,
                    TargetLon = -80,
                };
                views.Add(new DatasetView(name, record, new FileImageSource(name.ImageFileName), name.TextFileName));
            }
            targets.Add(new Target(new TargetKey(1, t + 1), views));
        }
        return targets;
    }

    [Fact]
    public void FixturePairsAreEveryPairOfViewsOfATargetOnceAndAsManyNegatives()
    {
        var targets = StreetViewDataset.Load(TestFiles.StreetViewFixture).Targets;
        var set = PairSampler.Sample(targets);
        Assert.Equal(3 + 1 + 1, set.Positives.Count); // C(3,2) + C(2,2) + C(2,2)
        Assert.Equal(5, set.Negatives.Count);
        Assert.All(set.Positives, p =>
        {
            Assert.True(p.IsMatch);
            Assert.Equal(p.First.Target, p.Second.Target);
            Assert.True(string.CompareOrdinal(p.First.Name.Stem, p.Second.Name.Stem) < 0);
            Assert.NotNull(p.Pose);
            Assert.Equal(1, p.MatchLabel);
        });
        Assert.All(set.Negatives, p =>
        {
            Assert.False(p.IsMatch);
            Assert.NotEqual(p.First.Target, p.Second.Target);
            Assert.Null(p.Pose);
            Assert.Equal(new double[6], p.Label(PoseLabelKind.Dof6));
            Assert.Equal(0, p.MatchLabel);
        });
    }

    [Fact]
    public void BothOrdersDoublesThePositives()
    {
        var targets = FakeTargets(2, 3, 7);
        var one = PairSampler.Positives(targets).ToList();
        var both = PairSampler.Positives(targets, bothOrders: true).ToList();
        Assert.Equal(1 + 3 + 21, one.Count);
        Assert.Equal(2 * one.Count, both.Count);
        Assert.Equal(both.Count, both.Select(p => (p.First.Name, p.Second.Name)).Distinct().Count());
    }

    [Theory]
    [InlineData(0.5, 25)]
    [InlineData(0.25, 75)]
    [InlineData(0.8, 6)]
    [InlineData(1.0, 0)]
    public void NegativeCountFollowsThePositiveFraction(double fraction, int negatives)
    {
        var set = PairSampler.Sample(FakeTargets(2, 3, 7), new PairOptions { PositiveFraction = fraction });
        Assert.Equal(negatives, set.Negatives.Count);
    }

    [Fact]
    public void NegativesAreDeterministicForASeedAndDifferAcrossSeeds()
    {
        var targets = FakeTargets(Enumerable.Repeat(3, 40).ToArray());
        static List<(string, string)> Names(PairSet s) => s.Negatives.Select(p => (p.First.Name.Stem, p.Second.Name.Stem)).ToList();
        var a = Names(PairSampler.Sample(targets, new PairOptions { Seed = 11 }));
        var b = Names(PairSampler.Sample(targets, new PairOptions { Seed = 11 }));
        var c = Names(PairSampler.Sample(targets, new PairOptions { Seed = 12 }));
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(40 * 3, a.Count);
    }

    [Fact]
    public void NegativesCoverEveryTargetRoughlyUniformly()
    {
        var targets = FakeTargets(Enumerable.Repeat(2, 10).ToArray());
        var negatives = PairSampler.Negatives(targets, 20000, seed: 5);
        var counts = negatives.SelectMany(p => new[] { p.First.Target, p.Second.Target }).GroupBy(t => t).Select(g => g.Count()).ToList();
        Assert.Equal(10, counts.Count);
        Assert.All(counts, n => Assert.InRange(n, 3600, 4400)); // 40000 slots / 10 targets, ±10 %
    }

    [Fact]
    public void ShuffleIsAPermutationFixedBySeed()
    {
        var set = PairSampler.Sample(FakeTargets(3, 3, 3, 2));
        var s1 = set.Shuffled(1);
        Assert.Equal(s1, set.Shuffled(1));
        Assert.NotEqual(s1, set.Shuffled(2));
        Assert.Equal(set.All.OrderBy(p => p.ToString()), s1.OrderBy(p => p.ToString()));
    }

    [Fact]
    public void RefusesWhatCannotBeDrawn()
    {
        Assert.Throws<ArgumentException>(() => PairSampler.Sample(FakeTargets(3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairSampler.Sample(FakeTargets(2, 2), new PairOptions { PositiveFraction = 0 }));
        Assert.Empty(PairSampler.Sample(FakeTargets(3), new PairOptions { PositiveFraction = 1 }).Negatives);
    }
}
