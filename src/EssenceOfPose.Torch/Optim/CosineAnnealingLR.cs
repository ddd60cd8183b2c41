namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// Cosine annealing from base_lr to eta_min over T_max epochs (SGDR without restarts):
/// lr = eta_min + (base_lr − eta_min) · (1 + cos(π · epoch / T_max)) / 2.
/// </summary>
public sealed class CosineAnnealingLR : LRScheduler
{
    public CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(T_max, 1);
        this.T_max = T_max;
        this.eta_min = eta_min;
        initial_step();
    }

    public int T_max { get; private set; }

    public double eta_min { get; private set; }

    protected override double get_closed_form_lr(double base_lr, int epoch) =>
        eta_min + (base_lr - eta_min) * (1 + Math.Cos(Math.PI * epoch / T_max)) / 2;

    protected override IReadOnlyDictionary<string, double> hyper_parameters =>
        new Dictionary<string, double> { ["T_max"] = T_max, ["eta_min"] = eta_min };

    protected override void load_hyper_parameters(IReadOnlyDictionary<string, double> values)
    {
        var t = Required(values, "T_max");
        if (!(t >= 1 && t <= int.MaxValue && t == Math.Floor(t))) throw new ArgumentException($"T_max must be a positive integer, got {t}");
        T_max = (int)t;
        eta_min = Required(values, "eta_min");
    }
}
