using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>Image size, field of view and whether to trace shadows: what the renderer needs beyond the city and the pose.</summary>
internal readonly record struct RenderSettings(int Size, double FieldOfViewDegrees, bool Shadows)
{
    public static RenderSettings From(SyntheticCityOptions o) => new(o.ImageSize, o.FieldOfViewDegrees, o.Shadows);
}

/// <summary>
/// Renders one view by ray casting, one ray per pixel through the pixel's centre: the nearest
/// building or the ground, else the sky. Surfaces get Lambert shading from the sun (with a shadow
/// ray when enabled) plus ambient sky light, then haze with distance. Pixel (i, j), i right and j
/// down, looks along forward + x·right + y·up with x = ((i + ½)·2/W − 1)·tan(fov/2) and
/// y = (1 − (j + ½)·2/H)·tan(fov/2), so the target (straight ahead) lies at (W/2, H/2), the
/// corner shared by the four centre pixels. No allocation per pixel; a render is single-threaded
/// and callers parallelise over images.
/// </summary>
internal static class ViewRenderer
{
    public static void Render(CityModel city, CameraPose pose, RenderSettings settings, Span<byte> rgb)
    {
        var size = settings.Size;
        if (rgb.Length != size * size * 3)
            throw new ArgumentException($"expected {size}×{size}×3 bytes, got {rgb.Length}", nameof(rgb));
        var (forward, right, up) = pose.Basis();
        var tanHalf = (float)Math.Tan(settings.FieldOfViewDegrees * Math.PI / 360);
        var pixelAngle = 2 * tanHalf / size;
        var step = 2f / size;
        var origin = pose.Position;
        var k = 0;
        for (var j = 0; j < size; j++)
        {
            var row = forward + up * ((1f - (j + 0.5f) * step) * tanHalf);
            for (var i = 0; i < size; i++)
            {
                var d = Vector3.Normalize(row + right * (((i + 0.5f) * step - 1f) * tanHalf));
                var c = Sample(city, origin, d, pixelAngle, settings.Shadows);
                rgb[k] = ToByte(c.X);
                rgb[k + 1] = ToByte(c.Y);
                rgb[k + 2] = ToByte(c.Z);
                k += 3;
            }
        }
    }

    /// <summary>The colour seen along one ray.</summary>
    public static Vector3 Sample(CityModel city, Vector3 o, Vector3 d, float pixelAngle, bool shadows)
    {
        var sky = city.Sky;
        var b = city.Grid.Cast(o, d, float.PositiveInfinity, out var t);
        Vector3 p, n;
        SurfaceSample surface;
        float ambient;
        if (b >= 0)
        {
            p = o + d * t;
            ref readonly var building = ref city.Buildings[b];
            var face = FaceAt(in building, p);
            n = face.Normal();
            var half = t * pixelAngle * 0.5f;
            surface = FacadeShader.Shade(in building, face, p, d, half / MathF.Max(MathF.Abs(Vector3.Dot(d, n)), 0.2f), half, sky);
            // Walls see half the sky, and less of it near the street.
            ambient = face == Face.Roof ? 1f : 0.8f * (0.72f + 0.28f * MathF.Min(p.Z * 0.5f, 1f));
        }
        else if (d.Z < 0)
        {
            t = -o.Z / d.Z;
            p = o + d * t;
            n = Vector3.UnitZ;
            var half = t * pixelAngle * 0.5f / MathF.Sqrt(MathF.Max(-d.Z, 0.02f));
            surface = new SurfaceSample(GroundShader.Albedo(city.Layout, p.X, p.Y, half), default);
            ambient = 1f;
        }
        else
        {
            return SkyShader.Colour(sky, d);
        }
        var light = sky.Ambient * ambient;
        var sun = Vector3.Dot(n, sky.SunDirection);
        if (sun > 0 && !(shadows && city.Grid.Occluded(p + n * 0.01f, sky.SunDirection, float.PositiveInfinity)))
            light += sky.SunColour * sun;
        var c = surface.Albedo * light + surface.Emitted;
        return Vector3.Lerp(c, sky.Horizon, Haze(t * sky.FogDensity));
    }

    /// <summary>1 − exp(−x) through a cubic Taylor denominator: monotonic, within 0.03 of the exact haze, and no libm call per pixel.</summary>
    private static float Haze(float x) => 1f - 1f / (1f + x * (1f + x * (0.5f + x * (1f / 6f))));

    /// <summary>The face of the box nearest to a point on its surface.</summary>
    public static Face FaceAt(in Building b, Vector3 p)
    {
        var face = Face.Roof;
        var best = MathF.Abs(p.Z - b.Height);
        Closer(MathF.Abs(p.X - b.X0), Face.West, ref best, ref face);
        Closer(MathF.Abs(p.X - b.X1), Face.East, ref best, ref face);
        Closer(MathF.Abs(p.Y - b.Y0), Face.South, ref best, ref face);
        Closer(MathF.Abs(p.Y - b.Y1), Face.North, ref best, ref face);
        return face;
    }

    private static void Closer(float distance, Face candidate, ref float best, ref Face face)
    {
        if (distance < best)
        {
            best = distance;
            face = candidate;
        }
    }

    private static byte ToByte(float v) => (byte)(Math.Clamp(v, 0f, 1f) * 255f + 0.5f);
}
