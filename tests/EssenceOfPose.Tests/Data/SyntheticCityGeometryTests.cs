using System.Numerics;
using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Tests.Data;

/// <summary>The scene and the plan: ray casting, camera placement and the target at the image centre.</summary>
public class SyntheticCityGeometryTests
{
    internal static readonly SyntheticCityOptions Small = SyntheticCityOptions.Quick with { Targets = 40, BlocksX = 5, BlocksY = 5, Seed = 7 };

    private static readonly Lazy<SyntheticCityPlan> Plan = new(() => SyntheticCityPlan.Create(Small));

    [Fact]
    public void GridCastAgreesWithBruteForceOverAllBuildings()
    {
        var city = Plan.Value.City;
        var rng = new CityRandom(3, 0, 1);
        var (x0, x1) = (city.Layout.CellX[0] - 20, city.Layout.CellX[^1] + 20);
        var (y0, y1) = (city.Layout.CellY[0] - 20, city.Layout.CellY[^1] + 20);
        var hits = 0;
        for (var k = 0; k < 4000; k++)
        {
            // Origins anywhere (inside buildings excluded), some above the roofs, directions in every octant.
            var o = new Vector3((float)rng.Range(x0, x1), (float)rng.Range(y0, y1), (float)rng.Range(0.2, 60));
            if (Inside(city, o)) continue;
            var d = Vector3.Normalize(new Vector3((float)rng.Range(-1, 1), (float)rng.Range(-1, 1), (float)rng.Range(-0.6, 0.4)));
            var fast = city.Grid.Cast(o, d, float.PositiveInfinity, out var tFast);
            var (slow, tSlow) = BruteForce(city, o, d);
            if (slow < 0)
            {
                Assert.Equal(-1, fast);
                continue;
            }
            hits++;
            Assert.True(fast >= 0, $"ray {k} missed building {slow} at t={tSlow}");
            Assert.Equal(tSlow, tFast, 0.01f);
            Assert.True(city.Grid.Occluded(o, d, tSlow + 0.1f));
            Assert.False(city.Grid.Occluded(o, d, tSlow - 0.1f));
        }
        Assert.True(hits > 500, $"only {hits} rays hit anything: the test would prove little");
    }

    [Fact]
    public void EveryTargetHasTwoToSevenViewsFromDistinctPanoramas()
    {
        var plan = Plan.Value;
        Assert.Equal(Small.Targets, plan.Targets.Count);
        foreach (var t in plan.Targets)
        {
            Assert.InRange(t.Panoramas.Length, Small.ViewsMin, Small.ViewsMax);
            Assert.Equal(t.Panoramas.Length, t.Panoramas.Distinct().Count());
        }
        Assert.Equal(plan.Targets.Sum(t => t.Panoramas.Length), plan.Views.Count);
        // Several view counts occur, not always the minimum.
        Assert.True(plan.Targets.Select(t => t.Panoramas.Length).Distinct().Count() >= 3);
    }

    [Fact]
    public void TargetsLieOnStreetFacingWallsOfTheirBuilding()
    {
        var plan = Plan.Value;
        foreach (var t in plan.Targets)
        {
            var b = plan.City.Buildings[t.Building];
            Assert.True(b.Faces(t.Face));
            Assert.Equal(t.Face, ViewRenderer.FaceAt(in b, t.Point));
            Assert.InRange(t.Point.Z, 1.5f, MathF.Min(b.Height - 2.5f, 20f));
            Assert.InRange(t.Point.X, b.X0, b.X1);
            Assert.InRange(t.Point.Y, b.Y0, b.Y1);
        }
    }

    [Fact]
    public void CamerasStandOnCarriagewaysAtCameraHeightWithinRange()
    {
        var plan = Plan.Value;
        var l = plan.City.Layout;
        foreach (var v in plan.Views)
        {
            var c = v.Pose.Position;
            Assert.Equal((float)Small.CameraHeight, c.Z);
            Assert.InRange(c.X, l.CellX[0], l.CellX[^1]);
            Assert.InRange(c.Y, l.CellY[0], l.CellY[^1]);
            var ix = l.CellColumn(c.X);
            var iy = l.CellRow(c.Y);
            var inBlock = c.X >= l.BlockX0[ix] && c.X <= l.BlockX1[ix] && c.Y >= l.BlockY0[iy] && c.Y <= l.BlockY1[iy];
            Assert.False(inBlock, $"camera {v.Name} at ({c.X}, {c.Y}) stands in block ({ix}, {iy})");
            var distance = Vector3.Distance(c, v.Target.Point);
            Assert.InRange(distance, Small.CameraDistanceMin, Small.CameraDistanceMax);
        }
    }

    [Fact]
    public void EveryLineOfSightIsUnoccludedAndFacesTheWall()
    {
        var plan = Plan.Value;
        var cosMax = Math.Cos(Small.MaxIncidenceDegrees * Math.PI / 180);
        foreach (var v in plan.Views)
        {
            var toTarget = v.Target.Point - v.Pose.Position;
            var distance = toTarget.Length();
            var d = toTarget / distance;
            Assert.False(plan.City.Grid.Occluded(v.Pose.Position, d, distance - 0.05f), $"{v.Name}: line of sight blocked");
            Assert.True(Vector3.Dot(-d, v.Target.Normal) >= cosMax - 1e-4, $"{v.Name}: sees the wall too obliquely");
        }
    }

