namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// An optimiser's state as <see cref="Optimizer.state_dict"/> returns it: copies of the per-parameter
/// buffers keyed "state.{index}.{buffer}" (parameters numbered across groups in order, as PyTorch
/// does) and the scalars (<see cref="OptimizerScalars"/>). The tensors belong to the record:
/// dispose it (or the scope they were made in) when done.
/// </summary>
public sealed record OptimizerStateDict(Dictionary<string, Tensor> Tensors, OptimizerScalars Scalars) : IDisposable
{
    /// <summary>The metadata key under which <see cref="Save"/> stores the scalars' JSON.</summary>
    public const string MetadataKey = "optimizer";

    /// <summary>Writes the tensors and the scalars (as metadata) to one safetensors file, atomically.</summary>
    public void Save(string path) =>
        Safetensors.Save(path, Tensors, new Dictionary<string, string> { [MetadataKey] = Scalars.ToJson() });

    /// <summary>Reads a file written by <see cref="Save"/>; tensors are placed on <paramref name="device"/> (CPU by default).</summary>
    public static OptimizerStateDict Load(string path, Device? device = null)
    {
        var data = Safetensors.Load(path, device);
        try
        {
            if (!data.Metadata.TryGetValue(MetadataKey, out var json))
                throw new SafetensorsException(path, $"metadata has no '{MetadataKey}' entry, so the file holds no optimizer state");
            var scalars = OptimizerScalars.FromJson(json);
            return new OptimizerStateDict(new Dictionary<string, Tensor>(data.Tensors, StringComparer.Ordinal), scalars);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var t in Tensors.Values) t.Dispose();
    }
}

/// <summary>
/// The scalar part of an optimiser's state, serialisable to JSON: the optimiser's type name,
/// each group's options (current lr included) with the indices of its parameters, and the
/// update count of every parameter that has state.
/// </summary>
public sealed record OptimizerScalars(string Type, IReadOnlyList<ParamGroupScalars> ParamGroups, IReadOnlyDictionary<int, long> Steps)
{
    public string ToJson() => StateJson.Serialize(this);

    public static OptimizerScalars FromJson(string json) => StateJson.Deserialize<OptimizerScalars>(json, "optimizer state");
}

/// <summary>One parameter group in <see cref="OptimizerScalars"/>: its options and its parameters' indices.</summary>
public sealed record ParamGroupScalars(IReadOnlyDictionary<string, double> Options, IReadOnlyList<int> Params);
