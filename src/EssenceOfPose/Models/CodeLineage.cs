using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace EssenceOfPose.Models;

/// <summary>A checkpoint whose tower, up to <paramref name="Through"/>, is that of the checkpoint file with <paramref name="Sha256"/>.</summary>
public sealed record SameCodes(string Sha256, string Through);

/// <summary>
/// Which networks give the same codes at a tap. A generator inverts the codes of one PoseNet
/// checkpoint (its <c>posenet_sha256</c>). A network fine-tuned with its tower frozen through a
/// tap (<c>eop train posenet --freeze-through</c>) gives the very same codes up to that tap, so
/// that generator still inverts them: its provenance lists the checkpoints it shares the codes
/// with (<c>same_codes_as</c>) and a fingerprint of the frozen layers (<c>codes_fingerprint</c>),
/// which is checked against its own weights before it is believed.
/// </summary>
public static class CodeLineage
{
    /// <summary>Provenance note: the frozen tap.</summary>
    public const string ThroughNote = "codes_through";
    /// <summary>Provenance note: <see cref="Fingerprint"/> of the frozen layers when training started.</summary>
    public const string FingerprintNote = "codes_fingerprint";
    /// <summary>Provenance note: JSON list of <see cref="SameCodes"/>.</summary>
    public const string SameCodesNote = "same_codes_as";

    /// <summary>
    /// sha256 over what a tap's blob depends on: the channel mean subtracted from the input and
    /// every learned value of the layers up to and including the tap (names, shapes and float32 bytes).
    /// </summary>
    public static string Fingerprint(SiameseNet net, IReadOnlyList<double> mean, TapName tap)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Text(string s) => sha.AppendData(Encoding.UTF8.GetBytes(s + "\n"));
        Text($"{net.Architecture} {tap}");
        Text(string.Join(" ", mean.Select(m => m.ToString("R", CultureInfo.InvariantCulture))));
        foreach (var (name, p) in net.ParametersThrough(tap))
        {
            Text($"{name} [{string.Join(",", p.shape)}]");
            using var values = p.detach().cpu().to(ScalarType.Float32).contiguous();
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.ToArray<float>().AsSpan()));
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The checkpoints a network shares its codes with, as its provenance lists them ([] for one trained whole).</summary>
    public static IReadOnlyList<SameCodes> Declared(CheckpointInfo info, string path)
    {
        if (!info.Provenance.Notes.TryGetValue(SameCodesNote, out var json)) return [];
        try
        {
            var list = JsonSerializer.Deserialize<SameCodes[]>(json) ?? [];
            foreach (var s in list)
                if (s.Sha256 is not { Length: 64 } || !s.Sha256.All(char.IsAsciiHexDigitLower) || string.IsNullOrEmpty(s.Through))
                    throw new FormatException($"entry {{sha256: '{s.Sha256}', through: '{s.Through}'}}: expected 64 lower-case hex digits and a tap");
            return list;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new CheckpointException(path, $"provenance note '{SameCodesNote}' is not a list of {{Sha256, Through}}: {e.Message}");
        }
    }

    /// <summary>
    /// What a network fine-tuned from <paramref name="init"/> (file sha256 <paramref name="initSha256"/>)
    /// with its tower frozen through <paramref name="through"/> declares: the starting file and, where
    /// the tap is covered, whatever the starting network shared its codes with.
    /// </summary>
    public static IReadOnlyList<SameCodes> Inherit(SiameseNet init, CheckpointInfo initInfo, string initPath, string initSha256, TapName through)
    {
        var index = init.StageIndex(through);
        var inherited = Declared(initInfo, initPath)
            .Select(s => s with { Through = init.StageIndex(s.Through) < index ? s.Through : through.ToString() });
        return [new SameCodes(initSha256, through.ToString()), .. inherited];
    }

    /// <summary>
    /// Whether <paramref name="model"/> gives, at <paramref name="tap"/>, the codes of the checkpoint
    /// with file sha256 <paramref name="sha256"/>: it is that file, or it declares so and its frozen
    /// layers still match the fingerprint it recorded. A declaration its weights contradict is an error.
    /// </summary>
    public static bool SharesCodes(PoseModel model, string sha256, TapName tap)
    {
        var own = model.Source.Length > 0 && File.Exists(model.Source) ? WeightsManifest.Hash(model.Source) : "";
        if (own == sha256) return true;
        var notes = model.Info.Provenance.Notes;
        var tapIndex = model.Net.StageIndex(new TapName(tap.Layer, false));
        var entry = Declared(model.Info, model.Source).FirstOrDefault(s => s.Sha256 == sha256 && tapIndex <= model.Net.StageIndex(s.Through));
        if (entry is null) return false;
        if (!notes.TryGetValue(ThroughNote, out var through) || !notes.TryGetValue(FingerprintNote, out var recorded))
            throw new CheckpointException(model.Source, $"provenance lists '{SameCodesNote}' but not '{ThroughNote}' and '{FingerprintNote}'; its claim to share codes cannot be checked");
        var actual = Fingerprint(model.Net, model.Info.Mean, through);
        if (actual != recorded)
            throw new CheckpointException(model.Source, $"provenance note '{FingerprintNote}' is {recorded[..12]}…, but its layers through {through} and its mean give {actual[..12]}…; the weights were changed after training, so it does not give the codes of {sha256[..12]}…");
        return true;
    }
}
