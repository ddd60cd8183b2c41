using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>Draws a building's <see cref="FacadeStyle"/>: palettes per material and the storey and window rhythm.</summary>
internal static class FacadeStyles
{
    private static readonly Vector3[] Bricks =
    [
        new(0.55f, 0.27f, 0.19f), new(0.62f, 0.34f, 0.24f), new(0.47f, 0.24f, 0.18f),
        new(0.72f, 0.58f, 0.42f), new(0.40f, 0.26f, 0.21f), new(0.66f, 0.44f, 0.32f),
    ];

    private static readonly Vector3[] Plasters =
    [
        new(0.90f, 0.84f, 0.70f), new(0.86f, 0.71f, 0.48f), new(0.88f, 0.67f, 0.58f),
        new(0.80f, 0.79f, 0.76f), new(0.93f, 0.91f, 0.87f), new(0.74f, 0.80f, 0.67f),
        new(0.71f, 0.78f, 0.82f), new(0.78f, 0.50f, 0.36f), new(0.93f, 0.83f, 0.52f),
    ];

    private static readonly Vector3[] CurtainTints =
    [
        new(0.30f, 0.42f, 0.52f), new(0.32f, 0.47f, 0.45f), new(0.36f, 0.39f, 0.42f), new(0.44f, 0.38f, 0.31f),
    ];

    private static readonly Vector3[] Frames =
    [
        new(0.92f, 0.92f, 0.90f), new(0.92f, 0.92f, 0.90f), new(0.19f, 0.20f, 0.21f),
        new(0.36f, 0.25f, 0.17f), new(0.21f, 0.32f, 0.23f), new(0.09f, 0.09f, 0.10f),
    ];

    private static readonly Vector3[] Signs =
    [
        new(0.70f, 0.12f, 0.10f), new(0.12f, 0.25f, 0.55f), new(0.14f, 0.42f, 0.22f),
        new(0.88f, 0.72f, 0.20f), new(0.92f, 0.92f, 0.90f), new(0.10f, 0.10f, 0.11f), new(0.55f, 0.20f, 0.45f),
    ];

    public static FacadeStyle Sample(CityRandom rng, bool tower, double downtown, CityLook look)
    {
        var material = tower
            ? (rng.Chance(0.6) ? WallMaterial.GlassCurtain : WallMaterial.Concrete)
            : Pick(rng, (WallMaterial.Brick, look.MaterialWeights[0]), (WallMaterial.Plaster, look.MaterialWeights[1]),
                (WallMaterial.Concrete, look.MaterialWeights[2]), (WallMaterial.GlassCurtain, look.MaterialWeights[3]));
        var s = new FacadeStyle
        {
            Material = material,
            Frame = Jitter(rng, rng.Pick(Frames)),
            Accent = Jitter(rng, rng.Pick(Signs)),
            GlassTint = Jitter(rng, rng.Pick(CurtainTints)),
            Cornice = material is WallMaterial.Brick or WallMaterial.Plaster && rng.Chance(0.6),
            GroundFloor = rng.Chance(0.3 + 0.4 * downtown) ? GroundFloor.Shops : GroundFloor.Doors,
            Seed = (uint)rng.NextULong(),
        };
        s.Wall = material switch
        {
            WallMaterial.Brick => Jitter(rng, rng.Pick(Bricks)),
            WallMaterial.Plaster => Jitter(rng, rng.Pick(Plasters)),
            WallMaterial.Concrete => Jitter(rng, new Vector3(0.64f, 0.63f, 0.60f) * (float)rng.Range(0.8, 1.12)),
            _ => Jitter(rng, new Vector3(0.22f, 0.23f, 0.25f) * (float)rng.Range(0.7, 2.6)), // mullions and spandrels
        };
        (s.Wall, s.Frame, s.Accent, s.GlassTint) = (look.Grade(s.Wall), look.Grade(s.Frame), look.Grade(s.Accent), look.Grade(s.GlassTint));
        s.StoreyHeight = (float)(material switch
        {
            WallMaterial.GlassCurtain => rng.Range(3.5, 4.1),
            WallMaterial.Concrete => rng.Range(2.9, 3.4),
            _ => rng.Range(3.0, 3.7),
        });
        s.GroundHeight = s.StoreyHeight + (float)rng.Range(0.2, s.GroundFloor == GroundFloor.Shops ? 1.4 : 0.8);
        s.WindowPitch = (float)(material == WallMaterial.GlassCurtain ? rng.Range(1.3, 1.8) : rng.Range(2.4, 3.8));
        s.WindowWidth = s.WindowPitch * (float)(material == WallMaterial.Concrete ? rng.Range(0.45, 0.75) : rng.Range(0.36, 0.55));
        s.WindowHeight = s.StoreyHeight * (float)rng.Range(0.42, 0.6);
        s.SillHeight = MathF.Min((float)rng.Range(0.75, 1.0), s.StoreyHeight - s.WindowHeight - 0.3f);
        s.FrameWidth = (float)rng.Range(0.06, 0.12);
        return s;
    }

    private static Vector3 Jitter(CityRandom rng, Vector3 c) => Vector3.Clamp(
        c * new Vector3((float)rng.Range(0.94, 1.06), (float)rng.Range(0.94, 1.06), (float)rng.Range(0.94, 1.06)),
        Vector3.Zero, Vector3.One);

    private static T Pick<T>(CityRandom rng, params (T Value, double Weight)[] choices)
    {
        var u = rng.NextDouble() * choices.Sum(c => c.Weight);
        foreach (var (value, weight) in choices)
        {
            if (u < weight) return value;
            u -= weight;
        }
        return choices[^1].Value;
    }
}
