using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// Ray casting against the city's box buildings. Each street-grid cell keeps its buildings as
/// struct-of-arrays boxes padded to a multiple of 8 (with copies of a real box, which can only
/// repeat a hit), so a cell is tested 8 boxes per slab test with 256-bit vectors. A ray walks the
/// cells front to back (Amanatides and Woo's grid traversal on the non-uniform street grid); a
/// building never leaves its cell, so the first cell with a hit holds the nearest one. Rays are
/// clipped to the ground plane and to the tallest roof before walking, and a cell whose tallest
/// roof the ray passes above is skipped without testing its boxes.
/// </summary>
internal sealed class BuildingGrid
{
    private const int Lanes = 8;
    private const float Epsilon = 1e-4f;

    private readonly CityLayout _layout;
    private readonly float[] _x0, _y0, _x1, _y1, _h;
    private readonly int[] _building;
    private readonly int[] _cellStart, _cellCount;
    private readonly float[] _cellTop;

    public BuildingGrid(CityLayout layout, IReadOnlyList<Building> buildings)
    {
        _layout = layout;
        var cells = layout.Nx * layout.Ny;
        var perCell = new List<int>[cells];
        for (var c = 0; c < cells; c++) perCell[c] = [];
        for (var i = 0; i < buildings.Count; i++) perCell[buildings[i].Cell].Add(i);

        _cellStart = new int[cells];
        _cellCount = new int[cells];
        _cellTop = new float[cells];
        var total = 0;
        for (var c = 0; c < cells; c++)
        {
            _cellStart[c] = total;
            _cellCount[c] = (perCell[c].Count + Lanes - 1) / Lanes * Lanes;
            total += _cellCount[c];
        }
        _x0 = new float[total]; _y0 = new float[total]; _x1 = new float[total]; _y1 = new float[total]; _h = new float[total];
        _building = new int[total];
        for (var c = 0; c < cells; c++)
        {
            for (var k = 0; k < _cellCount[c]; k++)
            {
                var index = perCell[c][k < perCell[c].Count ? k : 0];
                var b = buildings[index];
                var s = _cellStart[c] + k;
                (_x0[s], _y0[s], _x1[s], _y1[s], _h[s]) = (b.X0, b.Y0, b.X1, b.Y1, b.Height);
                _building[s] = index;
                _cellTop[c] = MathF.Max(_cellTop[c], b.Height);
            }
            MaxHeight = MathF.Max(MaxHeight, _cellTop[c]);
        }
    }

    /// <summary>The tallest roof: a ray above it going up meets nothing.</summary>
    public float MaxHeight { get; }

    /// <summary>Nearest building hit in (0, <paramref name="tMax"/>): its index and distance, or −1.</summary>
    public int Cast(Vector3 origin, Vector3 direction, float tMax, out float t) => Walk(origin, direction, tMax, anyHit: false, out t);

    /// <summary>True when some building lies on the segment from <paramref name="origin"/> to distance <paramref name="tMax"/>.</summary>
    public bool Occluded(Vector3 origin, Vector3 direction, float tMax) => Walk(origin, direction, tMax, anyHit: true, out _) >= 0;

