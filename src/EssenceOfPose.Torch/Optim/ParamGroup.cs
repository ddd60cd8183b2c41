namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// Parameters optimised with the same hyper-parameters: one entry of PyTorch's
/// <c>optimizer.param_groups</c>. Set only the options that differ from the optimiser's
/// defaults (<c>new ParamGroup(head) { lr = 0.1 }</c>); the optimiser fills in the rest when
/// the group is added. Options are numbers keyed by PyTorch's names (flags are 0 or 1, betas
/// are "beta1" and "beta2"), so that schedulers and state dicts treat every optimiser alike.
/// </summary>
public sealed class ParamGroup
{
    readonly Dictionary<string, double> values = new(StringComparer.Ordinal);

    /// <summary>A group of <paramref name="parameters"/>; the tensors are referenced, not copied.</summary>
    public ParamGroup(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        @params = parameters.ToArray();
    }

    /// <summary>The parameters, in the order the optimiser numbers them.</summary>
    public IReadOnlyList<Tensor> @params { get; }

    /// <summary>Every option set on the group, by name.</summary>
    public IReadOnlyDictionary<string, double> options => values;

    /// <summary>An option by PyTorch's name, as <c>group["lr"]</c>; reading a missing one throws.</summary>
    public double this[string key]
    {
        get => values.TryGetValue(key, out var v)
            ? v
            : throw new KeyNotFoundException($"param group has no option '{key}' (it has: {string.Join(", ", values.Keys)})");
        set => values[key] = value;
    }

    public bool ContainsKey(string key) => values.ContainsKey(key);

    /// <summary>Sets <paramref name="key"/> only if the group does not set it already.</summary>
    internal void SetDefault(string key, double value) => values.TryAdd(key, value);

    internal void ReplaceOptions(IReadOnlyDictionary<string, double> values)
    {
        this.values.Clear();
        foreach (var (k, v) in values) this.values[k] = v;
    }

    public double lr { get => this["lr"]; set => this["lr"] = value; }

    public double weight_decay { get => this["weight_decay"]; set => this["weight_decay"] = value; }

    public double momentum { get => this["momentum"]; set => this["momentum"] = value; }

    public double dampening { get => this["dampening"]; set => this["dampening"] = value; }

    public bool nesterov { get => this["nesterov"] != 0; set => this["nesterov"] = value ? 1 : 0; }

    public double eps { get => this["eps"]; set => this["eps"] = value; }

    public (double beta1, double beta2) betas
    {
        get => (this["beta1"], this["beta2"]);
        set
        {
            this["beta1"] = value.beta1;
            this["beta2"] = value.beta2;
        }
    }

    public bool amsgrad { get => this["amsgrad"] != 0; set => this["amsgrad"] = value ? 1 : 0; }

    public bool maximize { get => this["maximize"] != 0; set => this["maximize"] = value ? 1 : 0; }
}
