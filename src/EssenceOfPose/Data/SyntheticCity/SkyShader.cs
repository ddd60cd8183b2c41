using System.Numerics;
using System.Runtime.CompilerServices;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// The sky: a horizon-to-zenith gradient, value-noise clouds on a plane overhead, and the sun's
/// disc and glow. Reflections in glass use the same gradient without sun and clouds, darkened
/// near and below the horizon where a window would mirror the buildings across the street.
/// </summary>
internal static class SkyShader
{
    private const float SunDisc = 0.99980f;   // cos of about 1.15°: a few pixels at 256 px and 60°

    public static Vector3 Colour(SkyLight sky, Vector3 d)
    {
        var up = MathF.Max(d.Z, 0f);
        var c = Vector3.Lerp(sky.Horizon, sky.Zenith, MathF.Sqrt(up));
        if (sky.CloudCover > 0 && d.Z > 0.02f)
        {
            // Clouds on a plane overhead: direction / z gives the point where the ray crosses it.
            var inv = 1.6f / d.Z;
            float u = d.X * inv, v = d.Y * inv;
            var n = 0.62f * TextureHash.Noise(u, v, sky.Seed) + 0.38f * TextureHash.Noise(u * 2.9f, v * 2.9f, sky.Seed + 1);
            var density = SmoothStep(1f - sky.CloudCover, 1.25f - sky.CloudCover, n) * MathF.Min(1f, d.Z * 6f);
            if (density > 0)
                c = Vector3.Lerp(c, new Vector3(0.97f, 0.97f, 0.98f) * (0.78f + 0.22f * n), density);
        }
        var s = Vector3.Dot(d, sky.SunDirection);
        if (s > 0.95f)
        {
            var glow = (s - 0.95f) * 20f;
            c += new Vector3(1f, 0.95f, 0.85f) * (glow * glow * glow * 0.45f);
            if (s > SunDisc) c = new Vector3(1f, 0.99f, 0.95f);
        }
        return c;
    }

    /// <summary>What a window mirrors in direction <paramref name="r"/>: sky above, buildings and street lower down.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector3 Reflection(SkyLight sky, Vector3 r)
    {
        var sky0 = Vector3.Lerp(sky.Horizon, sky.Zenith, MathF.Sqrt(MathF.Max(r.Z, 0f)));
        var city = new Vector3(0.36f, 0.36f, 0.38f);
        return Vector3.Lerp(city, sky0, SmoothStep(0.05f, 0.35f, r.Z));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SmoothStep(float e0, float e1, float x)
    {
        var t = Math.Clamp((x - e0) / (e1 - e0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }
}
