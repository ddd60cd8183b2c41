using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// Street View locations: like the capture car's, one every <see cref="SyntheticCityOptions.PanoramaSpacing"/>
/// metres (±20 %) along every carriageway, in a lane (never on a sidewalk, never in a block).
/// Targets share them, as in the real data, where one panorama sees many façade points.
/// </summary>
internal static class PanoramaPlacement
{
    public static Vector2[] Place(CityLayout l, SyntheticCityOptions o, CityRandom rng)
    {
        var spots = new List<Vector2>();
        // Streets running north-south sit in the x gaps, east-west ones in the y gaps.
        for (var i = 0; i <= l.Nx; i++)
        {
            var (a0, a1) = GapBounds(l.BlockX0, l.BlockX1, l.CellX, i);
            Along(spots, a0, a1, l.CellY[0], l.CellY[^1], o, rng, northSouth: true);
        }
        for (var j = 0; j <= l.Ny; j++)
        {
            var (a0, a1) = GapBounds(l.BlockY0, l.BlockY1, l.CellY, j);
            Along(spots, a0, a1, l.CellX[0], l.CellX[^1], o, rng, northSouth: false);
        }
        return [.. spots];
    }

    /// <summary>The carriageway between block <paramref name="i"/> − 1 and block <paramref name="i"/> (the city's edge beyond the first and last).</summary>
    public static (float A0, float A1) GapBounds(float[] b0, float[] b1, float[] cells, int i) =>
        (i == 0 ? cells[0] : b1[i - 1], i == b0.Length ? cells[^1] : b0[i]);

    private static void Along(List<Vector2> spots, float a0, float a1, float from, float to, SyntheticCityOptions o, CityRandom rng, bool northSouth)
    {
        var lane = MathF.Max(0, (a1 - a0) / 2 - 1.5f);
        var centre = (a0 + a1) / 2;
        for (var s = from + (float)(o.PanoramaSpacing * rng.Range(0.2, 1.0)); s < to - 1; s += (float)(o.PanoramaSpacing * rng.Range(0.8, 1.2)))
        {
            var across = centre + (float)rng.Range(-lane, lane);
            spots.Add(northSouth ? new Vector2(across, s) : new Vector2(s, across));
        }
    }
}
