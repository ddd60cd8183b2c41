namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// Base of the learning-rate schedules, as torch.optim.lr_scheduler.LRScheduler: each
/// <see cref="step"/> advances <see cref="last_epoch"/> and sets every group's lr to the
/// schedule's closed form at that epoch, from the group's "initial_lr". Construction performs
/// the first step (epoch 0), as PyTorch does.
/// </summary>
public abstract class LRScheduler
{
    double[] baseLrs;
    double[] lastLr = [];

    /// <param name="last_epoch">-1 to start; otherwise the epoch to resume after, which needs "initial_lr" in every group.</param>
    protected LRScheduler(Optimizer optimizer, int last_epoch)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(last_epoch, -1);
        this.optimizer = optimizer;
        var groups = optimizer.param_groups;
        for (var i = 0; i < groups.Count; i++)
        {
            if (last_epoch == -1) groups[i].SetDefault("initial_lr", groups[i].lr);
            else if (!groups[i].ContainsKey("initial_lr"))
                throw new ArgumentException($"param 'initial_lr' is not specified in param_groups[{i}] when resuming an optimizer");
        }
        baseLrs = groups.Select(g => g["initial_lr"]).ToArray();
        this.last_epoch = last_epoch;
    }

    public Optimizer optimizer { get; }

    /// <summary>The epoch whose lr the groups hold now; -1 before the first step.</summary>
    public int last_epoch { get; private set; }

    /// <summary>Each group's lr at epoch 0.</summary>
    public IReadOnlyList<double> base_lrs => baseLrs;

    /// <summary>The lr this scheduler last set, per group.</summary>
    public IReadOnlyList<double> get_last_lr() => lastLr;

    /// <summary>The schedule's closed form: the lr at <paramref name="epoch"/> of a group that started at <paramref name="base_lr"/>.</summary>
    protected abstract double get_closed_form_lr(double base_lr, int epoch);

    /// <summary>The schedule's own settings (step_size, gamma, ...) by PyTorch's names, for the state dict.</summary>
    protected abstract IReadOnlyDictionary<string, double> hyper_parameters { get; }

    /// <summary>Restores settings saved from <see cref="hyper_parameters"/>; throws on a missing or invalid one.</summary>
    protected abstract void load_hyper_parameters(IReadOnlyDictionary<string, double> values);

    /// <summary>Called last by each derived constructor, once its settings are in place.</summary>
    protected void initial_step() => step();

    /// <summary>Advances one epoch and writes the new lr into every group.</summary>
    public void step()
    {
        var groups = optimizer.param_groups;
        if (groups.Count != baseLrs.Length)
            throw new InvalidOperationException($"the optimizer has {groups.Count} parameter groups; the scheduler was made for {baseLrs.Length}");
        last_epoch++;
        var lrs = baseLrs.Select(b => get_closed_form_lr(b, last_epoch)).ToArray();
        for (var i = 0; i < lrs.Length; i++) groups[i].lr = lrs[i];
        lastLr = lrs;
    }

    /// <summary>Everything needed to continue the schedule: epoch, base and last lrs, settings.</summary>
    public LRSchedulerState state_dict() =>
        new(GetType().Name, last_epoch, baseLrs.ToArray(), lastLr.ToArray(), new Dictionary<string, double>(hyper_parameters, StringComparer.Ordinal));

    /// <summary>Continues from a saved state; the optimiser's lr comes from its own state dict, as in PyTorch.</summary>
    public void load_state_dict(LRSchedulerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var name = GetType().Name;
        if (state.Type != name) throw new ArgumentException($"the state dict is {state.Type}'s; this scheduler is {name}");
        var groups = optimizer.param_groups.Count;
        var lastCount = state.LastLr.Count;
        if (state.BaseLrs.Count != groups || (lastCount != groups && lastCount != 0))
            throw new ArgumentException($"the state dict is for {state.BaseLrs.Count} parameter groups; the optimizer has {groups}");
        ArgumentOutOfRangeException.ThrowIfLessThan(state.LastEpoch, -1, nameof(state));
        load_hyper_parameters(state.HyperParameters);
        last_epoch = state.LastEpoch;
        baseLrs = state.BaseLrs.ToArray();
        lastLr = state.LastLr.ToArray();
    }

    /// <summary>A saved setting, or an error naming it.</summary>
    protected static double Required(IReadOnlyDictionary<string, double> values, string key) =>
        values.TryGetValue(key, out var v) ? v : throw new ArgumentException($"the scheduler state lacks '{key}'");
}

/// <summary>The state of an <see cref="LRScheduler"/>, serialisable to JSON with <see cref="ToJson"/>.</summary>
public sealed record LRSchedulerState(string Type, int LastEpoch, IReadOnlyList<double> BaseLrs, IReadOnlyList<double> LastLr,
    IReadOnlyDictionary<string, double> HyperParameters)
{
    public string ToJson() => StateJson.Serialize(this);

    public static LRSchedulerState FromJson(string json) => StateJson.Deserialize<LRSchedulerState>(json, "scheduler state");
}
