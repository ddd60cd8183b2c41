namespace EssenceOfPose.Data.SyntheticCity;

internal enum BlockKind : byte { Buildings, Towers, Park }

/// <summary>
/// The street grid in the local frame (metres): <see cref="Nx"/> × <see cref="Ny"/> blocks whose
/// extents are <c>[BlockX0[i], BlockX1[i]] × [BlockY0[j], BlockY1[j]]</c>, a sidewalk ring of
/// <see cref="Sidewalk"/> metres inside each block, carriageways in the gaps (and a ring around
/// the city). Cells split each gap down its middle, so cell (i, j) holds block (i, j) and half of
/// the streets around it; the ray caster walks these cells.
/// </summary>
internal sealed class CityLayout
{
    public required int Nx { get; init; }
    public required int Ny { get; init; }
    public required float[] BlockX0 { get; init; }
    public required float[] BlockX1 { get; init; }
    public required float[] BlockY0 { get; init; }
    public required float[] BlockY1 { get; init; }
    /// <summary>Cell boundaries, <c>Nx + 1</c> and <c>Ny + 1</c> of them; the outer ones are the city's edge.</summary>
    public required float[] CellX { get; init; }
    public required float[] CellY { get; init; }
    public required float Sidewalk { get; init; }
    public required BlockKind[] Kinds { get; init; }

    public BlockKind Kind(int ix, int iy) => Kinds[iy * Nx + ix];

    /// <summary>Index of the cell column holding <paramref name="x"/>, or −1 outside the city.</summary>
    public int CellColumn(float x) => Locate(CellX, x);

    public int CellRow(float y) => Locate(CellY, y);

    /// <summary>The carriageway gap (x range) beside block column <paramref name="ix"/> on the side of <paramref name="x"/>.</summary>
    public (float A0, float A1) GapX(int ix, float x) => Gap(BlockX0, BlockX1, CellX, ix, x);

    public (float A0, float A1) GapY(int iy, float y) => Gap(BlockY0, BlockY1, CellY, iy, y);

    private static (float, float) Gap(float[] b0, float[] b1, float[] cells, int i, float v) =>
        v < b0[i]
            ? (i == 0 ? cells[0] : b1[i - 1], b0[i])
            : (b1[i], i == b0.Length - 1 ? cells[^1] : b0[i + 1]);

    private static int Locate(float[] bounds, float v)
    {
        if (!(v >= bounds[0] && v < bounds[^1])) return -1;
        int lo = 0, hi = bounds.Length - 1; // bounds[lo] <= v < bounds[hi]
        while (hi - lo > 1)
        {
            var mid = (lo + hi) >> 1;
            if (v < bounds[mid]) hi = mid; else lo = mid;
        }
        return lo;
    }
}
