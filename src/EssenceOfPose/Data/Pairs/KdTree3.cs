namespace EssenceOfPose.Data.Pairs;

/// <summary>
/// A static k-d tree over 3-D points for exact nearest-neighbour and radius queries, so that the
/// geographic split stays O(n log n) on millions of targets. Points are the targets' Earth-centred
/// coordinates (<see cref="Geo.Cartesian"/>), where chord order equals great-circle order.
/// </summary>
internal sealed class KdTree3
{
    private readonly (double X, double Y, double Z)[] _points;
    private readonly int[] _order; // the tree, implicit: the node of range [lo, hi) sits at (lo + hi) / 2

    public KdTree3(IReadOnlyList<(double X, double Y, double Z)> points)
    {
        _points = points.ToArray();
        _order = Enumerable.Range(0, _points.Length).ToArray();
        Build(0, _order.Length, 0);
    }

    public int Count => _points.Length;

    /// <summary>Index and distance of the point nearest to q, or (−1, ∞) on an empty tree.</summary>
    public (int Index, double Distance) Nearest((double X, double Y, double Z) q)
    {
        var best = (Index: -1, Sq: double.PositiveInfinity);
        Nearest(q, 0, _order.Length, 0, ref best);
        return (best.Index, Math.Sqrt(best.Sq));
    }

    /// <summary>Indices of the points strictly closer than <paramref name="radius"/> to q.</summary>
    public List<int> Within((double X, double Y, double Z) q, double radius)
    {
        var found = new List<int>();
        Within(q, radius * radius, 0, _order.Length, 0, found);
        return found;
    }

    private void Build(int lo, int hi, int axis)
    {
        if (hi - lo <= 1) return;
        Array.Sort(_order, lo, hi - lo, Comparer<int>.Create((a, b) => Coord(_points[a], axis).CompareTo(Coord(_points[b], axis))));
        var mid = (lo + hi) / 2;
        Build(lo, mid, (axis + 1) % 3);
        Build(mid + 1, hi, (axis + 1) % 3);
    }

    private void Nearest((double X, double Y, double Z) q, int lo, int hi, int axis, ref (int Index, double Sq) best)
    {
        if (lo >= hi) return;
        var mid = (lo + hi) / 2;
        var p = _points[_order[mid]];
        var d = Sq(p, q);
        if (d < best.Sq) best = (_order[mid], d);
        var delta = Coord(q, axis) - Coord(p, axis);
        var next = (axis + 1) % 3;
        var (near, far) = delta < 0 ? ((lo, mid), (mid + 1, hi)) : ((mid + 1, hi), (lo, mid));
        Nearest(q, near.Item1, near.Item2, next, ref best);
        if (delta * delta < best.Sq) Nearest(q, far.Item1, far.Item2, next, ref best);
    }

    private void Within((double X, double Y, double Z) q, double radiusSq, int lo, int hi, int axis, List<int> found)
    {
        if (lo >= hi) return;
        var mid = (lo + hi) / 2;
        var p = _points[_order[mid]];
        if (Sq(p, q) < radiusSq) found.Add(_order[mid]);
        var delta = Coord(q, axis) - Coord(p, axis);
        var next = (axis + 1) % 3;
        if (delta < 0 || delta * delta < radiusSq) Within(q, radiusSq, lo, mid, next, found);
        if (delta >= 0 || delta * delta < radiusSq) Within(q, radiusSq, mid + 1, hi, next, found);
    }

    private static double Coord((double X, double Y, double Z) p, int axis) => axis switch { 0 => p.X, 1 => p.Y, _ => p.Z };

    private static double Sq((double X, double Y, double Z) a, (double X, double Y, double Z) b)
    {
        double dx = a.X - b.X, dy = a.Y - b.Y, dz = a.Z - b.Z;
        return dx * dx + dy * dy + dz * dz;
    }
}
