namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a tiny generator whose streams are derived
/// from (seed, stream, salt), so the city and each target draw from their own sequence and the
/// output never depends on which thread asked first. Its algorithm is fixed here, unlike
/// <see cref="Random"/>'s, so datasets stay reproducible across .NET versions.
/// </summary>
internal sealed class CityRandom
{
    private ulong _state;

    public CityRandom(long seed, long stream, ulong salt) =>
        _state = Mix(Mix((ulong)seed ^ salt) + (ulong)stream * 0xD1B54A32D192ED03UL);

    public ulong NextULong()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Uniform in [0, <paramref name="n"/>).</summary>
    public int Next(int n) => (int)(((NextULong() >> 32) * (ulong)n) >> 32);

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public bool Chance(double p) => NextDouble() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Salts that separate the generator's streams.</summary>
    public static class Salt
    {
        public const ulong Layout = 0x4C41594F5554UL;
        public const ulong Panoramas = 0x50414E4F52414DUL;
        public const ulong Target = 0x544152474554UL;
        public const ulong Variety = 0x56415249455459UL;
    }
}
