using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// The city's one sun and sky: a direction toward the sun (unit, local frame), the light it
/// brings, the ambient sky light, the sky's gradient, cloud cover and haze.
/// </summary>
internal sealed class SkyLight
{
    public required Vector3 SunDirection { get; init; }
    public required Vector3 SunColour { get; init; }
    public required Vector3 Ambient { get; init; }
    public required Vector3 Zenith { get; init; }
    public required Vector3 Horizon { get; init; }
    /// <summary>0 clear to 1 overcast.</summary>
    public required float CloudCover { get; init; }
    /// <summary>Haze per metre: a surface at distance t keeps exp(−t·FogDensity) of its colour.</summary>
    public required float FogDensity { get; init; }
    public required uint Seed { get; init; }
}
