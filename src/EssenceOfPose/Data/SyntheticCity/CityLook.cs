using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// A city's palette: how often each wall material is chosen, and a colour grade (per-channel tint
/// and saturation about the colour's grey) applied to every façade colour after it is drawn. The
/// defaults are the identity, so a city of the fixed variety draws and renders exactly as before.
/// </summary>
internal sealed class CityLook
{
    private CityLook(double[] materialWeights, Vector3 tint, float saturation)
    {
        MaterialWeights = materialWeights;
        Tint = tint;
        Saturation = saturation;
    }

    /// <summary>Brick, plaster, concrete and glass curtain, in <see cref="WallMaterial"/> order.</summary>
    public double[] MaterialWeights { get; }
    public Vector3 Tint { get; }
    public float Saturation { get; }

    private bool IsIdentity => Tint == Vector3.One && Saturation == 1f;

    public static CityLook From(SyntheticCityOptions o) =>
        new([o.BrickWeight, o.PlasterWeight, o.ConcreteWeight, o.GlassWeight], new Vector3((float)o.TintRed, (float)o.TintGreen, (float)o.TintBlue), (float)o.PaletteSaturation);

    /// <summary>The graded colour; exactly <paramref name="c"/> for the identity grade (no rounding).</summary>
    public Vector3 Grade(Vector3 c)
    {
        if (IsIdentity) return c;
        var grey = new Vector3((c.X + c.Y + c.Z) / 3);
        return Vector3.Clamp((grey + Saturation * (c - grey)) * Tint, Vector3.Zero, Vector3.One);
    }
}
