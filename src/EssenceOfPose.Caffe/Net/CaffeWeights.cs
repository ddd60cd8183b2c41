namespace EssenceOfPose.Caffe;

/// <summary>
/// The learned values of one layer in PyTorch's layouts: convolution weight OIHW, linear weight out×in,
/// PReLU slopes as a vector (one value when shared). <see cref="WeightSource"/> and <see cref="BiasSource"/>
/// name the model layer the values came from (another layer when the blob is shared by name).
/// </summary>
sealed record CaffeLayerWeights(
    int[] WeightShape, float[] Weight, int[]? BiasShape, float[]? Bias, string WeightSource, string? BiasSource)
{
    public override string ToString() =>
        $"weight {CaffeShapeTable.Format(WeightShape)} from {WeightSource}" + (BiasShape is null ? "" : $", bias {CaffeShapeTable.Format(BiasShape)} from {BiasSource}");
}

/// <summary>Maps a <see cref="CaffeModel"/>'s blobs onto a <see cref="CaffeNet"/>'s learned layers.</summary>
static class CaffeWeights
{
    /// <summary>
    /// For every Convolution, InnerProduct and PReLU layer of the deploy net: its blobs, checked against the
    /// shapes the prototxt implies and converted to PyTorch layouts. A blob a layer shares by param name
    /// (<c>conv1_p</c> naming <c>conv1_w</c>) comes from the layer's own entry in the model when saved there,
    /// else from any layer declaring the same name. Every missing or mis-shaped blob is listed in one error.
    /// </summary>
    public static IReadOnlyDictionary<string, CaffeLayerWeights> ForLayers(
        CaffeNet net, CaffeModel model, IReadOnlyDictionary<string, int[]>? inputShapes = null)
    {
        var shapes = CaffeShapes.Infer(net, inputShapes);
        var saved = model.BlobsByLayer;
        var result = new Dictionary<string, CaffeLayerWeights>();
        var problems = new List<string>();
        foreach (var layerShapes in shapes.Layers.Where(l => l.Parameters.Count > 0))
        {
            var layer = layerShapes.Layer;
            var found = new (float[] Data, string Source)?[layerShapes.Parameters.Count];
            for (var i = 0; i < found.Length; i++)
            {
                var expected = layerShapes.Parameters[i];
                var source = Find(net, saved, layer, i);
                if (source is not var (blob, from))
                {
                    problems.Add($"{layer.Name}: no blob {i} ({BlobRole(layer, i)} {CaffeShapeTable.Format(expected)}) in the model{SharingNote(layer, i)}");
                    continue;
                }
                if (!Fits(blob, expected))
                {
                    problems.Add($"{layer.Name}: blob {i} ({BlobRole(layer, i)}) from {from} is {blob}; the prototxt implies {CaffeShapeTable.Format(expected)}");
                    continue;
                }
                found[i] = (blob.Data, from);
            }
            if (found.All(f => f is not null))
                result[layer.Name] = ToPyTorch(layer, layerShapes.Parameters, found.Select(f => f!.Value).ToArray());
        }
        if (problems.Count > 0)
            throw new CaffeFormatException(
                $"{model.Source} does not fit {net.Source}: {problems.Count} problem(s):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        return result;
    }

    static (CaffeBlob Blob, string From)? Find(CaffeNet net, IReadOnlyDictionary<string, IReadOnlyList<CaffeBlob>> saved, CaffeLayer layer, int index)
    {
        if (saved.TryGetValue(layer.Name, out var own) && index < own.Count)
            return (own[index], layer.Name);
        var shared = index < layer.Params.Count && layer.Params[index].IsShared ? layer.Params[index].Name : null;
        if (shared is null)
            return null;
        foreach (var other in net.Layers)
        {
            var j = other.Params.ToList().FindIndex(p => p.Name == shared);
            if (j >= 0 && saved.TryGetValue(other.Name, out var blobs) && j < blobs.Count)
                return (blobs[j], $"{other.Name} (shared '{shared}')");
        }
        return null;
    }

    /// <summary>Caffe's Blob::ShapeEquals: a legacy 4-D shape matches the expected shape left-padded with 1s.</summary>
    static bool Fits(CaffeBlob blob, int[] expected)
    {
        if (!blob.IsLegacyShape)
            return blob.Shape.SequenceEqual(expected);
        return expected.Length <= 4 && Enumerable.Repeat(1, 4 - expected.Length).Concat(expected).SequenceEqual(blob.Shape);
    }

    static CaffeLayerWeights ToPyTorch(CaffeLayer layer, IReadOnlyList<int[]> shapes, (float[] Data, string Source)[] blobs)
    {
        var weightShape = shapes[0];
        var weight = blobs[0].Data;
        switch (layer.Parameters)
        {
            case InnerProductParameter { Transpose: true }:
                weight = Transpose(weight, weightShape[0], weightShape[1]);
                weightShape = [weightShape[1], weightShape[0]];
                break;
            case PReLUParameter { ChannelShared: true }:
                weightShape = [1];
                break;
        }
        return blobs.Length > 1
            ? new CaffeLayerWeights(weightShape, weight, shapes[1], blobs[1].Data, blobs[0].Source, blobs[1].Source)
            : new CaffeLayerWeights(weightShape, weight, null, null, blobs[0].Source, null);
    }

    static float[] Transpose(float[] data, int rows, int columns)
    {
        var result = new float[data.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                result[c * rows + r] = data[r * columns + c];
        return result;
    }

    static string BlobRole(CaffeLayer layer, int index) => (layer.Type, index) switch
    {
        ("PReLU", _) => "slopes",
        (_, 0) => "weight",
        _ => "bias",
    };

    static string SharingNote(CaffeLayer layer, int index) =>
        index < layer.Params.Count && layer.Params[index].IsShared
            ? $", nor under its shared name '{layer.Params[index].Name}' in another layer"
            : "";
}