    [Fact]
    public void TheTargetIsAtTheImageCentre()
    {
        var plan = Plan.Value;
        foreach (var v in plan.Views)
        {
            var c = v.Pose.Position;
            var t = v.Target.Point;
            double dx = t.X - c.X, dy = t.Y - c.Y, dz = t.Z - c.Z;
            // Heading and pitch recomputed from the positions, independently of GeoFrame.
            var heading = (Math.Atan2(dx, dy) * 180 / Math.PI + 360) % 360;
            var pitch = Math.Asin(dz / Math.Sqrt(dx * dx + dy * dy + dz * dz)) * 180 / Math.PI;
            Assert.Equal(heading, v.Pose.Heading, 1e-6);
            Assert.Equal(pitch, v.Pose.Pitch, 1e-6);
            Assert.InRange(Math.Abs(v.Pose.Pitch), 0, Small.MaxPitchDegrees);
            var (forward, right, up) = v.Pose.Basis();
            Assert.Equal(0f, right.Z, 1e-6f); // roll 0
            Assert.Equal(1f, Vector3.Dot(forward, Vector3.Normalize(t - c)), 1e-5f);
            // The central ray (the corner of the four centre pixels) hits the target's wall at the target.
            var hit = plan.City.Grid.Cast(c, forward, float.PositiveInfinity, out var tHit);
            Assert.Equal(v.Target.Building, hit);
            Assert.Equal(Vector3.Distance(c, t), tHit, 0.02f);
            Assert.True(Vector3.Cross(right, up).Length() > 0.999f);
        }
    }

    [Fact]
    public void PanoramasShareStreetViewIdsAcrossTargets()
    {
        // As in the real data, one panorama sees several targets: some StreetViewIDs repeat.
        var plan = SyntheticCityPlan.Create(Small with { Targets = 120 });
        Assert.True(plan.Views.Select(v => v.Panorama).Distinct().Count() < plan.Views.Count);
    }

    [Fact]
    public void PlanDoesNotDependOnThreadCount()
    {
        var one = SyntheticCityPlan.Create(Small, maxDegreeOfParallelism: 1);
        var many = SyntheticCityPlan.Create(Small, maxDegreeOfParallelism: 4);
        Assert.Equal(one.Views.Select(v => (v.Name, v.Pose)), many.Views.Select(v => (v.Name, v.Pose)));
    }

    [Fact]
    public void OptionsOutOfRangeAreRejectedByName()
    {
        var e = Assert.Throws<ArgumentException>(() => CityGenerator.Generate(Small with { ViewsMin = 5, ViewsMax = 3 }));
        Assert.Contains("ViewsMin", e.Message);
        Assert.Throws<ArgumentException>(() => CityGenerator.Generate(Small with { ImageSize = 4 }));
    }

    [Fact]
    public void RandomStreamsAreReproducibleAndIndependent()
    {
        var a = new CityRandom(5, 1, 9);
        var b = new CityRandom(5, 1, 9);
        var c = new CityRandom(5, 2, 9);
        var xs = Enumerable.Range(0, 8).Select(_ => a.NextULong()).ToArray();
        Assert.Equal(xs, Enumerable.Range(0, 8).Select(_ => b.NextULong()));
        Assert.NotEqual(xs, Enumerable.Range(0, 8).Select(_ => c.NextULong()));
        var r = new CityRandom(1, 0, 0);
        for (var i = 0; i < 1000; i++) Assert.InRange(r.Between(2, 7), 2, 7);
    }

    private static bool Inside(CityModel city, Vector3 p) =>
        city.Buildings.Any(b => p.X > b.X0 && p.X < b.X1 && p.Y > b.Y0 && p.Y < b.Y1 && p.Z < b.Height);

    private static (int Building, float T) BruteForce(CityModel city, Vector3 o, Vector3 d)
    {
        var best = (-1, float.PositiveInfinity);
        for (var i = 0; i < city.Buildings.Length; i++)
        {
            var b = city.Buildings[i];
            double tn = 0, tf = double.PositiveInfinity;
            if (!Slab(o.X, d.X, b.X0, b.X1, ref tn, ref tf) || !Slab(o.Y, d.Y, b.Y0, b.Y1, ref tn, ref tf) || !Slab(o.Z, d.Z, 0, b.Height, ref tn, ref tf)) continue;
            if (tn < best.Item2) best = (i, (float)tn);
        }
        return best;
    }

    private static bool Slab(double o, double d, double lo, double hi, ref double tn, ref double tf)
    {
        if (Math.Abs(d) < 1e-12) return o >= lo && o <= hi;
        double a = (lo - o) / d, b = (hi - o) / d;
        tn = Math.Max(tn, Math.Min(a, b));
        tf = Math.Min(tf, Math.Max(a, b));
        return tn <= tf;
    }
}
