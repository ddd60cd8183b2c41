using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// Geographic train/test split of targets (FACTS.md, "The dataset": the original split
/// geographically, groups ≥ 100 m apart): every test target ends at least
/// <see cref="GeoSplitOptions.MinDistanceMetres"/> from every train target, so that no test
/// façade was seen in training from a nearby street. Whole groups (blocks or connected
/// components) are assigned, in an order drawn from the seed, until the test share is reached.
/// </summary>
public sealed record GeoSplit(IReadOnlyList<int> Train, IReadOnlyList<int> Test, IReadOnlyList<int> Excluded, GeoSplitReport Report)
{
    /// <summary>Splits targets by their target points; the lists hold targets.</summary>
    public static (IReadOnlyList<Target> Train, IReadOnlyList<Target> Test, GeoSplitReport Report) Targets(
        IReadOnlyList<Target> targets, GeoSplitOptions? options = null)
    {
        var s = Points(targets.Select(t => (t.Lat, t.Lon)).ToList(), options);
        return (s.Train.Select(i => targets[i]).ToList(), s.Test.Select(i => targets[i]).ToList(), s.Report);
    }

    /// <summary>Splits points given as (latitude, longitude) degrees; the lists hold indices into <paramref name="points"/>, ascending.</summary>
    public static GeoSplit Points(IReadOnlyList<(double Lat, double Lon)> points, GeoSplitOptions? options = null)
    {
        options ??= GeoSplitOptions.Default;
        if (options.MinDistanceMetres < 0 || options.TestFraction is < 0 or > 1 || options.CellSizeMetres <= 0)
            throw new ArgumentOutOfRangeException(nameof(options), options, "need MinDistanceMetres ≥ 0, TestFraction in [0, 1], CellSizeMetres > 0");

        var xyz = points.Select(p => Geo.Cartesian(p.Lat, p.Lon)).ToArray();
        var groups = options.Method == GeoSplitMethod.Components
            ? Components(xyz, Geo.ArcToChord(options.MinDistanceMetres))
            : Cells(xyz, options.CellSizeMetres);

        var isTest = AssignGroups(groups, points.Count, options);
        var excluded = new bool[points.Count];
        if (options.Method == GeoSplitMethod.GridCells)
            MarkBuffer(xyz, isTest, excluded, Geo.ArcToChord(options.MinDistanceMetres));

        var train = Enumerable.Range(0, points.Count).Where(i => !isTest[i] && !excluded[i]).ToList();
        var test = Enumerable.Range(0, points.Count).Where(i => isTest[i]).ToList();
        var dropped = Enumerable.Range(0, points.Count).Where(i => excluded[i]).ToList();
        var report = new GeoSplitReport
        {
            Options = options,
            Train = train.Count,
            Test = test.Count,
            Excluded = dropped.Count,
            Groups = groups.Count,
            AchievedTestFraction = points.Count == 0 ? 0 : (double)test.Count / points.Count,
            MinTrainTestDistanceMetres = MinDistance(xyz, train, test),
        };
        return new GeoSplit(train, test, dropped, report);
    }

    /// <summary>Shuffles the groups with the seed, then sends each to test while that brings the test count closer to its goal.</summary>
    private static bool[] AssignGroups(List<List<int>> groups, int n, GeoSplitOptions options)
    {
        var order = groups.ToArray();
        new Random(options.Seed).Shuffle(order);
        var goal = options.TestFraction * n;
        var isTest = new bool[n];
        var test = 0;
        foreach (var g in order)
        {
            if (Math.Abs(test + g.Count - goal) >= Math.Abs(test - goal)) continue;
            foreach (var i in g) isTest[i] = true;
            test += g.Count;
        }
        return isTest;
    }

    /// <summary>Groups by Earth-centred cube; groups ordered by cube index so the shuffle alone decides.</summary>
    private static List<List<int>> Cells((double X, double Y, double Z)[] xyz, double size) =>
        Enumerable.Range(0, xyz.Length)
            .GroupBy(i => ((long)Math.Floor(xyz[i].X / size), (long)Math.Floor(xyz[i].Y / size), (long)Math.Floor(xyz[i].Z / size)))
            .OrderBy(g => g.Key)
            .Select(g => g.ToList())
            .ToList();

    /// <summary>Connected components of "closer than the chord", by union–find over radius queries.</summary>
    private static List<List<int>> Components((double X, double Y, double Z)[] xyz, double chord)
    {
        var parent = Enumerable.Range(0, xyz.Length).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }
        var tree = new KdTree3(xyz);
        for (var i = 0; i < xyz.Length; i++)
        {
            foreach (var j in tree.Within(xyz[i], chord))
            {
                var (a, b) = (Find(i), Find(j));
                if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        }
        return Enumerable.Range(0, xyz.Length).GroupBy(Find).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
    }

    /// <summary>Leaves out train targets closer than the chord to a test target.</summary>
    private static void MarkBuffer((double X, double Y, double Z)[] xyz, bool[] isTest, bool[] excluded, double chord)
    {
        var test = Enumerable.Range(0, xyz.Length).Where(i => isTest[i]).ToList();
        if (test.Count == 0) return;
        var tree = new KdTree3(test.Select(i => xyz[i]).ToList());
        for (var i = 0; i < xyz.Length; i++)
            if (!isTest[i] && tree.Nearest(xyz[i]).Distance < chord) excluded[i] = true;
    }

    private static double? MinDistance((double X, double Y, double Z)[] xyz, List<int> train, List<int> test)
    {
        if (train.Count == 0 || test.Count == 0) return null;
        var tree = new KdTree3(train.Select(i => xyz[i]).ToList());
        return Geo.ChordToArc(test.Min(i => tree.Nearest(xyz[i]).Distance));
    }
}
