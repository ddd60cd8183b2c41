namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>How much a city's look and layout change with its seed.</summary>
public enum CityVariety
{
    /// <summary>Only the layout, the buildings and the sun's azimuth change; the options fix the rest (the embedded default).</summary>
    Fixed,

    /// <summary>
    /// The seed also draws the street width, block size, sidewalk, camera distances, the mix of
    /// wall materials, a colour grade of the façades, and the sun's elevation with the time of day
    /// it implies (a low sun is warmer and the sky light dimmer); see <see cref="CityVarieties.Resolve"/>.
    /// </summary>
    Wide,
}

/// <summary>Turns a <see cref="CityVariety.Wide"/> city's options into the concrete values its seed draws.</summary>
public static class CityVarieties
{
    /// <summary>
    /// The options a city is rendered with: unchanged for <see cref="CityVariety.Fixed"/>; for
    /// <see cref="CityVariety.Wide"/>, the values below drawn from the seed's own stream (so the
    /// layout's stream, and every fixed city, are untouched), overriding what the options said.
    /// Idempotent: the resolved options resolve to themselves, and are what <c>city.json</c> records.
    /// </summary>
    public static SyntheticCityOptions Resolve(SyntheticCityOptions o)
    {
        if (o.Variety == CityVariety.Fixed) return o;
        var rng = new CityRandom(o.Seed, 0, CityRandom.Salt.Variety);
        var elevation = rng.Range(8, 70);
        double Weight(double fixedWeight) => Math.Round(fixedWeight * Math.Exp(rng.Range(-1.2, 1.2)), 4);
        double Tint() => Math.Round(rng.Range(0.86, 1.14), 3);
        var fixedCity = new SyntheticCityOptions();
        // The order of the draws is part of the city: weights first, then the sizes, the tint, the saturation.
        var (brick, plaster, concrete, glass) = (Weight(fixedCity.BrickWeight), Weight(fixedCity.PlasterWeight), Weight(fixedCity.ConcreteWeight), Weight(fixedCity.GlassWeight));
        return o with
        {
            StreetWidth = Math.Round(rng.Range(9, 20), 2),
            BlockSize = Math.Round(rng.Range(46, 92), 2),
            SidewalkWidth = Math.Round(rng.Range(2, 5), 2),
            CameraDistanceMin = Math.Round(rng.Range(7, 14), 2),
            CameraDistanceMax = Math.Round(rng.Range(28, 55), 2),
            BrickWeight = brick,
            PlasterWeight = plaster,
            ConcreteWeight = concrete,
            GlassWeight = glass,
            TintRed = Tint(),
            TintGreen = Tint(),
            TintBlue = Tint(),
            PaletteSaturation = Math.Round(rng.Range(0.6, 1.35), 3),
            SunElevationMinDegrees = Math.Round(elevation - 2, 2),
            SunElevationMaxDegrees = Math.Round(elevation + 2, 2),
            // Morning or evening light below about 30°: warmer sun, dimmer sky light.
            SunWarmth = Math.Round(Math.Clamp((30 - elevation) / 22, 0, 1), 3),
        };
    }
}
