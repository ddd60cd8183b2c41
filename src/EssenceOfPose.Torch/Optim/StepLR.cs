namespace EssenceOfPose.Torch.Optim;

/// <summary>Multiplies the lr by gamma every step_size epochs: lr = base_lr · gamma^⌊epoch / step_size⌋.</summary>
public sealed class StepLR : LRScheduler
{
    public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step_size, 1);
        this.step_size = step_size;
        this.gamma = gamma;
        initial_step();
    }

    public int step_size { get; private set; }

    public double gamma { get; private set; }

    protected override double get_closed_form_lr(double base_lr, int epoch) => base_lr * Math.Pow(gamma, epoch / step_size);

    protected override IReadOnlyDictionary<string, double> hyper_parameters =>
        new Dictionary<string, double> { ["step_size"] = step_size, ["gamma"] = gamma };

    protected override void load_hyper_parameters(IReadOnlyDictionary<string, double> values)
    {
        var s = Required(values, "step_size");
        if (!(s >= 1 && s <= int.MaxValue && s == Math.Floor(s))) throw new ArgumentException($"step_size must be a positive integer, got {s}");
        step_size = (int)s;
        gamma = Required(values, "gamma");
    }
}
