using System.Text.Json;
using EssenceOfPose.Data.Pairs;

namespace EssenceOfPose.Tests.Data;

public class LabelStatsTests
{
    [Fact]
    public void MeanAndPopulationStdPerComponent()
    {
        var s = LabelStats.Compute(PoseLabelKind.Dof2, [[1, 10], [3, 10], [5, 10]]);
        Assert.Equal([3.0, 10.0], s.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3.0), s.Std[0], 1e-15);
        Assert.Equal(0, s.Std[1]);
        Assert.Equal(3, s.Count);
        Assert.Equal(["dHeading", "dPitch"], s.Names);
        // A constant component is centred and divided by 1.
        Assert.Equal([2 / Math.Sqrt(8.0 / 3.0), 0.0], s.Normalize([5, 10]));
    }

    [Fact]
    public void NormaliseThenDenormaliseGivesTheLabelBack()
    {
        var rng = new Random(3);
        double[] Draw() => [rng.NextDouble() * 360 - 180, rng.NextDouble() * 20, 0, rng.NextDouble() * 40, rng.NextDouble() * 5, rng.NextDouble() * 30];
        var train = Enumerable.Range(0, 500).Select(_ => Draw()).ToList();
        var s = LabelStats.Compute(PoseLabelKind.Dof6, train);
        var z = train.Select(s.Normalize).ToList();
        for (var c = 0; c < 6; c++)
        {
            Assert.Equal(0, z.Average(v => v[c]), 1e-9);
            if (c != 2) Assert.Equal(1, Math.Sqrt(z.Average(v => v[c] * v[c])), 1e-9);
        }
        for (var k = 0; k < 100; k++)
        {
            var v = Draw();
            var back = s.Denormalize(s.Normalize(v));
            for (var c = 0; c < 6; c++) Assert.Equal(v[c], back[c], 1e-9);
        }
    }

    [Fact]
    public void JsonRoundTripKeepsEveryNumberExactly()
    {
        var s = LabelStats.Compute(PoseLabelKind.QuaternionTranslation,
            [[0.1, 0.2, 0.3, 0.4, 1.0 / 3, 2.0 / 7, 1e-300], [0.9, 0.8, 0.7, 0.6, 5.5, -3.25, 1e100]]);
        var json = s.ToJson();
        Assert.Contains("\"kind\":\"quaternionTranslation\"", json);
        var back = LabelStats.FromJson(json);
        Assert.Equal(s.Kind, back.Kind);
        Assert.Equal(s.Mean, back.Mean);
        Assert.Equal(s.Std, back.Std);
        Assert.Equal(s.Names, back.Names);
        Assert.Equal(s.Count, back.Count);
    }

    [Fact]
    public void RejectsLabelsOfTheWrongSize()
    {
        var s = LabelStats.Compute(PoseLabelKind.Dof2, [[1, 2], [3, 4]]);
        Assert.Throws<ArgumentException>(() => s.Normalize([1, 2, 3]));
        Assert.Throws<ArgumentException>(() => LabelStats.Compute(PoseLabelKind.Dof6, [[1, 2]]));
        Assert.Throws<ArgumentException>(() => LabelStats.Compute(PoseLabelKind.Dof6, []));
        var bad = s.ToJson().Replace("\"kind\":\"dof2\"", "\"kind\":\"dof6\"");
        Assert.Throws<JsonException>(() => LabelStats.FromJson(bad));
    }
}
