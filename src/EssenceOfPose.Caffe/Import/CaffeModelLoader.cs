using EssenceOfPose.Models;

namespace EssenceOfPose.Caffe;

/// <summary>
/// Copies Caffe weights into the suite's model by layer name: <c>conv1</c>'s blobs become
/// <c>conv1.weight</c> and <c>conv1.bias</c>, a PReLU's slopes <c>relu5.weight</c>. Only the layers of
/// the tower, the merge and the heads are copied (the twin's are the tower's).
/// </summary>
static class CaffeModelLoader
{
    public static IReadOnlyList<CaffeLoadedLayer> Load(SiameseNet model, CaffeArchitecture arch,
        IReadOnlyDictionary<string, CaffeLayerWeights> weights, bool withPose, string source)
    {
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        var loaded = new List<CaffeLoadedLayer>();
        using var _ = torch.no_grad();
        foreach (var expected in arch.Layers.Where(e => weights.ContainsKey(e.Name)))
        {
            if (expected.Part == CaffePart.Twin || (expected.Part == CaffePart.PoseHead && !withPose))
                continue;
            var w = weights[expected.Name];
            Copy(parameters, arch, expected.Name + ".weight", w.Weight, w.WeightShape, source);
            if (w.Bias is not null)
                Copy(parameters, arch, expected.Name + ".bias", w.Bias, w.BiasShape!, source);
            loaded.Add(new CaffeLoadedLayer(expected.Name, w.WeightShape, w.BiasShape, w.WeightSource));
        }
        return loaded;
    }

    static void Copy(Dictionary<string, Tensor> parameters, CaffeArchitecture arch, string name, float[] data, int[] shape, string source)
    {
        if (!parameters.TryGetValue(name, out var target))
            throw new CaffeFormatException($"{source}: the suite's {arch.Name} has no parameter '{name}' for the Caffe layer's blob");
        var wanted = shape.Select(d => (long)d).ToArray();
        if (!target.shape.SequenceEqual(wanted))
            throw new CaffeFormatException(
                $"{source}: '{name}' is {CaffeShapeTable.Format(shape)} in the caffemodel but {string.Join('×', target.shape)} in the suite's {arch.Name}");
        using var value = torch.tensor(data, wanted);
        target.copy_(value);
    }
}
