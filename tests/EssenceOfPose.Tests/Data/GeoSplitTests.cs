using EssenceOfPose.Data.Pairs;

namespace EssenceOfPose.Tests.Data;

public class GeoSplitTests
{
    /// <summary>Clusters of targets around a city centre, of random spread, with stray points: streets, blocks, outliers.</summary>
    private static List<(double Lat, double Lon)> RandomCity(int seed, int n)
    {
        var rng = new Random(seed);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var (lat0, lon0) = (rng.NextDouble() * 120 - 60, rng.NextDouble() * 360 - 180);
        var metresPerDegLon = 111_195 * Math.Cos(lat0 * Math.PI / 180);
        var centres = Enumerable.Range(0, rng.Next(2, 9))
            .Select(_ => (N: (rng.NextDouble() - 0.5) * 4000, E: (rng.NextDouble() - 0.5) * 4000, Sigma: 30 + rng.NextDouble() * 400))
            .ToList();
        var pts = new List<(double, double)>();
        for (var i = 0; i < n; i++)
        {
            var (north, east) = rng.NextDouble() < 0.1
                ? ((rng.NextDouble() - 0.5) * 6000, (rng.NextDouble() - 0.5) * 6000)
                : Pick(centres[rng.Next(centres.Count)]);
            pts.Add((lat0 + north / 111_195, lon0 + east / metresPerDegLon));
        }
        return pts;

        (double, double) Pick((double N, double E, double Sigma) c) => (c.N + c.Sigma * Gauss(), c.E + c.Sigma * Gauss());
    }

    private static double BruteForceMin(IReadOnlyList<(double Lat, double Lon)> pts, GeoSplit s)
    {
        var min = double.PositiveInfinity;
        foreach (var i in s.Train)
            foreach (var j in s.Test)
                min = Math.Min(min, Haversine(pts[i], pts[j]));
        return min;
    }

    /// <summary>Independent of the library's Geo: the textbook haversine on R = 6,371,008.8 m.</summary>
    private static double Haversine((double Lat, double Lon) a, (double Lat, double Lon) b)
    {
        const double r = 6_371_008.8, rad = Math.PI / 180;
        var dLat = (b.Lat - a.Lat) * rad;
        var dLon = (b.Lon - a.Lon) * rad;
        var h = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(a.Lat * rad) * Math.Cos(b.Lat * rad) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * r * Math.Asin(Math.Sqrt(h));
    }

