namespace EssenceOfPose.Torch.Optim;

/// <summary>Multiplies the lr by gamma every epoch: lr = base_lr · gamma^epoch.</summary>
public sealed class ExponentialLR : LRScheduler
{
    public ExponentialLR(Optimizer optimizer, double gamma, int last_epoch = -1) : base(optimizer, last_epoch)
    {
        this.gamma = gamma;
        initial_step();
    }

    public double gamma { get; private set; }

    protected override double get_closed_form_lr(double base_lr, int epoch) => base_lr * Math.Pow(gamma, epoch);

    protected override IReadOnlyDictionary<string, double> hyper_parameters => new Dictionary<string, double> { ["gamma"] = gamma };

    protected override void load_hyper_parameters(IReadOnlyDictionary<string, double> values) => gamma = Required(values, "gamma");
}
