using System.Globalization;

namespace EssenceOfPose.Torch.Optim;

// state_dict / load_state_dict: everything needed to resume training bit-exactly.
public abstract partial class Optimizer
{
    /// <summary>The names of the per-parameter buffers this optimiser may keep.</summary>
    protected abstract IReadOnlyCollection<string> buffer_names { get; }

    /// <summary>
    /// Copies of the state (buffers, update counts) and every group's options, the current lr
    /// included. The caller owns the returned tensors.
    /// </summary>
    public OptimizerStateDict state_dict()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var steps = new Dictionary<int, long>();
        var saved = new List<ParamGroupScalars>();
        var index = 0;
        try
        {
            foreach (var g in groups)
            {
                var ids = new List<int>();
                foreach (var p in g.@params)
                {
                    if (states.TryGetValue(p, out var s))
                    {
                        steps[index] = s.step;
                        foreach (var (name, t) in s.tensors) tensors[$"state.{index}.{name}"] = t.clone();
                    }
                    ids.Add(index++);
                }
                saved.Add(new ParamGroupScalars(new Dictionary<string, double>(g.options, StringComparer.Ordinal), ids));
            }
        }
        catch
        {
            foreach (var t in tensors.Values) t.Dispose();
            throw;
        }
        return new OptimizerStateDict(tensors, new OptimizerScalars(GetType().Name, saved, steps));
    }

    /// <summary>
    /// Replaces the state and the groups' options with those of <paramref name="state_dict"/>, whose
    /// groups must hold as many parameters as this optimiser's, in the same order. Buffers are
    /// copied to each parameter's device and dtype. On any mismatch it throws and changes nothing.
    /// </summary>
    public void load_state_dict(OptimizerStateDict state_dict)
    {
        ArgumentNullException.ThrowIfNull(state_dict);
        ObjectDisposedException.ThrowIf(disposed, this);
        var scalars = state_dict.Scalars;
        var name = GetType().Name;
        if (scalars.Type != name) throw new ArgumentException($"the state dict is {scalars.Type}'s; this optimizer is {name}");
        if (scalars.ParamGroups.Count != groups.Count)
            throw new ArgumentException($"the state dict has {scalars.ParamGroups.Count} parameter groups; this optimizer has {groups.Count}");

        var parameters = new Dictionary<int, Tensor>();
        for (var i = 0; i < groups.Count; i++)
        {
            var saved = scalars.ParamGroups[i];
            if (saved.Params.Count != groups[i].@params.Count)
                throw new ArgumentException($"parameter group {i} of the state dict has {saved.Params.Count} parameters; this optimizer's has {groups[i].@params.Count}");
            for (var j = 0; j < saved.Params.Count; j++)
                if (!parameters.TryAdd(saved.Params[j], groups[i].@params[j]))
                    throw new ArgumentException($"the state dict names parameter {saved.Params[j]} twice");
            CheckOptions(i, saved.Options);
        }

        var loaded = new Dictionary<Tensor, ParamState>(ReferenceEqualityComparer.Instance);
        try
        {
            foreach (var (id, step) in scalars.Steps)
            {
                if (!parameters.TryGetValue(id, out var p)) throw new ArgumentException($"the state dict has a step count for unknown parameter {id}");
                if (step < 0) throw new ArgumentException($"the state dict has a negative step count for parameter {id}");
                loaded[p] = new ParamState { step = step };
            }
            foreach (var (key, t) in state_dict.Tensors)
            {
                var (id, buffer) = ParseKey(key);
                if (!parameters.TryGetValue(id, out var p)) throw new ArgumentException($"state dict tensor '{key}' is for unknown parameter {id}");
                if (!loaded.TryGetValue(p, out var s)) throw new ArgumentException($"state dict tensor '{key}' is for parameter {id}, which has no step count");
                var (want, got) = (p.shape, t.shape);
                if (!want.SequenceEqual(got))
                    throw new ArgumentException($"state dict tensor '{key}' has shape [{string.Join(", ", got)}]; parameter {id} has shape [{string.Join(", ", want)}]");
                s.Set(buffer, t.to(p.device, p.dtype, copy: true));
            }
        }
        catch
        {
            foreach (var s in loaded.Values) s.Free();
            throw;
        }

        FreeState();
        foreach (var (p, s) in loaded) states[p] = s;
        for (var i = 0; i < groups.Count; i++) groups[i].ReplaceOptions(scalars.ParamGroups[i].Options);
    }

    void CheckOptions(int index, IReadOnlyDictionary<string, double> options)
    {
        foreach (var key in defaultOptions.Keys)
            if (!options.ContainsKey(key)) throw new ArgumentException($"parameter group {index} of the state dict lacks option '{key}'");
        foreach (var key in options.Keys)
            if (!defaultOptions.ContainsKey(key) && key != "initial_lr")
                throw new ArgumentException($"parameter group {index} of the state dict has option '{key}', which {GetType().Name} does not know");
        var probe = new ParamGroup([]);
        probe.ReplaceOptions(options);
        validate(probe);
    }

    (int id, string buffer) ParseKey(string key)
    {
        var parts = key.Split('.');
        if (parts.Length != 3 || parts[0] != "state" || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            throw new ArgumentException($"state dict tensor '{key}' is not named state.<index>.<buffer>");
        if (!buffer_names.Contains(parts[2]))
            throw new ArgumentException($"state dict tensor '{key}': {GetType().Name} keeps no buffer '{parts[2]}' (it keeps: {string.Join(", ", buffer_names)})");
        return (id, parts[2]);
    }
}