    public static TheoryData<GeoSplitMethod, double, double> Settings => new()
    {
        { GeoSplitMethod.GridCells, 100, 0.1 },
        { GeoSplitMethod.GridCells, 250, 0.3 },
        { GeoSplitMethod.GridCells, 50, 0.5 },
        { GeoSplitMethod.Components, 100, 0.1 },
        { GeoSplitMethod.Components, 30, 0.3 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void NoTrainTargetIsCloserThanTheThresholdToATestTarget(GeoSplitMethod method, double minDistance, double fraction)
    {
        var nonTrivial = 0;
        for (var seed = 1; seed <= 25; seed++)
        {
            var pts = RandomCity(seed, 250);
            var options = new GeoSplitOptions { Method = method, MinDistanceMetres = minDistance, TestFraction = fraction, Seed = seed, CellSizeMetres = 800 };
            var s = GeoSplit.Points(pts, options);

            var all = s.Train.Concat(s.Test).Concat(s.Excluded).Order().ToList();
            Assert.Equal(Enumerable.Range(0, pts.Count), all);
            if (method == GeoSplitMethod.Components) Assert.Empty(s.Excluded);
            if (s.Train.Count == 0 || s.Test.Count == 0)
            {
                Assert.Null(s.Report.MinTrainTestDistanceMetres);
                continue;
            }
            nonTrivial++;
            var brute = BruteForceMin(pts, s);
            Assert.True(brute >= minDistance - 1e-6, $"seed {seed}: train and test {brute} m apart, threshold {minDistance} m");
            Assert.Equal(brute, s.Report.MinTrainTestDistanceMetres!.Value, 1e-6);
            Assert.Equal((s.Train.Count, s.Test.Count, s.Excluded.Count), (s.Report.Train, s.Report.Test, s.Report.Excluded));
        }
        Assert.True(nonTrivial >= 15, $"only {nonTrivial} of 25 random cities gave both a train and a test set");
    }

    [Fact]
    public void SameSeedSameSplitOtherSeedOtherSplit()
    {
        var pts = RandomCity(42, 400);
        var a = GeoSplit.Points(pts, new GeoSplitOptions { Seed = 1, TestFraction = 0.3 });
        var b = GeoSplit.Points(pts, new GeoSplitOptions { Seed = 1, TestFraction = 0.3 });
        var c = GeoSplit.Points(pts, new GeoSplitOptions { Seed = 2, TestFraction = 0.3 });
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Train, b.Train);
        Assert.NotEqual(a.Test, c.Test);
    }

    [Fact]
    public void GridCellsReachTheTestShareAndLoseOnlyABuffer()
    {
        var pts = RandomCity(9, 2000);
        var s = GeoSplit.Points(pts, new GeoSplitOptions { TestFraction = 0.2, Seed = 3, CellSizeMetres = 500 });
        Assert.InRange(s.Report.AchievedTestFraction, 0.15, 0.25);
        Assert.InRange(s.Excluded.Count, 1, pts.Count / 4);
    }

    [Fact]
    public void ComponentsSeparateTwoStreetsFarApartButNotAChain()
    {
        // Two rows of targets 50 m apart along the equator; the rows are 1 km apart.
        const double metre = 1 / 111_195.0;
        var rowA = Enumerable.Range(0, 10).Select(i => (0.0, i * 50 * metre));
        var rowB = Enumerable.Range(0, 10).Select(i => (0.0, (1450 + i * 50) * metre));
        var pts = rowA.Concat(rowB).ToList();
        var s = GeoSplit.Points(pts, new GeoSplitOptions { Method = GeoSplitMethod.Components, TestFraction = 0.5, Seed = 1 });
        Assert.Equal(2, s.Report.Groups);
        Assert.Equal(10, s.Test.Count);
        Assert.Equal(1000, s.Report.MinTrainTestDistanceMetres!.Value, 0.5);

        var chain = GeoSplit.Points(rowA.ToList(), new GeoSplitOptions { Method = GeoSplitMethod.Components, TestFraction = 0.5 });
        Assert.Equal(1, chain.Report.Groups);
        Assert.Null(chain.Report.MinTrainTestDistanceMetres);
    }

    [Fact]
    public void PointsAcrossTheAntimeridianAreNeighbours()
    {
        // 0.0005° of longitude on each side of ±180° at the equator: 111 m apart.
        var s = GeoSplit.Points([(0, 179.9995), (0, -179.9995)], new GeoSplitOptions { Method = GeoSplitMethod.Components, MinDistanceMetres = 200 });
        Assert.Equal(1, s.Report.Groups);
    }

    [Fact]
    public void KdTreeAgreesWithBruteForce()
    {
        var rng = new Random(4);
        var pts = Enumerable.Range(0, 500).Select(_ => (rng.NextDouble() * 100, rng.NextDouble() * 100, rng.NextDouble() * 5)).ToList();
        var tree = new KdTree3(pts);
        for (var k = 0; k < 200; k++)
        {
            var q = (rng.NextDouble() * 110 - 5, rng.NextDouble() * 110 - 5, rng.NextDouble() * 5);
            static double D((double X, double Y, double Z) a, (double X, double Y, double Z) b) =>
                Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y) + (a.Z - b.Z) * (a.Z - b.Z));
            var best = pts.Select((p, i) => (i, d: D(p, q))).MinBy(x => x.d);
            Assert.Equal(best.d, tree.Nearest(q).Distance, 1e-12);
            var within = pts.Select((p, i) => (i, d: D(p, q))).Where(x => x.d < 7).Select(x => x.i).Order();
            Assert.Equal(within, tree.Within(q, 7).Order());
        }
        Assert.Equal(-1, new KdTree3([]).Nearest((0, 0, 0)).Index);
    }
}
