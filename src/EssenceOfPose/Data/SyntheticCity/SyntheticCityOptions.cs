namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// Everything that decides a synthetic city dataset: the same options give byte-identical files
/// (whatever the thread count, which is therefore not an option here). Written in full to the
/// dataset's <c>city.json</c>, which is also where the horizontal field of view is recorded: the
/// 3D Street View <c>.txt</c> has no field for it.
/// </summary>
public sealed record SyntheticCityOptions
{
    /// <summary>Seeds the city layout and, per target, the target and view choice.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Target points; each is seen by <see cref="ViewsMin"/>–<see cref="ViewsMax"/> images.</summary>
    public int Targets { get; init; } = 1000;

    /// <summary>Image width and height in pixels (the real dataset's are 640).</summary>
    public int ImageSize { get; init; } = 256;

    /// <summary>Horizontal (and, images being square, vertical) field of view in degrees.</summary>
    public double FieldOfViewDegrees { get; init; } = 60;

    public int JpegQuality { get; init; } = 90;

    /// <summary>Written as the DatasetID, zero-padded to 4 digits like the real tars (0001…).</summary>
    public int DatasetId { get; init; } = 9001;

    /// <summary>Geo origin of the local east-north-up frame (the city's centre), decimal degrees.</summary>
    public double OriginLatitude { get; init; } = 47.3769;

    public double OriginLongitude { get; init; } = 8.5417;

    /// <summary>Height of the street level in metres (added to every height in the <c>.txt</c>).</summary>
    public double OriginHeight { get; init; } = 408;

    /// <summary>City blocks along x (east) and y (north).</summary>
    public int BlocksX { get; init; } = 8;

    public int BlocksY { get; init; } = 8;

    /// <summary>Mean block side in metres, sidewalks included; each block varies by ±20 %.</summary>
    public double BlockSize { get; init; } = 64;

    /// <summary>Carriageway width of an ordinary street; every third street is an avenue 1.5 times as wide.</summary>
    public double StreetWidth { get; init; } = 14;

    public double SidewalkWidth { get; init; } = 3.5;

    /// <summary>Blocks at the city's edge that hold no targets, so views rarely look out of the city.</summary>
    public int TargetMarginBlocks { get; init; } = 1;

    public int ViewsMin { get; init; } = 2;

    public int ViewsMax { get; init; } = 7;

    public double CameraHeight { get; init; } = 2.5;

    /// <summary>Distance between camera and target in metres.</summary>
    public double CameraDistanceMin { get; init; } = 10;

    public double CameraDistanceMax { get; init; } = 40;

    /// <summary>Largest angle between a view ray and the façade normal, degrees.</summary>
    public double MaxIncidenceDegrees { get; init; } = 70;

    /// <summary>Largest absolute camera pitch, degrees.</summary>
    public double MaxPitchDegrees { get; init; } = 45;

    /// <summary>Spacing of the Street View panoramas along each street, metres.</summary>
    public double PanoramaSpacing { get; init; } = 10;

    /// <summary>Trace a shadow ray toward the sun for each lit pixel.</summary>
    public bool Shadows { get; init; } = true;

    /// <summary>Fixed (the default) or Wide: whether the seed also draws the look and street sizes (<see cref="CityVarieties.Resolve"/>).</summary>
    public CityVariety Variety { get; init; } = CityVariety.Fixed;

    // Scalars rather than arrays, so that options compare by value (a record compares arrays by reference).

    /// <summary>Relative frequency of brick walls on ordinary buildings (towers are glass or concrete).</summary>
    public double BrickWeight { get; init; } = 0.34;

    public double PlasterWeight { get; init; } = 0.42;

    public double ConcreteWeight { get; init; } = 0.19;

    public double GlassWeight { get; init; } = 0.05;

    /// <summary>Factor on the red channel of every façade colour; 1 leaves them as drawn (likewise green and blue).</summary>
    public double TintRed { get; init; } = 1;

    public double TintGreen { get; init; } = 1;

    public double TintBlue { get; init; } = 1;

    /// <summary>Saturation of façade colours about their grey; 1 leaves them as drawn.</summary>
    public double PaletteSaturation { get; init; } = 1;

