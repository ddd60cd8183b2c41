namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// Base of the optimisers, as torch.optim.Optimizer: parameter groups with their own options,
/// per-parameter state, <see cref="step"/> and <see cref="zero_grad"/>, and a state dict for
/// resuming (Optimizer.StateDict.cs). Parameters are referenced, not copied: keep them alive
/// while the optimiser is used. Dispose the optimiser to free its state buffers.
/// </summary>
public abstract partial class Optimizer : IDisposable
{
    readonly List<ParamGroup> groups = [];
    readonly Dictionary<Tensor, ParamState> states = new(ReferenceEqualityComparer.Instance);
    readonly Dictionary<string, double> defaultOptions;
    bool disposed;

    /// <param name="param_groups">At least one group; options a group leaves unset come from <paramref name="defaults"/>.</param>
    /// <param name="defaults">Every option this optimiser reads, with its default value.</param>
    protected Optimizer(IEnumerable<ParamGroup> param_groups, IReadOnlyDictionary<string, double> defaults)
    {
        ArgumentNullException.ThrowIfNull(param_groups);
        defaultOptions = new Dictionary<string, double>(defaults, StringComparer.Ordinal);
        foreach (var g in param_groups) add_param_group(g);
        if (groups.Count == 0) throw new ArgumentException("optimizer got an empty parameter list", nameof(param_groups));
    }

    /// <summary>The groups, in the order they were added.</summary>
    public IReadOnlyList<ParamGroup> param_groups => groups;

    /// <summary>Every option this optimiser reads, with the value a group gets when it does not set it.</summary>
    public IReadOnlyDictionary<string, double> defaults => defaultOptions;

    /// <summary>The state of every parameter that has been updated at least once.</summary>
    public IReadOnlyDictionary<Tensor, ParamState> state => states;

    /// <summary>Adds a group, filling its unset options from the defaults; a parameter may be in one group only.</summary>
    public void add_param_group(ParamGroup param_group)
    {
        ArgumentNullException.ThrowIfNull(param_group);
        ObjectDisposedException.ThrowIf(disposed, this);
        if (param_group.@params.Count == 0) throw new ArgumentException("optimizer got a parameter group without parameters", nameof(param_group));
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var p in param_group.@params)
        {
            ArgumentNullException.ThrowIfNull(p, nameof(param_group));
            if (!seen.Add(p)) throw new ArgumentException($"a parameter appears twice in one group ({p})", nameof(param_group));
            if (groups.Any(g => g.@params.Contains(p, ReferenceEqualityComparer.Instance)))
                throw new ArgumentException($"some parameters appear in more than one parameter group ({p})", nameof(param_group));
        }
        foreach (var key in param_group.options.Keys)
            if (!defaults.ContainsKey(key) && key != "initial_lr")
                throw new ArgumentException($"{GetType().Name} has no option '{key}' (it has: {string.Join(", ", defaults.Keys)})", nameof(param_group));
        foreach (var (k, v) in defaults) param_group.SetDefault(k, v);
        validate(param_group);
        groups.Add(param_group);
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a group's options are out of range.</summary>
    protected abstract void validate(ParamGroup group);

    /// <summary>Updates one parameter that has a gradient; returns false when it has none (and so was skipped).</summary>
    protected abstract bool update(Tensor parameter, ParamGroup group, ParamState state);

    /// <summary>Performs one optimisation step: every parameter with a gradient is updated in place.</summary>
    public void step()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (var g in groups)
        {
            validate(g);
            foreach (var p in g.@params)
            {
                var known = states.TryGetValue(p, out var s);
                s ??= new ParamState();
                if (!update(p, g, s)) continue;
                s.step++;
                if (!known) states[p] = s;
            }
        }
    }

    /// <summary>Removes every parameter's gradient, or with <paramref name="set_to_none"/> false zeroes it in place.</summary>
    public void zero_grad(bool set_to_none = true)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        foreach (var g in groups)
            foreach (var p in g.@params)
            {
                if (set_to_none)
                {
                    p.grad = null;
                    continue;
                }
                using var grad = p.grad;
                grad?.zero_();
            }
    }

    /// <summary>Frees the state buffers; the parameters are the caller's and stay alive.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        FreeState();
        GC.SuppressFinalize(this);
    }

    void FreeState()
    {
        foreach (var s in states.Values) s.Free();
        states.Clear();
    }
}
