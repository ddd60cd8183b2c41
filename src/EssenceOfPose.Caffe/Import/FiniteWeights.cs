using System.Globalization;

namespace EssenceOfPose.Caffe;

/// <summary>
/// Refuses a caffemodel whose imported blobs hold NaN or infinite values (issue #14): such weights
/// would import, then turn every code the suite computes into NaN. One line names the file, the
/// layer and the blob.
/// </summary>
static class FiniteWeights
{
    public static void Require(CaffeDeployNet deploy, IReadOnlyDictionary<string, CaffeLayerWeights> weights, string caffemodel)
    {
        foreach (var layer in deploy.Net.Layers.Where(l => weights.ContainsKey(l.Name)))
        {
            var w = weights[layer.Name];
            Check(caffemodel, layer, 0, w.Weight, w.WeightSource);
            if (w.Bias is not null)
                Check(caffemodel, layer, 1, w.Bias, w.BiasSource!);
        }
    }

    static void Check(string caffemodel, CaffeLayer layer, int blob, float[] values, string source)
    {
        var count = values.Count(v => !float.IsFinite(v));
        if (count == 0)
            return;
        var first = values.First(v => !float.IsFinite(v));
        var role = layer.Type == "PReLU" ? "slopes" : blob == 0 ? "weight" : "bias";
        var from = source == layer.Name ? "" : $", read from {source}";
        throw new CaffeFormatException(
            $"{caffemodel}: layer '{layer.Name}' blob {blob} ({role}{from}) holds {count} NaN or infinite value(s), the first {first.ToString(CultureInfo.InvariantCulture)}; a model with non-finite weights is not imported");
    }
}
