using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// Builds a <see cref="CityModel"/> from the options' seed: a grid of blocks of varied size with
/// an avenue every third street, origin at the city's centre; blocks filled by
/// <see cref="BlockBuilder"/> (taller and busier toward the centre), Street View panoramas along
/// the streets, and a sun and sky. Serial and cheap (milliseconds); only the rendering is parallel.
/// </summary>
internal static class CityGenerator
{
    public static CityModel Generate(SyntheticCityOptions o)
    {
        o.Validate();
        var rng = new CityRandom(o.Seed, 0, CityRandom.Salt.Layout);
        var layout = Layout(o, rng);
        var look = CityLook.From(o);
        var buildings = new List<Building>();
        var halfDiagonal = MathF.Sqrt(layout.CellX[^1] * layout.CellX[^1] + layout.CellY[^1] * layout.CellY[^1]);
        for (var iy = 0; iy < layout.Ny; iy++)
        for (var ix = 0; ix < layout.Nx; ix++)
            BlockBuilder.Fill(buildings, layout, ix, iy, rng,
                Downtown((layout.BlockX0[ix] + layout.BlockX1[ix]) / 2, (layout.BlockY0[iy] + layout.BlockY1[iy]) / 2, halfDiagonal), look);

        var targets = new List<int>();
        var m = o.TargetMarginBlocks;
        for (var i = 0; i < buildings.Count; i++)
        {
            var (ix, iy) = (buildings[i].Cell % layout.Nx, buildings[i].Cell / layout.Nx);
            if (buildings[i].Frontage != 0 && ix >= m && ix < layout.Nx - m && iy >= m && iy < layout.Ny - m)
                targets.Add(i);
        }
        if (targets.Count == 0)
            throw new ArgumentException("the city has no buildings away from its edge to put targets on; use more blocks or a smaller TargetMarginBlocks", nameof(o));

        return new CityModel
        {
            Geo = new GeoFrame(o.OriginLatitude, o.OriginLongitude, o.OriginHeight),
            Layout = layout,
            Buildings = [.. buildings],
            Grid = new BuildingGrid(layout, buildings),
            TargetBuildings = [.. targets],
            Panoramas = PanoramaPlacement.Place(layout, o, new CityRandom(o.Seed, 0, CityRandom.Salt.Panoramas)),
            Sky = Sky(rng, o),
        };
    }

    /// <summary>1 at the centre, falling to 0 at the corners: drives height, towers and shops.</summary>
    private static double Downtown(float x, float y, float halfDiagonal) =>
        Math.Clamp(1 - MathF.Sqrt(x * x + y * y) / halfDiagonal * 1.4, 0, 1);

    private static CityLayout Layout(SyntheticCityOptions o, CityRandom rng)
    {
        var (bx0, bx1, cx) = Axis(o.BlocksX, o, rng);
        var (by0, by1, cy) = Axis(o.BlocksY, o, rng);
        var halfDiagonal = MathF.Sqrt(cx[^1] * cx[^1] + cy[^1] * cy[^1]);
        var kinds = new BlockKind[o.BlocksX * o.BlocksY];
        for (var iy = 0; iy < o.BlocksY; iy++)
        for (var ix = 0; ix < o.BlocksX; ix++)
        {
            var downtown = Downtown((bx0[ix] + bx1[ix]) / 2, (by0[iy] + by1[iy]) / 2, halfDiagonal);
            kinds[iy * o.BlocksX + ix] = rng.NextDouble() switch
            {
                < 0.06 => BlockKind.Park,
                var u when u < 0.06 + 0.3 * downtown => BlockKind.Towers,
                _ => BlockKind.Buildings,
            };
        }
        return new CityLayout
        {
            Nx = o.BlocksX, Ny = o.BlocksY,
            BlockX0 = bx0, BlockX1 = bx1, BlockY0 = by0, BlockY1 = by1,
            CellX = cx, CellY = cy,
            Sidewalk = (float)o.SidewalkWidth,
            Kinds = kinds,
        };
    }

    /// <summary>Block extents and cell boundaries along one axis, centred on 0; every third street (the outer ones included) is an avenue.</summary>
    private static (float[] B0, float[] B1, float[] Cells) Axis(int n, SyntheticCityOptions o, CityRandom rng)
    {
        var gaps = new double[n + 1];
        for (var i = 0; i <= n; i++) gaps[i] = o.StreetWidth * (i % 3 == 0 ? 1.5 : 1.0);
        var sizes = new double[n];
        for (var i = 0; i < n; i++) sizes[i] = o.BlockSize * rng.Range(0.8, 1.2);
        var start = -(gaps.Sum() + sizes.Sum()) / 2;
        float[] b0 = new float[n], b1 = new float[n], cells = new float[n + 1];
        var at = start;
        cells[0] = (float)start;
        for (var i = 0; i < n; i++)
        {
            at += gaps[i];
            b0[i] = (float)at;
            at += sizes[i];
            b1[i] = (float)at;
        }
        for (var i = 1; i < n; i++) cells[i] = (b1[i - 1] + b0[i]) / 2;
        cells[n] = (float)(at + gaps[n]);
        return (b0, b1, cells);
    }

    private static SkyLight Sky(CityRandom rng, SyntheticCityOptions o)
    {
        var azimuth = rng.Range(0, 2 * Math.PI);
        var elevation = rng.Range(o.SunElevationMinDegrees, o.SunElevationMaxDegrees) * Math.PI / 180;
        var sun = new Vector3(
            (float)(Math.Sin(azimuth) * Math.Cos(elevation)),
            (float)(Math.Cos(azimuth) * Math.Cos(elevation)),
            (float)Math.Sin(elevation));
        var blue = (float)rng.Range(0.85, 1.1);
        var sunColour = new Vector3(1.0f, 0.95f, 0.86f) * (float)rng.Range(0.62, 0.78);
        var ambient = new Vector3(0.50f, 0.54f, 0.60f) * (float)rng.Range(0.85, 1.0);
        if (o.SunWarmth > 0)
        {
            var w = (float)o.SunWarmth;
            sunColour = Vector3.Lerp(sunColour, new Vector3(0.80f, 0.56f, 0.36f), w);
            ambient *= 1 - 0.3f * w;
        }
        return new SkyLight
        {
            SunDirection = Vector3.Normalize(sun),
            SunColour = sunColour,
            Ambient = ambient,
            Zenith = Vector3.Clamp(new Vector3(0.24f, 0.44f, 0.78f) * blue, Vector3.Zero, Vector3.One),
            Horizon = new Vector3(0.74f, 0.81f, 0.88f),
            CloudCover = (float)rng.Range(0.0, 0.65),
            FogDensity = (float)(1 / rng.Range(500, 1200)),
            Seed = (uint)rng.NextULong(),
        };
    }
}
