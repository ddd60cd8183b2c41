using EssenceOfPose.Data.Pairs;

namespace EssenceOfPose.Caffe;

/// <summary>What the importer decides beside copying weights: the label kind, the input size, the twin tower, the weights it leaves unused.</summary>
static partial class CaffeImporter
{
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
