using EssenceOfPose.Models;

namespace EssenceOfPose.Generators;

/// <summary>
/// The suite's trained generators, one per tap (<c>models/ugn-fc5.safetensors</c>,
/// <c>models/ugn-conv4.safetensors</c>), each described by a manifest in <c>data-manifests/</c>
/// with its sha256, the search and training commands, the data and its held-out figures.
/// </summary>
public static class ShippedGenerators
{
    /// <summary>The taps that have a shipped UGN.</summary>
    public static IReadOnlyList<string> Taps { get; } = ["conv4", "fc5"];

    /// <summary>The manifest of the UGN for <paramref name="tap"/>.</summary>
    public static WeightsManifest Manifest(string tap) =>
        WeightsManifest.Load(Path.Combine(ShippedWeights.RepositoryRoot(), ManifestFile(tap)));

    /// <summary>The manifest's path relative to the repository root.</summary>
    public static string ManifestFile(string tap) =>
        Taps.Contains(tap) ? $"data-manifests/ugn-{tap}.json" : throw new ArgumentException($"no shipped generator for tap '{tap}'; there is one for {string.Join(" and ", Taps)}");

    /// <summary>The training log (<c>OUT.jsonl</c> of <c>eop train ugn</c>) shipped beside the generator.</summary>
    public static IReadOnlyList<UgnEpoch> TrainingLog(string tap) =>
        UgnTrainingLog.Read(Path.ChangeExtension(Path.Combine(ShippedWeights.RepositoryRoot(), Manifest(tap).File), ".jsonl"));

    /// <summary>The shipped UGN for <paramref name="tap"/>, hash-checked, in eval mode on <paramref name="model"/>'s device; refused if it was trained on another network's codes.</summary>
    public static (UpConvGenerator Generator, UgnInfo Info, string Path) Load(string tap, PoseModel model)
    {
        var path = Manifest(tap).Open(ShippedWeights.RepositoryRoot());
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
