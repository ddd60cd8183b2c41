using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.Pairs;

namespace EssenceOfPose.Models;

/// <summary>
/// A trained network with its context, as a checkpoint gives it: the siamese network, the
/// preprocessing it was trained with (channel mean and its inverse), the statistics of its pose
/// labels, its taps, and where it came from. Experiments take this one object; images made for
/// it travel as <see cref="ImageBatch"/>es that carry the same preprocessing.
/// <code>
/// using var model = PoseModel.Shipped();
/// var batch = model.Batch(images);            // preprocessed, knows its pictures and pixel range
/// </code>
/// </summary>
public sealed class PoseModel : IDisposable
{
    PoseModel(SiameseNet net, CheckpointInfo info, string source)
    {
        Net = net;
        Info = info;
        Source = source;
        Preprocess = Preprocess.For(info);
    }

    public SiameseNet Net { get; }

    /// <summary>What the checkpoint says besides the weights (architecture, label kind, provenance).</summary>
    public CheckpointInfo Info { get; }

    /// <summary>The checkpoint file the weights came from ("" for a network made in memory).</summary>
    public string Source { get; }

    /// <summary>Crop, resize and mean subtraction of the training images, and their inverse.</summary>
    public Preprocess Preprocess { get; }

    public PoseLabelKind LabelKind => Info.LabelKind;

    /// <summary>The z-score statistics of the pose labels (null: the outputs are raw labels).</summary>
    public LabelStats? LabelStats => Info.LabelStats;

    /// <summary>The tower's taps in order (Caffe names; add ":pre" for the value before a ReLU).</summary>
    public IReadOnlyList<string> Taps => Net.TowerLayers;

    public Device Device => Net.parameters().First().device;

    /// <summary>The shipped PoseNet (data-manifests/posenet-synthetic-city.json), hash-checked, in eval mode.</summary>
    public static PoseModel Shipped()
    {
        var (net, info) = ShippedWeights.Load();
        return new PoseModel(net, info, Path.Combine(ShippedWeights.RepositoryRoot(), ShippedWeights.Manifest().File));
    }

    /// <summary>A checkpoint file, in eval mode; <paramref name="expectedArchitecture"/> refuses another architecture.</summary>
    public static PoseModel Load(string path, string? expectedArchitecture = null, Device? device = null)
    {
        var (net, info) = Checkpoint.Load(path, expectedArchitecture, device);
        return new PoseModel(net, info, Path.GetFullPath(path));
    }

    /// <summary>A network in memory with its checkpoint info (tests, a model being trained).</summary>
    public static PoseModel Of(SiameseNet net, CheckpointInfo info, string source = "") => new(net, info, source);

    /// <summary>Checks a tap given as text ("fc5", "conv4:pre") against the tower before any work starts.</summary>
    public TapName Tap(string tap) => TapCheck.Require(Net, TapName.Parse(tap));

    /// <summary>Images decoded and preprocessed into one batch on the model's device.</summary>
    public ImageBatch Batch(IEnumerable<RgbImage> images) => new(Preprocess.Apply(images).to(Device), Preprocess);

    /// <summary>Network-space pixels [N,3,S,S] as a batch of this model.</summary>
    public ImageBatch Batch(Tensor pixels) => new(pixels, Preprocess);

    public void Dispose() => Net.Dispose();

    public override string ToString() => $"{Info.Architecture} ({Info.LabelKind} labels) from {(Source.Length > 0 ? Source : "memory")}";
}
