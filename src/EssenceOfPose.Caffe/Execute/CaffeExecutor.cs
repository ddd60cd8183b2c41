using System.Runtime.InteropServices;

namespace EssenceOfPose.Caffe;

/// <summary>
/// A Caffe net run as Caffe runs it at test time: the deploy layers in file order over named blobs,
/// each with Caffe's definition of its op (<see cref="CaffeLayerOps"/>), an in-place layer (top named
/// like its bottom) replacing its blob, so that <c>fc5</c> after an in-place ReLU is the rectified
/// value, as Caffe exposes it. It is the reference the suite's own models are checked against.
/// </summary>
/// <example><code>
/// using var net = CaffeExecutor.Load(CaffeNet.Load("deploy.prototxt"), CaffeModel.Load("w.caffemodel"));
/// var blobs = net.Forward(new Dictionary&lt;string, Tensor&gt; { ["data"] = x }, "pool1", "fc5");
/// </code></example>
sealed class CaffeExecutor : IDisposable
{
    readonly Dictionary<string, CaffeLayerTensors> learned;
    readonly Dictionary<string, int> lastWriter;
    bool disposed;

    CaffeExecutor(CaffeDeployNet deploy, Dictionary<string, CaffeLayerTensors> learned)
    {
        Deploy = deploy;
        this.learned = learned;
        Inputs = deploy.Net.Inputs.Select(i => i.Name).ToArray();
        var blobs = new List<string>(Inputs);
        var available = new List<string>(Inputs);
        lastWriter = Inputs.ToDictionary(i => i, _ => -1);
        for (var i = 0; i < deploy.Net.Layers.Count; i++)
        {
            var layer = deploy.Net.Layers[i];
            // Caffe's net outputs: blobs that no later layer reads (an in-place layer reads and rewrites).
            foreach (var b in layer.Bottoms) available.Remove(b);
            foreach (var t in layer.Tops)
            {
                if (!blobs.Contains(t)) blobs.Add(t);
                available.Remove(t);
                available.Add(t);
                lastWriter[t] = i;
            }
        }
        Blobs = blobs;
        Outputs = available;
    }

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

    /// <summary>The deploy net this runs (its summary lists what was skipped).</summary>
    public CaffeDeployNet Deploy { get; }

    /// <summary>The blobs <see cref="Forward(IReadOnlyDictionary{string, Tensor}, string[])"/> needs.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Every blob, inputs first, then in order of first production.</summary>
    public IReadOnlyList<string> Blobs { get; }

    /// <summary>Caffe's net outputs: the blobs no later layer reads; what <c>Forward</c> returns when asked for none.</summary>
    public IReadOnlyList<string> Outputs { get; }

    /// <summary>
    /// Runs the layers needed for <paramref name="blobs"/> (all of them when none is named: the net's
    /// outputs are returned) and returns each blob's value at the end of that pass, after in-place layers.
    /// Intermediate tensors are freed; the returned ones belong to the caller's dispose scope.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> Forward(IReadOnlyDictionary<string, Tensor> inputs, params string[] blobs)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var missing = Inputs.Where(i => !inputs.ContainsKey(i)).ToList();
        var strangers = inputs.Keys.Where(k => !Inputs.Contains(k)).ToList();
        if (missing.Count > 0 || strangers.Count > 0)
            throw new ArgumentException($"{Deploy.Net.Source}: the net's inputs are {string.Join(", ", Inputs)}"
                + (missing.Count > 0 ? $"; missing {string.Join(", ", missing)}" : "")
                + (strangers.Count > 0 ? $"; not inputs: {string.Join(", ", strangers)}" : ""), nameof(inputs));
        var wanted = blobs.Length == 0 ? Outputs : blobs;
        var unknown = wanted.Where(b => !Blobs.Contains(b)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"{Deploy.Net.Source}: no blob {string.Join(", ", unknown)}; blobs: {string.Join(", ", Blobs)}", nameof(blobs));

        using var scope = torch.NewDisposeScope();
        var values = new Dictionary<string, Tensor>(inputs);
        var last = wanted.Max(b => lastWriter[b]);
        for (var i = 0; i <= last; i++)
        {
            var layer = Deploy.Net.Layers[i];
            var bottoms = layer.Bottoms.Select(b => values[b]).ToArray();
            Tensor[] tops;
            try
            {
                tops = CaffeLayerOps.Run(layer, bottoms, learned.GetValueOrDefault(layer.Name));
            }
            catch (Exception e) when (e is CaffeShapeError or ExternalException)
            {
                var where = layer.Location?.ToString() ?? Deploy.Net.Source;
                var sizes = string.Join(", ", bottoms.Select(b => string.Join('×', b.shape)));
                throw new ArgumentException($"{where}: layer '{layer.Name}' ({layer.Type}) on input {sizes}: {e.Message}", e);
            }
            for (var t = 0; t < tops.Length; t++)
                values[layer.Tops[t]] = tops[t];
        }
        return wanted.Distinct().ToDictionary(b => b, b => scope.MoveToOuter(values[b]));
    }

    /// <summary>For a net with one input: the value of <paramref name="blob"/>.</summary>
    public Tensor Forward(Tensor input, string blob)
    {
        if (Inputs.Count != 1)
            throw new ArgumentException($"{Deploy.Net.Source} has {Inputs.Count} inputs ({string.Join(", ", Inputs)}); pass them by name");
        return Forward(new Dictionary<string, Tensor> { [Inputs[0]] = input }, blob)[blob];
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        foreach (var t in learned.Values)
        {
            t.Weight.Dispose();
            t.Bias?.Dispose();
        }
    }
}
