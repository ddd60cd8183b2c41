namespace EssenceOfPose.Caffe;

/// <summary>
/// Blob shape inference with Caffe's arithmetic (convolution floors, pooling rounds up and keeps the last
/// window inside the padded image), so that shapes and weight sizes match what Caffe itself would build.
/// </summary>
static class CaffeShapes
{
    /// <summary>
    /// Runs through the deploy form of <paramref name="net"/>. Input shapes come from the net's header or
    /// Input layer; <paramref name="inputShapes"/> gives the missing ones (a siamese fragment's <c>data</c>
    /// and <c>data_p</c>) or overrides them (another batch size or image size).
    /// </summary>
    public static CaffeShapeTable Infer(CaffeNet net, IReadOnlyDictionary<string, int[]>? inputShapes = null)
    {
        var deploy = net.ForDeploy();
        var inputs = deploy.Net.Inputs;
        var given = inputShapes ?? new Dictionary<string, int[]>();
        var strangers = given.Keys.Where(k => inputs.All(i => i.Name != k)).ToList();
        if (strangers.Count > 0)
            throw new CaffeFormatException($"{net.Source}: shapes given for {string.Join(", ", strangers)}, which are not inputs of the deploy net (inputs: {string.Join(", ", inputs.Select(i => i.Name))})");
        var missing = inputs.Where(i => i.Shape is null && !given.ContainsKey(i.Name)).Select(i => i.Name).ToList();
        if (missing.Count > 0)
            throw new CaffeFormatException($"{net.Source}: no shape for input(s) {string.Join(", ", missing)}: the file does not give one; pass it to CaffeShapes.Infer");

        var blobs = new List<(string Name, int[] Shape)>();
        var current = new Dictionary<string, int[]>();
        foreach (var input in inputs)
        {
            var shape = (given.TryGetValue(input.Name, out var s) ? s : input.Shape!).ToArray();
            if (shape.Any(d => d <= 0))
                throw new CaffeFormatException($"{net.Source}: input '{input.Name}' has shape {CaffeShapeTable.Format(shape)}; every dimension must be positive");
            current[input.Name] = shape;
            blobs.Add((input.Name, shape));
        }

        var layers = new List<CaffeLayerShapes>();
        foreach (var layer in deploy.Net.Layers)
        {
            var bottoms = layer.Bottoms.Select(b => current[b]).ToList();
            CaffeLayerShapes shapes;
            try
            {
                shapes = CaffeShapeRules.Apply(layer, bottoms);
            }
            catch (CaffeShapeError e)
            {
                var where = layer.Location is { } at ? $"{at}: " : $"{net.Source}: ";
                var sizes = string.Join(", ", bottoms.Select(CaffeShapeTable.Format));
                throw new CaffeFormatException($"{where}layer '{layer.Name}' ({layer.Type}) on input {sizes}: {e.Message}");
            }
            for (var t = 0; t < layer.Tops.Count; t++)
            {
                if (!current.ContainsKey(layer.Tops[t]))
                    blobs.Add((layer.Tops[t], shapes.Tops[t]));
                else
                    blobs[blobs.FindIndex(b => b.Name == layer.Tops[t])] = (layer.Tops[t], shapes.Tops[t]);
                current[layer.Tops[t]] = shapes.Tops[t];
            }
            layers.Add(shapes);
        }
        return new CaffeShapeTable(deploy, blobs, layers);
    }
}
