namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// Adam with decoupled weight decay (the parameter shrinks by lr·weight_decay before the Adam
/// step instead of the decay entering the gradient): exactly torch.optim.AdamW's update.
/// </summary>
public sealed class AdamW : Optimizer
{
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, betas, eps, weight_decay, amsgrad, maximize) { }

    /// <summary>Several groups; the arguments are the defaults for options a group does not set.</summary>
    public AdamW(IEnumerable<ParamGroup> param_groups, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
        double weight_decay = 1e-2, bool amsgrad = false, bool maximize = false)
        : base(param_groups, AdamUpdate.Defaults(lr, betas ?? (0.9, 0.999), eps, weight_decay, amsgrad, maximize)) { }

    protected override IReadOnlyCollection<string> buffer_names => AdamUpdate.Buffers;

    protected override void validate(ParamGroup group) => AdamUpdate.Validate(group);

    protected override bool update(Tensor parameter, ParamGroup group, ParamState state) =>
        AdamUpdate.Step(parameter, group, state, decoupled: true);
}
