namespace EssenceOfPose.Torch.Optim;

/// <summary>The update Adam and AdamW share; they differ only in how weight decay is applied.</summary>
internal static class AdamUpdate
{
    internal static readonly string[] Buffers = ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"];

    internal static Dictionary<string, double> Defaults(double lr, (double, double) betas, double eps, double weight_decay, bool amsgrad, bool maximize) => new()
    {
        ["lr"] = lr,
        ["beta1"] = betas.Item1,
        ["beta2"] = betas.Item2,
        ["eps"] = eps,
        ["weight_decay"] = weight_decay,
        ["amsgrad"] = amsgrad ? 1 : 0,
        ["maximize"] = maximize ? 1 : 0,
    };

    internal static void Validate(ParamGroup group)
    {
        if (!(group.lr >= 0)) throw new ArgumentException($"Invalid learning rate: {group.lr}");
        if (!(group.eps >= 0)) throw new ArgumentException($"Invalid epsilon value: {group.eps}");
        var (b1, b2) = group.betas;
        if (!(b1 >= 0 && b1 < 1)) throw new ArgumentException($"Invalid beta parameter at index 0: {b1}");
        if (!(b2 >= 0 && b2 < 1)) throw new ArgumentException($"Invalid beta parameter at index 1: {b2}");
        if (!(group.weight_decay >= 0)) throw new ArgumentException($"Invalid weight_decay value: {group.weight_decay}");
    }

    internal static bool Step(Tensor parameter, ParamGroup group, ParamState state, bool decoupled)
    {
        var before = (state.HandleOf("exp_avg"), state.HandleOf("exp_avg_sq"), state.HandleOf("max_exp_avg_sq"));
        var (m, v, vmax) = before;
        var (b1, b2) = group.betas;
        Native.Check(Native.eop_optim_adam_step(parameter.Handle, ref m, ref v, ref vmax, state.step + 1, group.lr, b1, b2,
            group.eps, group.weight_decay, group.amsgrad ? 1 : 0, decoupled ? 1 : 0, group.maximize ? 1 : 0, out var stepped));
        state.Adopt("exp_avg", before.Item1, m);
        state.Adopt("exp_avg_sq", before.Item2, v);
        state.Adopt("max_exp_avg_sq", before.Item3, vmax);
        return stepped != 0;
    }
}
