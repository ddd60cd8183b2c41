using EssenceOfPose.Data.Manifests;
using EssenceOfPose.Data.Pairs;
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
public static class CaffeImporter
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

    /// <summary>pose_fc's outputs → label kind: 2 Dof2, 5 Dof5, 6 Dof6, 7 QuaternionTranslation; any other count is refused or, if asked, left out.</summary>
    static (PoseLabelKind Kind, bool WithPose) LabelKind(CaffeDeployNet deploy, CaffeRecognition recognition, CaffeImportOptions options, List<string> warnings)
    {
        var pose = recognition.Has(CaffePart.PoseHead) ? deploy.Net.Layer("pose_fc") : null;
        if (pose is null)
        {
            warnings.Add("no pose_fc in the net: label kind Dof6 (6 outputs) assumed");
            return (PoseLabelKind.Dof6, false);
        }
        var outputs = ((InnerProductParameter)pose.Parameters!).NumOutput;
        PoseLabelKind? kind = outputs switch
        {
            2 => PoseLabelKind.Dof2,
            5 => PoseLabelKind.Dof5,
            6 => PoseLabelKind.Dof6,
            7 => PoseLabelKind.QuaternionTranslation,
            _ => null,
        };
        if (options.WithoutPoseHead)
        {
            warnings.Add($"pose_fc ({outputs} outputs) left out as asked; label kind Dof6 (6 outputs) assumed");
            return (PoseLabelKind.Dof6, false);
        }
        if (kind is null)
        {
            var why = outputs == 4 ? " (4 is the original code's rotation-only quaternion label, which the suite does not model)" : "";
            throw new CaffeFormatException(
                $"{pose.Location?.ToString() ?? deploy.Net.Source}: pose_fc has {outputs} outputs, which match no pose label kind of the suite{why}; "
                + "known: 2 → Dof2, 5 → Dof5, 6 → Dof6, 7 → QuaternionTranslation. Import without the pose head (--no-pose-head) to keep the rest");
        }
        return (kind.Value, true);
    }

    /// <summary>The suite's input for every image, whatever size the prototxt's header declares (its deploy files say 227).</summary>
    static Dictionary<string, int[]> InputShapes(CaffeDeployNet deploy, int size, List<string> warnings)
    {
        var shapes = new Dictionary<string, int[]>();
        foreach (var input in deploy.Net.Inputs)
        {
            if (input.Name is not (CaffeArchitecture.TowerInput or CaffeArchitecture.TwinInput or CaffeArchitecture.PairInput))
                continue;
            var channels = input.Name == CaffeArchitecture.PairInput ? 6 : 3;
            int[] shape = [1, channels, size, size];
            if (input.Shape is { } declared && !declared.Skip(1).SequenceEqual(shape.Skip(1)))
                warnings.Add($"input {input.Name} is declared {CaffeShapeTable.Format(declared)}; imported for the suite's {channels}×{size}×{size} (fully connected sizes follow from it)");
            shapes[input.Name] = shape;
        }
        return shapes;
    }

    /// <summary>The twin tower's learned layers: skipped, after checking that their weights are the tower's, since the suite's model has one tower.</summary>
    static IEnumerable<CaffeSkippedLayer> CheckTwins(CaffeArchitecture arch, CaffeDeployNet deploy, IReadOnlyDictionary<string, CaffeLayerWeights> weights, string source)
    {
        var skipped = new List<CaffeSkippedLayer>();
        var problems = new List<string>();
        foreach (var twin in arch.Part(CaffePart.Twin).Where(e => weights.ContainsKey(e.Name)))
        {
            var tower = arch.TowerLayerOf(twin.Name)!;
            var (a, b) = (weights[tower], weights[twin.Name]);
            var difference = Math.Max(MaxDifference(a.Weight, b.Weight), MaxDifference(a.Bias ?? [], b.Bias ?? []));
            if (difference > 0)
                problems.Add($"{twin.Name} differs from {tower} by up to {difference:g4}");
            skipped.Add(new(twin.Name, twin.Type, $"twin tower; its weights are {tower}'s"));
        }
        if (problems.Count > 0)
            throw new CaffeFormatException($"{source} does not fit {deploy.Net.Source}: the suite's {arch.Name} runs one tower on both images, but the twin's weights differ: {string.Join("; ", problems)}");
        return skipped;
    }

    static double MaxDifference(float[] a, float[] b) =>
        a.Length != b.Length ? double.PositiveInfinity : a.Zip(b).Select(p => Math.Abs((double)p.First - p.Second)).DefaultIfEmpty(0).Max();

    static List<string> UnusedModelLayers(CaffeModel model, CaffeDeployNet deploy, IReadOnlyDictionary<string, CaffeLayerWeights> weights)
    {
        var used = weights.Values.SelectMany(w => new[] { w.WeightSource, w.BiasSource }).OfType<string>().Select(s => s.Split(' ')[0]).ToHashSet();
        return model.Layers.Where(l => l.Blobs.Count > 0 && deploy.Net.Layer(l.Name) is null && !used.Contains(l.Name)).Select(l => l.Name).ToList();
    }
}
