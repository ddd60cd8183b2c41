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
sealed partial class CaffeExecutor : IDisposable
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
