using EssenceOfPose.Data.Manifests;
using EssenceOfPose.Models;

namespace EssenceOfPose.Caffe;

/// <summary>
/// Imports a PoseNet-family Caffe net (Zamir et al., ECCV 2016) trained with the original code into
/// the suite's <see cref="PoseNet"/> or <see cref="SmallNetV5"/>: the prototxt must be one of them
/// (the deploy tower, or the siamese net with or without its pair slice and heads; anything else is
/// refused with the list of differences), weights go by layer name (the twin tower's, shared by
/// param name, must equal the tower's), pose_fc's output count picks the label kind, and the result
/// is checked against <see cref="CaffeExecutor"/>, Caffe's own definition of the same layers.
/// </summary>
public static partial class CaffeImporter
{
    /// <summary>The mean recorded when none is given: the caffemodel does not hold one, and the suite has no default.</summary>
    internal static IReadOnlyList<double> ZeroMean { get; } = [0, 0, 0];

    /// <summary>
    /// Reads the prototxt(s) (several are merged in order, as the original code assembled net,
    /// towers and heads) and the caffemodel, and imports them; provenance records their paths and sha256.
    /// </summary>
    public static CaffeImport Import(IReadOnlyList<string> prototxts, string caffemodel, CaffeImportOptions? options = null)
    {
        if (prototxts.Count == 0)
            throw new ArgumentException("no prototxt given: the caffemodel's layers are matched against a net definition", nameof(prototxts));
        foreach (var (path, what) in prototxts.Select(p => (p, "prototxt")).Append((caffemodel, "caffemodel")))
            if (!File.Exists(path))
                throw new FileNotFoundException($"{path}: no such {what} file", path);
        var nets = prototxts.Select(CaffeNet.Load).ToList();
        var net = nets.Count == 1 ? nets[0] : CaffeNet.Merge(nets);
        var model = CaffeModel.Load(caffemodel);
        var notes = new Dictionary<string, string>();
        for (var i = 0; i < prototxts.Count; i++)
        {
            notes[$"prototxt[{i}]"] = Path.GetFullPath(prototxts[i]);
            notes[$"prototxt[{i}].sha256"] = ManifestVerifier.Sha256(prototxts[i]);
        }
        notes["caffemodel"] = Path.GetFullPath(caffemodel);
        notes["caffemodel.sha256"] = ManifestVerifier.Sha256(caffemodel);
        return Import(net, model, options ?? new(), notes);
    }

    /// <summary>Imports a net and weights already read; provenance records their sources without hashes.</summary>
    internal static CaffeImport Import(CaffeNet net, CaffeModel model, CaffeImportOptions? options = null) =>
        Import(net, model, options ?? new(), new Dictionary<string, string> { ["prototxt"] = net.Source, ["caffemodel"] = model.Source });

    static CaffeImport Import(CaffeNet net, CaffeModel caffemodel, CaffeImportOptions options, Dictionary<string, string> notes)
    {
        if (options.Mean is { Count: not 3 } given)
            throw new ArgumentException($"the mean has {given.Count} values; expected 3 (R, G, B)");
        var deploy = net.ForDeploy();
        var recognition = CaffeRecognition.Recognise(deploy);
        var arch = recognition.Architecture;
        var warnings = new List<string>();
        var (kind, withPose) = LabelKind(deploy, recognition, options, warnings);
        var model = Checkpoint.Create(arch.Name, kind);
        try
        {
            var inputShapes = InputShapes(deploy, model.InputSize, warnings);
            var shapes = CaffeShapes.Infer(net, inputShapes);
            var weights = CaffeWeights.ForLayers(net, caffemodel, inputShapes);
            FiniteWeights.Require(deploy, weights, caffemodel.Source);
            var skipped = new List<CaffeSkippedLayer>(deploy.Skipped);
            skipped.AddRange(recognition.Ignored);
            skipped.AddRange(CheckTwins(arch, deploy, weights, caffemodel.Source));
            if (!withPose && deploy.Net.Layer("pose_fc") is { } poseFc)
                skipped.Add(new(poseFc.Name, poseFc.Type, "pose head left out as asked"));

            var loaded = CaffeModelLoader.Load(model, arch, weights, withPose, caffemodel.Source);
            var untouched = model.named_parameters().Select(p => p.name.Split('.')[0]).Distinct().Where(l => loaded.All(x => x.Layer != l)).ToList();
            if (untouched.Count > 0)
                warnings.Add($"{string.Join(", ", untouched)}: not imported; left at their initialisation (the prototxt fillers)");
            var unused = UnusedModelLayers(caffemodel, deploy, weights);
            if (unused.Count > 0)
                warnings.Add($"the caffemodel holds weights the prototxt has no layer for, not imported: {string.Join(", ", unused)}; give the prototxt(s) that define them to import them");
            if (withPose)
                warnings.Add("no label statistics: a caffemodel does not hold them, so pose_fc's outputs stay in the z-scored units of its training");
            var mean = options.Mean ?? ZeroMean;
            if (options.Mean is null)
                warnings.Add("no mean given: (0, 0, 0) recorded; pass the per-channel RGB mean the net was trained with (--mean R,G,B)");

            var agreement = CaffeImportCheck.Run(model, deploy, weights, recognition, withPose);
            if (warnings.Count > 0)
                notes["warnings"] = string.Join(" | ", warnings);
            var info = new CheckpointInfo
            {
                Architecture = arch.Name,
                LabelKind = kind,
                InputSize = model.InputSize,
                Mean = mean.ToArray(),
                Provenance = new Provenance { Command = options.Command, DataManifest = "", Notes = notes },
            };
            return new CaffeImport(model, info, loaded, skipped, warnings, shapes.Blobs, agreement);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
