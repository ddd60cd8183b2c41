namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2
/// weight decay: exactly torch.optim.SGD's update, one native call per parameter per step.
/// </summary>
public sealed class SGD : Optimizer
{
    static readonly string[] Buffers = ["momentum_buffer"];

    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0,
        double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : this([new ParamGroup(parameters)], lr, momentum, dampening, weight_decay, nesterov, maximize) { }

    /// <summary>Several groups; the arguments are the defaults for options a group does not set.</summary>
    public SGD(IEnumerable<ParamGroup> param_groups, double lr, double momentum = 0, double dampening = 0,
        double weight_decay = 0, bool nesterov = false, bool maximize = false)
        : base(param_groups, new Dictionary<string, double>
        {
            ["lr"] = lr,
            ["momentum"] = momentum,
            ["dampening"] = dampening,
            ["weight_decay"] = weight_decay,
            ["nesterov"] = nesterov ? 1 : 0,
            ["maximize"] = maximize ? 1 : 0,
        })
    { }

    protected override IReadOnlyCollection<string> buffer_names => Buffers;

    protected override void validate(ParamGroup group)
    {
        if (!(group.lr >= 0)) throw new ArgumentException($"Invalid learning rate: {group.lr}");
        if (!(group.momentum >= 0)) throw new ArgumentException($"Invalid momentum value: {group.momentum}");
        if (!(group.weight_decay >= 0)) throw new ArgumentException($"Invalid weight_decay value: {group.weight_decay}");
        if (group.nesterov && (group.momentum <= 0 || group.dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
    }

    protected override bool update(Tensor parameter, ParamGroup group, ParamState state)
    {
        var before = state.HandleOf("momentum_buffer");
        var buf = before;
        Native.Check(Native.eop_optim_sgd_step(parameter.Handle, ref buf, group.lr, group.momentum, group.dampening,
            group.weight_decay, group.nesterov ? 1 : 0, group.maximize ? 1 : 0, out var stepped));
        state.Adopt("momentum_buffer", before, buf);
        return stepped != 0;
    }
}
