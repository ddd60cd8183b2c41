using System.Runtime.CompilerServices;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// Integer hashing and value noise for the procedural textures: a pure function of position, so
/// every pixel's colour is independent of thread and order. Hash: "lowbias32" (Chris Wellons'
/// hash prospector).
/// </summary>
internal static class TextureHash
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(uint x)
    {
        x ^= x >> 16;
        x *= 0x7FEB352DU;
        x ^= x >> 15;
        x *= 0x846CA68BU;
        x ^= x >> 16;
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Hash(int x, int y, uint seed) => Hash(((uint)x * 0x9E3779B1U + (uint)y * 0x85EBCA77U) ^ seed);

    /// <summary>Uniform in [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Unit(int x, int y, uint seed) => (Hash(x, y, seed) >> 8) * (1f / (1 << 24));

    /// <summary>Bilinear value noise in [0, 1) with a smooth (Hermite) fade, period-free.</summary>
    public static float Noise(float x, float y, uint seed)
    {
        var fx = MathF.Floor(x);
        var fy = MathF.Floor(y);
        var ix = (int)fx;
        var iy = (int)fy;
        var tx = x - fx;
        var ty = y - fy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        var a = Unit(ix, iy, seed);
        var b = Unit(ix + 1, iy, seed);
        var c = Unit(ix, iy + 1, seed);
        var d = Unit(ix + 1, iy + 1, seed);
        return a + (b - a) * tx + (c - a) * ty + (a - b - c + d) * tx * ty;
    }

    /// <summary>
    /// Fraction of the pixel footprint [x − h, x + h] that falls inside [a0, a1]: a box-filtered
    /// step, which antialiases window edges and road markings at one sample per pixel.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Coverage(float x, float h, float a0, float a1) =>
        Math.Clamp((MathF.Min(x + h, a1) - MathF.Max(x - h, a0)) / (2 * h), 0f, 1f);
}
