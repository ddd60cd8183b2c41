using System.Text.Json;

namespace EssenceOfPose.Generators;

/// <summary>
/// Width and depth of an <see cref="UpConvGenerator"/>. The number of up-convolutions is not an
/// option: it is however many stride-2 doublings take the code's side (<see cref="SeedSide"/> for
/// a vector code) to at least 101. The defaults keep the fc5 and conv4 generators under 10 MB.
/// </summary>
public sealed record UgnOptions
{
    /// <summary>Channels of the seed and of the first up-convolution; each further one halves them, down to <see cref="MinChannels"/>.</summary>
    public int Channels { get; init; } = 128;

    /// <summary>The fewest channels an up-convolution keeps.</summary>
    public int MinChannels { get; init; } = 32;

    /// <summary>Vector codes: the width of the hidden fully connected layers.</summary>
    public int FcWidth { get; init; } = 512;

    /// <summary>Vector codes: fully connected layers, the last of which makes the Channels×SeedSide×SeedSide seed.</summary>
    public int FcLayers { get; init; } = 2;

    /// <summary>Vector codes: the side of the spatial seed (Dosovitskiy &amp; Brox reshape to 4×4).</summary>
    public int SeedSide { get; init; } = 4;

    /// <summary>Spatial codes: 3×3 convolutions before the first up-convolution.</summary>
    public int ConvLayers { get; init; } = 2;

    public double LeakySlope { get; init; } = 0.2;

    /// <summary>
    /// A fixed factor on <c>conv_out</c>'s output, so that weights of the usual initial scale reach
    /// pixel values (a standard deviation of about 60 in the 0–255 range) within a few hundred Adam
    /// steps instead of thousands. The last layer stays linear; it is not learned.
    /// </summary>
    public double OutputScale { get; init; } = 64;

    public double BatchNormMomentum { get; init; } = 0.1;

    /// <summary>The defaults (under 10 MB for fc5 and conv4).</summary>
    public static UgnOptions Default { get; } = new();

    /// <summary>A narrow generator for tests and smoke runs.</summary>
    public static UgnOptions Tiny { get; } = new() { Channels = 16, MinChannels = 8, FcWidth = 32 };

    /// <summary>The first option out of range, in words; null when all are valid.</summary>
    public string? Problem() =>
        Channels is < 1 or > 4096 ? $"channels {Channels}: expected 1 to 4096"
        : MinChannels < 1 || MinChannels > Channels ? $"min_channels {MinChannels}: expected 1 to channels ({Channels})"
        : FcWidth is < 1 or > 65536 ? $"fc_width {FcWidth}: expected 1 to 65536"
        : FcLayers is < 1 or > 8 ? $"fc_layers {FcLayers}: expected 1 to 8"
        : SeedSide is < 1 or > 101 ? $"seed_side {SeedSide}: expected 1 to 101"
        : ConvLayers is < 0 or > 8 ? $"conv_layers {ConvLayers}: expected 0 to 8"
        : !(LeakySlope >= 0 && LeakySlope < 1) ? $"leaky_slope {LeakySlope}: expected 0 to 1 (exclusive)"
        : !(OutputScale > 0 && OutputScale <= 1e6) ? $"output_scale {OutputScale}: expected above 0, at most 1e6"
        : !(BatchNormMomentum > 0 && BatchNormMomentum <= 1) ? $"batch_norm_momentum {BatchNormMomentum}: expected above 0, at most 1"
        : null;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Options from <see cref="ToJson"/>; throws <see cref="JsonException"/> for text that is not, and <see cref="ArgumentException"/> for values out of range.</summary>
    public static UgnOptions FromJson(string json)
    {
        var o = JsonSerializer.Deserialize<UgnOptions>(json, Json) ?? throw new JsonException("null options");
        return o.Problem() is { } problem ? throw new ArgumentException(problem) : o;
    }

    static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };
}
