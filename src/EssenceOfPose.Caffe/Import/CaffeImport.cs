using System.Globalization;
using System.Text;
using EssenceOfPose.Models;

namespace EssenceOfPose.Caffe;

/// <summary>How <see cref="CaffeImporter"/> imports: what the caffemodel cannot say, and what to do about a pose head it cannot use.</summary>
public sealed record CaffeImportOptions
{
    /// <summary>Per-channel RGB mean (0–255) the net was trained with. Null records (0, 0, 0) and says so in a warning.</summary>
    public IReadOnlyList<double>? Mean { get; init; }

    /// <summary>
    /// Leave <c>pose_fc</c> at its initialisation (6 outputs) instead of refusing a net whose pose head
    /// has a number of outputs no label kind of the suite has (the fixtures' 4: the original's
    /// rotation-only quaternion).
    /// </summary>
    public bool WithoutPoseHead { get; init; }

    /// <summary>The command line that asked for the import, for the checkpoint's provenance.</summary>
    public string Command { get; init; } = "";
}

/// <summary>A learned layer of the suite's model filled from the caffemodel.</summary>
public sealed record CaffeLoadedLayer(string Layer, int[] WeightShape, int[]? BiasShape, string Source)
{
    public override string ToString() =>
        $"{Layer} {CaffeShapeTable.Format(WeightShape)}{(BiasShape is null ? "" : " + " + CaffeShapeTable.Format(BiasShape))} from {Source}";
}

/// <summary>
/// The result of a Caffe import: the suite's model with the caffemodel's weights, the checkpoint
/// metadata to save with it, and the account of what happened — layers loaded and skipped, warnings,
/// the blob shapes at the suite's input size, and how closely the model reproduces the Caffe net.
/// It owns <see cref="Model"/>: disposing the import disposes the model.
/// </summary>
public sealed class CaffeImport : IDisposable
{
    internal CaffeImport(SiameseNet model, CheckpointInfo info, IReadOnlyList<CaffeLoadedLayer> loaded, IReadOnlyList<CaffeSkippedLayer> skipped,
        IReadOnlyList<string> warnings, IReadOnlyList<(string Name, int[] Shape)> blobShapes, IReadOnlyDictionary<string, double> agreement)
    {
        Model = model;
        Info = info;
        Loaded = loaded;
        Skipped = skipped;
        Warnings = warnings;
        BlobShapes = blobShapes;
        Agreement = agreement;
    }

    public SiameseNet Model { get; }

    public CheckpointInfo Info { get; }

    public string Architecture => Info.Architecture;

    public IReadOnlyList<CaffeLoadedLayer> Loaded { get; }

    /// <summary>Layers of the prototxt not imported: data and loss layers, the twin tower (its weights are the tower's), extras.</summary>
    public IReadOnlyList<CaffeSkippedLayer> Skipped { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Every blob of the deploy net at the suite's input (1×3×101×101 per image).</summary>
    public IReadOnlyList<(string Name, int[] Shape)> BlobShapes { get; }

    /// <summary>Largest |suite model − Caffe definition| per compared blob, on a random pair.</summary>
    public IReadOnlyDictionary<string, double> Agreement { get; }

    /// <summary>Writes the checkpoint (safetensors with metadata) that <see cref="Checkpoint.Load"/> reads back.</summary>
    public void Save(string path) => Checkpoint.Save(path, Model, Info);

    /// <summary>What was imported, for a terminal or a notebook.</summary>
    public string Summary
    {
        get
        {
            var s = new StringBuilder();
            s.AppendLine(CultureInfo.InvariantCulture, $"architecture: {Architecture} (pose_fc {Model.PoseOutputs} outputs, label kind {Info.LabelKind}), mean {string.Join(", ", Info.Mean)}");
            s.AppendLine(CultureInfo.InvariantCulture, $"loaded {Loaded.Count} layers:");
            foreach (var l in Loaded) s.AppendLine(CultureInfo.InvariantCulture, $"  {l}");
            s.AppendLine(CultureInfo.InvariantCulture, $"skipped {Skipped.Count} layers:");
            foreach (var l in Skipped) s.AppendLine(CultureInfo.InvariantCulture, $"  {l}");
            s.AppendLine(Warnings.Count == 0 ? "warnings: none" : "warnings:");
            foreach (var w in Warnings) s.AppendLine(CultureInfo.InvariantCulture, $"  {w}");
            s.AppendLine("blobs:");
            foreach (var (name, shape) in BlobShapes) s.AppendLine(CultureInfo.InvariantCulture, $"  {name,-14} {CaffeShapeTable.Format(shape)}");
            s.Append(CultureInfo.InvariantCulture, $"checked against the Caffe definition: {string.Join(", ", Agreement.Select(a => $"{a.Key} {a.Value:0.###e+0}"))} (largest |difference|)");
            return s.ToString();
        }
    }

    public override string ToString() => Summary;

    public void Dispose() => Model.Dispose();
}