    /// <summary>The sun's elevation is drawn uniformly between these, degrees.</summary>
    public double SunElevationMinDegrees { get; init; } = 25;

    public double SunElevationMaxDegrees { get; init; } = 60;

    /// <summary>0 midday light to 1 low evening light: a warmer sun and a dimmer sky light.</summary>
    public double SunWarmth { get; init; } = 0;

    /// <summary>1,000 targets at 256 px: the suite's embedded default dataset.</summary>
    public static SyntheticCityOptions Default { get; } = new();

    /// <summary>100 targets: seconds on 2 CPU cores, for CI and quick notebooks.</summary>
    public static SyntheticCityOptions Quick { get; } = new() { Targets = 100 };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        Require(Targets >= 1, nameof(Targets), "at least 1");
        Require(ImageSize is >= 16 and <= 4096, nameof(ImageSize), "16 to 4096");
        Require(FieldOfViewDegrees is > 1 and < 150, nameof(FieldOfViewDegrees), "between 1 and 150");
        Require(JpegQuality is >= 1 and <= 100, nameof(JpegQuality), "1 to 100");
        Require(DatasetId is >= 0 and <= 9999, nameof(DatasetId), "0 to 9999");
        Require(Math.Abs(OriginLatitude) < 85, nameof(OriginLatitude), "within ±85°");
        Require(Math.Abs(OriginLongitude) <= 180, nameof(OriginLongitude), "within ±180°");
        Require(BlocksX >= 2 * TargetMarginBlocks + 1 && BlocksY >= 2 * TargetMarginBlocks + 1, nameof(BlocksX), "more blocks than twice the target margin");
        Require(BlocksX <= 64 && BlocksY <= 64, nameof(BlocksX), "at most 64 per axis");
        Require(TargetMarginBlocks >= 0, nameof(TargetMarginBlocks), "0 or more");
        Require(BlockSize >= 30, nameof(BlockSize), "at least 30 m");
        Require(StreetWidth >= 6, nameof(StreetWidth), "at least 6 m");
        Require(SidewalkWidth is >= 1 and <= 6, nameof(SidewalkWidth), "1 to 6 m");
        Require(ViewsMin >= 1 && ViewsMax >= ViewsMin, nameof(ViewsMin), "1 <= ViewsMin <= ViewsMax");
        Require(CameraHeight is > 0.5 and < 20, nameof(CameraHeight), "0.5 to 20 m");
        Require(CameraDistanceMin > 1 && CameraDistanceMax > CameraDistanceMin, nameof(CameraDistanceMin), "1 m < min < max");
        Require(MaxIncidenceDegrees is > 5 and < 89, nameof(MaxIncidenceDegrees), "5 to 89");
        Require(MaxPitchDegrees is > 5 and < 89, nameof(MaxPitchDegrees), "5 to 89");
        Require(PanoramaSpacing is >= 2 and <= 100, nameof(PanoramaSpacing), "2 to 100 m");
        Require(Enum.IsDefined(Variety), nameof(Variety), "Fixed or Wide");
        double[] weights = [BrickWeight, PlasterWeight, ConcreteWeight, GlassWeight];
        Require(weights.All(w => w >= 0 && double.IsFinite(w)) && weights.Sum() > 0, nameof(BrickWeight), "finite material weights >= 0 with a positive sum");
        Require(new[] { TintRed, TintGreen, TintBlue }.All(t => t is >= 0.2 and <= 2), nameof(TintRed), "a tint factor from 0.2 to 2 per channel");
        Require(PaletteSaturation is >= 0 and <= 2, nameof(PaletteSaturation), "0 to 2");
        Require(SunElevationMinDegrees is >= 3 and <= 85 && SunElevationMaxDegrees is >= 3 and <= 85 && SunElevationMinDegrees <= SunElevationMaxDegrees,
            nameof(SunElevationMinDegrees), "3 <= min <= max <= 85 degrees");
        Require(SunWarmth is >= 0 and <= 1, nameof(SunWarmth), "0 to 1");
    }

    private static void Require(bool ok, string name, string expected)
    {
        if (!ok) throw new ArgumentException($"SyntheticCityOptions.{name} must be {expected}", name);
    }
}
