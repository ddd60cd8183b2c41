using System.Text.Json.Serialization;

namespace EssenceOfPose;

/// <summary>
/// Which scale every experiment runs at: <see cref="Quick"/> (minutes on 2 CPU cores; what CI
/// runs) or <see cref="Full"/> (paper scale). Parsed once from "quick"/"full"
/// (<see cref="Profiles.Parse"/>); every options record picks its preset with <see cref="Profiles.Pick{T}"/>.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<Profile>))]
public enum Profile
{
    [JsonStringEnumMemberName("quick")] Quick,
    [JsonStringEnumMemberName("full")] Full,
}

/// <summary>The one parser of a profile's name, and the choice between a Quick and a Full value.</summary>
public static class Profiles
{
    /// <summary>"quick" or "full" (any case).</summary>
    /// <exception cref="ArgumentException">Any other text, named in the message.</exception>
    public static Profile Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "quick" => Profile.Quick,
        "full" => Profile.Full,
        _ => throw new ArgumentException($"profile '{text}': expected quick or full"),
    };

    /// <summary><paramref name="quick"/> for <see cref="Profile.Quick"/>, <paramref name="full"/> for <see cref="Profile.Full"/>.</summary>
    public static T Pick<T>(this Profile profile, T quick, T full) => profile == Profile.Full ? full : quick;

    /// <summary>The name as the CLI and notebooks spell it.</summary>
    public static string Name(this Profile profile) => profile.Pick("quick", "full");
}
