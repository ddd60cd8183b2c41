using System.Text.Json;

namespace EssenceOfPose.Torch.Optim;

/// <summary>The JSON form shared by optimiser and scheduler states: PyTorch's snake_case names, exact doubles.</summary>
internal static class StateJson
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    internal static T Deserialize<T>(string json, string what) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new FormatException($"{what} JSON is null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{what} JSON is invalid: {e.Message}", e);
        }
    }
}
