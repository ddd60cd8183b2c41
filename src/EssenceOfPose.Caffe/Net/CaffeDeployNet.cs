namespace EssenceOfPose.Caffe;

/// <summary>A layer left out of the deploy net, and why.</summary>
public sealed record CaffeSkippedLayer(string Name, string Type, string Reason)
{
    public override string ToString() => $"{Name} ({Type}: {Reason})";
}

/// <summary>
/// What <see cref="CaffeNet.ForDeploy"/> returns: the net restricted to its supported compute layers
/// in the TEST phase, whose inputs are everything those layers read and nobody produces; and the
/// layers it skipped.
/// </summary>
sealed record CaffeDeployNet(CaffeNet Net, IReadOnlyList<CaffeSkippedLayer> Skipped)
{
    /// <summary>One line for logs and notebooks: what is kept, what the inputs are, what was skipped.</summary>
    public string Summary
    {
        get
        {
            var name = Net.Name.Length > 0 ? Net.Name : "net";
            var inputs = Net.Inputs.Count == 0 ? "none" : string.Join(", ", Net.Inputs);
            var skipped = Skipped.Count == 0 ? "nothing skipped" : $"skipped {Skipped.Count}: {string.Join(", ", Skipped)}";
            return $"{name} for deploy: {Net.Layers.Count} layers; inputs {inputs}; {skipped}";
        }
    }

    public override string ToString() => Summary;

    public static CaffeDeployNet Build(CaffeNet net)
    {
        var kept = new List<CaffeLayer>();
        var skipped = new List<CaffeSkippedLayer>();
        var unknown = new List<CaffeLayer>();
        foreach (var layer in net.Layers)
        {
            if (!layer.IsIncludedIn(CaffePhase.Test))
            {
                skipped.Add(new(layer.Name, layer.Type, "not in the TEST phase"));
                continue;
            }
            switch (layer.Role)
            {
                case CaffeLayerRole.Compute: kept.Add(layer); break;
                case CaffeLayerRole.Data: skipped.Add(new(layer.Name, layer.Type, "data")); break;
                case CaffeLayerRole.Loss: skipped.Add(new(layer.Name, layer.Type, "loss")); break;
                case CaffeLayerRole.Metric: skipped.Add(new(layer.Name, layer.Type, "metric")); break;
                case CaffeLayerRole.Python: skipped.Add(new(layer.Name, layer.Type, "Python code, not importable")); break;
                default: unknown.Add(layer); break;
            }
        }
        if (unknown.Count > 0)
        {
            var byType = unknown.GroupBy(l => l.Type).Select(g => $"{g.Key} ({string.Join(", ", g.Select(l => l.Name))})");
            var places = unknown.Select(l => $"{l.Name} at {Where(l, net)}");
            throw new CaffeFormatException(
                $"{Where(unknown[0], net)}: cannot build '{net.Name}' for deploy: {unknown.Count} layer(s) of unsupported types: {string.Join("; ", byType)} "
                + $"[{string.Join(", ", places)}]. Supported: {string.Join(", ", CaffeLayerTypes.Supported)}");
        }
        var duplicate = kept.GroupBy(l => l.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CaffeFormatException(
                $"{Where(duplicate.Last(), net)}: layer name '{duplicate.Key}' is used by {duplicate.Count()} layers of the deploy net "
                + $"(at {string.Join(", ", duplicate.Select(l => Where(l, net)))}); weights are matched by name");

        var inputs = new List<CaffeInput>(net.Inputs);
        var available = new HashSet<string>(inputs.Select(i => i.Name));
        for (var i = 0; i < kept.Count; i++)
        {
            foreach (var bottom in kept[i].Bottoms.Where(b => !available.Contains(b)))
            {
                var producer = kept.Skip(i + 1).FirstOrDefault(l => l.Tops.Contains(bottom));
                if (producer is not null)
                    throw new CaffeFormatException($"{Where(kept[i], net)}: layer '{kept[i].Name}' reads blob '{bottom}' before layer '{producer.Name}' (at {Where(producer, net)}) produces it");
                inputs.Add(new CaffeInput(bottom, null));
                available.Add(bottom);
            }
            available.UnionWith(kept[i].Tops);
        }
        return new CaffeDeployNet(net with { Inputs = inputs, Layers = kept }, skipped);
    }

    /// <summary>A layer's place in its prototxt, or the net's source for layers built in code.</summary>
    static string Where(CaffeLayer layer, CaffeNet net) => layer.Location?.ToString() ?? net.Source;
}