    private int Walk(Vector3 o, Vector3 d, float tMax, bool anyHit, out float tHit)
    {
        tHit = float.PositiveInfinity;
        var dx = NonZero(d.X);
        var dy = NonZero(d.Y);
        var dz = NonZero(d.Z);
        float idx = 1 / dx, idy = 1 / dy, idz = 1 / dz;

        var tEnd = tMax;
        if (dz < 0) tEnd = MathF.Min(tEnd, -o.Z * idz);
        else tEnd = MathF.Min(tEnd, (MaxHeight - o.Z) * idz);
        var cx = _layout.CellX;
        var cy = _layout.CellY;
        float ax = (cx[0] - o.X) * idx, bx = (cx[^1] - o.X) * idx;
        float ay = (cy[0] - o.Y) * idy, by = (cy[^1] - o.Y) * idy;
        var tIn = MathF.Max(0, MathF.Max(MathF.Min(ax, bx), MathF.Min(ay, by)));
        tEnd = MathF.Min(tEnd, MathF.Min(MathF.Max(ax, bx), MathF.Max(ay, by)));
        if (!(tIn < tEnd)) return -1;

        int nx = _layout.Nx, ny = _layout.Ny;
        // A ray entering from outside starts on the edge, where rounding may put it just outside.
        var ix = _layout.CellColumn(o.X + dx * tIn);
        var iy = _layout.CellRow(o.Y + dy * tIn);
        if (ix < 0) ix = dx > 0 ? 0 : nx - 1;
        if (iy < 0) iy = dy > 0 ? 0 : ny - 1;
        int stepX = dx > 0 ? 1 : -1, stepY = dy > 0 ? 1 : -1;
        var tNextX = (cx[dx > 0 ? ix + 1 : ix] - o.X) * idx;
        var tNextY = (cy[dy > 0 ? iy + 1 : iy] - o.Y) * idy;

        var vox = Vector256.Create(o.X);
        var voy = Vector256.Create(o.Y);
        var vidx = Vector256.Create(idx);
        var vidy = Vector256.Create(idy);
        var vidz = Vector256.Create(idz);
        var vtz0 = Vector256.Create(-o.Z * idz);
        var voz = Vector256.Create(o.Z);
        var veps = Vector256.Create(Epsilon);

        ref var x0 = ref MemoryMarshal.GetArrayDataReference(_x0);
        ref var y0 = ref MemoryMarshal.GetArrayDataReference(_y0);
        ref var x1 = ref MemoryMarshal.GetArrayDataReference(_x1);
        ref var y1 = ref MemoryMarshal.GetArrayDataReference(_y1);
        ref var hh = ref MemoryMarshal.GetArrayDataReference(_h);

        while (true)
        {
            var tOut = MathF.Min(MathF.Min(tNextX, tNextY), tEnd);
            var c = iy * nx + ix;
            var count = _cellCount[c];
            // The ray's lowest point inside this cell; above the cell's tallest roof it misses every box.
            if (count > 0 && o.Z + dz * (dz > 0 ? tIn : tOut) <= _cellTop[c])
            {
                var best = Vector256.Create(tEnd);
                var bestSlot = -1;
                for (int s = _cellStart[c], e = s + count; s < e; s += Lanes)
                {
                    var ta = (Vector256.LoadUnsafe(ref x0, (nuint)s) - vox) * vidx;
                    var tb = (Vector256.LoadUnsafe(ref x1, (nuint)s) - vox) * vidx;
                    var tc = (Vector256.LoadUnsafe(ref y0, (nuint)s) - voy) * vidy;
                    var td = (Vector256.LoadUnsafe(ref y1, (nuint)s) - voy) * vidy;
                    var te = (Vector256.LoadUnsafe(ref hh, (nuint)s) - voz) * vidz;
                    var near = Vector256.MaxNative(
                        Vector256.MaxNative(Vector256.MinNative(ta, tb), Vector256.MinNative(tc, td)),
                        Vector256.MaxNative(Vector256.MinNative(vtz0, te), veps));
                    var far = Vector256.MinNative(
                        Vector256.MinNative(Vector256.MaxNative(ta, tb), Vector256.MaxNative(tc, td)),
                        Vector256.MaxNative(vtz0, te));
                    var hit = Vector256.LessThanOrEqual(near, far) & Vector256.LessThan(near, best);
                    var bits = hit.ExtractMostSignificantBits();
                    if (bits == 0) continue;
                    if (anyHit)
                    {
                        tHit = near.GetElement(BitOperations.TrailingZeroCount(bits));
                        return _building[s + BitOperations.TrailingZeroCount(bits)];
                    }
                    while (bits != 0)
                    {
                        var lane = BitOperations.TrailingZeroCount(bits);
                        var tl = near.GetElement(lane);
                        if (tl < best.GetElement(0))
                        {
                            best = Vector256.Create(tl);
                            bestSlot = s + lane;
                        }
                        bits &= bits - 1;
                    }
                }
                if (bestSlot >= 0)
                {
                    tHit = best.GetElement(0);
                    return _building[bestSlot];
                }
            }
            if (tOut >= tEnd) return -1;
            if (tNextX < tNextY)
            {
                ix += stepX;
                if ((uint)ix >= (uint)nx) return -1;
                tIn = tNextX;
                tNextX = (cx[dx > 0 ? ix + 1 : ix] - o.X) * idx;
            }
            else
            {
                iy += stepY;
                if ((uint)iy >= (uint)ny) return -1;
                tIn = tNextY;
                tNextY = (cy[dy > 0 ? iy + 1 : iy] - o.Y) * idy;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float NonZero(float v) => MathF.Abs(v) > 1e-9f ? v : (v < 0 ? -1e-9f : 1e-9f);
}
