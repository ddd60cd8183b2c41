namespace EssenceOfPose.Caffe.Tests;

/// <summary>
/// Caffemodels with random weights of exactly the shapes a prototxt implies, as Caffe would save
/// them (every learned layer with its own blobs; a twin's blobs copied from the layer it shares them
/// with, as Caffe's shared blobs are one array). PoseNet's weights were never released, so these stand in.
/// </summary>
internal static class RandomCaffeModel
{
    public static CaffeModel For(CaffeNet net, IReadOnlyDictionary<string, int[]>? inputShapes = null, int seed = 1, double scale = 0.1)
    {
        var random = new Random(seed);
        var table = CaffeShapes.Infer(net, inputShapes);
        var byParamName = new Dictionary<string, CaffeBlob>();
        var layers = new List<CaffeModelLayer>();
        foreach (var l in table.Layers.Where(l => l.Parameters.Count > 0))
        {
            var blobs = l.Parameters.Select((shape, i) =>
            {
                var shared = i < l.Layer.Params.Count && l.Layer.Params[i].IsShared ? l.Layer.Params[i].Name : null;
                if (shared is not null && byParamName.TryGetValue(shared, out var existing))
                    return existing;
                var count = shape.Aggregate(1, (a, d) => a * d);
                var blob = new CaffeBlob(shape, Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2 - 1) * scale)).ToArray());
                if (shared is not null)
                    byParamName[shared] = blob;
                return blob;
            }).ToList();
            layers.Add(new CaffeModelLayer(l.Layer.Name, l.Layer.Type, l.Layer.Bottoms, l.Layer.Tops, l.Layer.Params.Select(p => p.Name).ToList(), blobs));
        }
        return new CaffeModel(net.Name, layers, CaffeLayerForm.Layer, "random.caffemodel");
    }

    /// <summary>Writes a model in the given form as Caffe did: V1 files with legacy 4-D blob shapes and unpacked floats, current ones packed.</summary>
    public static string Write(string path, CaffeModel model, CaffeLayerForm form)
    {
        var options = new CaffeModelWriteOptions(form, LegacyBlobShape: form == CaffeLayerForm.V1, PackedFloats: form == CaffeLayerForm.Layer);
        CaffeModelWriter.Write(path, model, options);
        return path;
    }
}
