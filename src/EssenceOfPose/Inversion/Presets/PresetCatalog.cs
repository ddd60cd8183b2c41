namespace EssenceOfPose.Inversion;

/// <summary>
/// The presets by name, as the CLI and notebooks spell them: <c>MahendranVedaldi</c>,
/// <c>Yosinski1</c> … <c>Yosinski4</c>, <c>LucidAdam</c> (case, '_' and '-' ignored, so the JSON
/// tags <c>mahendran_vedaldi</c> and <c>lucid_adam</c> work too), each in its Quick or Full form.
/// </summary>
public static class PresetCatalog
{
    public static IReadOnlyList<string> Names { get; } = ["MahendranVedaldi", "Yosinski1", "Yosinski2", "Yosinski3", "Yosinski4", "LucidAdam"];

    /// <summary>The preset called <paramref name="name"/> in the <paramref name="profile"/>'s form (<c>Quick</c> or <c>Full</c>).</summary>
    /// <exception cref="ArgumentException">No preset of that name; the message lists the names.</exception>
    public static InversionPreset Get(string name, Profile profile) =>
        TryGet(name, profile, out var preset) ? preset : throw new ArgumentException($"preset '{name}': expected one of {string.Join(", ", Names)}");

    /// <summary>The preset called <paramref name="name"/>, or false when there is none.</summary>
    public static bool TryGet(string name, Profile profile, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InversionPreset? preset)
    {
        var full = profile == Profile.Full;
        var key = new string(name.Where(c => c is not ('_' or '-' or ' ')).ToArray()).ToLowerInvariant();
        preset = key switch
        {
            "mahendranvedaldi" => full ? MahendranVedaldi.Full : MahendranVedaldi.Quick,
            "yosinski1" => full ? Yosinski1.Full : Yosinski1.Quick,
            "yosinski2" => full ? Yosinski2.Full : Yosinski2.Quick,
            "yosinski3" => full ? Yosinski3.Full : Yosinski3.Quick,
            "yosinski4" => full ? Yosinski4.Full : Yosinski4.Quick,
            "lucidadam" => full ? LucidAdam.Full : LucidAdam.Quick,
            _ => null,
        };
        return preset is not null;
    }
}
