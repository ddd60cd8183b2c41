namespace EssenceOfPose.Caffe;

/// <summary>Building an executor: every layer's weights checked against its settings, then copied into tensors.</summary>
sealed partial class CaffeExecutor
{
    /// <summary>Builds the net from the prototxt and the caffemodel (weights matched by <see cref="CaffeWeights.ForLayers"/>).</summary>
    public static CaffeExecutor Load(CaffeNet net, CaffeModel model, IReadOnlyDictionary<string, int[]>? inputShapes = null, Device? device = null) =>
        Build(net.ForDeploy(), CaffeWeights.ForLayers(net, model, inputShapes), device);

    /// <summary>
    /// Builds the net from its deploy form and the weights of its learned layers (Convolution,
    /// InnerProduct, PReLU), which it copies into tensors on <paramref name="device"/>. Every layer that
    /// lacks weights, or has a bias its prototxt does not declare (or the reverse), is listed in one error.
    /// </summary>
    public static CaffeExecutor Build(CaffeDeployNet deploy, IReadOnlyDictionary<string, CaffeLayerWeights> weights, Device? device = null)
    {
        var problems = new List<string>();
        foreach (var layer in deploy.Net.Layers)
        {
            var where = layer.Location?.ToString() ?? deploy.Net.Source;
            if (layer.Parameters is PoolingParameter { Pool: PoolMethod.Stochastic })
                problems.Add($"{where}: layer '{layer.Name}': STOCHASTIC pooling is not supported (Caffe's own CPU forward does not implement it)");
            bool? bias = layer.Parameters switch
            {
                ConvolutionParameter c => c.BiasTerm,
                InnerProductParameter ip => ip.BiasTerm,
                PReLUParameter => false,
                _ => null,
            };
            if (bias is not bool wantsBias)
                continue;
            if (!weights.TryGetValue(layer.Name, out var w))
                problems.Add($"{where}: layer '{layer.Name}' ({layer.Type}) has no weights");
            else if (wantsBias != (w.Bias is not null))
                problems.Add($"{where}: layer '{layer.Name}' ({layer.Type}) {(wantsBias ? "declares a bias but its weights have none" : "declares no bias but its weights have one")}");
        }
        if (problems.Count > 0)
            throw new CaffeFormatException($"{deploy.Net.Source}: cannot build the executor: {string.Join("; ", problems)}");

        var learned = new Dictionary<string, CaffeLayerTensors>();
        foreach (var layer in deploy.Net.Layers.Where(l => weights.ContainsKey(l.Name) && l.Parameters is ConvolutionParameter or InnerProductParameter or PReLUParameter))
        {
            var w = weights[layer.Name];
            learned[layer.Name] = new CaffeLayerTensors(ToTensor(w.Weight, w.WeightShape, device), w.Bias is null ? null : ToTensor(w.Bias, w.BiasShape!, device));
        }
        return new CaffeExecutor(deploy, learned);
    }

    static Tensor ToTensor(float[] data, int[] shape, Device? device)
    {
        var t = torch.tensor(data, shape.Select(d => (long)d).ToArray());
        if (device is { } d && t.device != d)
        {
            var moved = t.to(d);
            t.Dispose();
            t = moved;
        }
        return t.DetachFromDisposeScope();
    }
}
