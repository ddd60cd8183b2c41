using EssenceOfPose.Models;

namespace EssenceOfPose.Generators;

/// <summary>How a shipped generator was trained: MSE alone (the UGN) or adversarially (the GAN, same architecture).</summary>
public enum GeneratorKind
{
    Ugn,
    Gan,
}

/// <summary>
/// The suite's trained generators, one per tap and kind (<c>models/ugn-fc5.safetensors</c>,
/// <c>models/gan-conv4.safetensors</c>, …), each described by a manifest in <c>data-manifests/</c>
/// with its sha256, the commands that made it, the data and its held-out figures.
/// </summary>
public static class ShippedGenerators
{
    /// <summary>The taps that have shipped generators.</summary>
    public static IReadOnlyList<string> Taps { get; } = ["conv4", "fc5"];

    /// <summary>The manifest of the generator of <paramref name="kind"/> for <paramref name="tap"/>.</summary>
    public static WeightsManifest Manifest(string tap, GeneratorKind kind = GeneratorKind.Ugn) =>
        WeightsManifest.Load(Path.Combine(ShippedWeights.RepositoryRoot(), ManifestFile(tap, kind)));

    /// <summary>The manifest's path relative to the repository root.</summary>
    public static string ManifestFile(string tap, GeneratorKind kind = GeneratorKind.Ugn) =>
        Taps.Contains(tap) ? $"data-manifests/{Name(kind)}-{tap}.json" : throw new ArgumentException($"no shipped generator for tap '{tap}'; there is one for {string.Join(" and ", Taps)}");

    /// <summary>"ugn" or "gan", as files and tables name the kind.</summary>
    public static string Name(GeneratorKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The UGN's training log (<c>OUT.jsonl</c> of <c>eop train ugn</c>) shipped beside it.</summary>
    public static IReadOnlyList<UgnEpoch> TrainingLog(string tap) =>
        UgnTrainingLog.Read(LogPath(tap, GeneratorKind.Ugn));

    /// <summary>The GAN's training log (<c>OUT.jsonl</c> of <c>eop train gan</c>: the balancing trace and the epochs) shipped beside it.</summary>
    public static IReadOnlyList<GanLogLine> GanTrainingLog(string tap) =>
        Generators.GanTrainingLog.Read(LogPath(tap, GeneratorKind.Gan));

    static string LogPath(string tap, GeneratorKind kind) =>
        Path.ChangeExtension(Path.Combine(ShippedWeights.RepositoryRoot(), Manifest(tap, kind).File), ".jsonl");

    /// <summary>The shipped generator of <paramref name="kind"/> for <paramref name="tap"/>, hash-checked, in eval mode on <paramref name="model"/>'s device; refused if it was trained on another network's codes.</summary>
    public static (UpConvGenerator Generator, UgnInfo Info, string Path) Load(string tap, PoseModel model, GeneratorKind kind = GeneratorKind.Ugn)
    {
        var path = Manifest(tap, kind).Open(ShippedWeights.RepositoryRoot());
        var (g, info) = UgnCheckpoint.Load(path, tap, model.Device);
        try
        {
            UgnReconstruction.Check(model, g, info, path);
        }
        catch
        {
            g.Dispose();
            throw;
        }
        g.eval();
        return (g, info, path);
    }
}
