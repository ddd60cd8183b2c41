namespace EssenceOfPose.Torch.NN;

/// <summary>
/// Shared part of BatchNorm1d and BatchNorm2d (PyTorch's _BatchNorm): optional affine weight (ones)
/// and bias (zeros), and with track_running_stats the buffers running_mean (zeros), running_var
/// (ones) and num_batches_tracked (int64 0). momentum null means a cumulative average (1 / batches seen).
/// </summary>
public abstract class BatchNorm : Module
{
    protected BatchNorm(long num_features, double eps, double? momentum, bool affine, bool track_running_stats)
    {
        this.num_features = num_features;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.track_running_stats = track_running_stats;
        weight = register_parameter(nameof(weight), affine ? NewFloat32(num_features) : null);
        bias = register_parameter(nameof(bias), affine ? NewFloat32(num_features) : null);
        running_mean = register_buffer(nameof(running_mean), track_running_stats ? NewFloat32(num_features) : null);
        running_var = register_buffer(nameof(running_var), track_running_stats ? NewFloat32(num_features) : null);
        num_batches_tracked = register_buffer(nameof(num_batches_tracked),
            track_running_stats ? torch.tensor<long>(new long[] { 0 }, ReadOnlySpan<long>.Empty) : null);
        reset_parameters();
    }

    public long num_features { get; }
    public double eps { get; }
    public double? momentum { get; }
    public bool affine { get; }
    public bool track_running_stats { get; }
    public Tensor? weight { get; }
    public Tensor? bias { get; }
    public Tensor? running_mean { get; }
    public Tensor? running_var { get; }
    public Tensor? num_batches_tracked { get; }

    /// <summary>Running mean 0, running variance 1, no batches seen.</summary>
    public void reset_running_stats()
    {
        if (running_mean is not null) Init.zeros_(running_mean);
        if (running_var is not null) Init.ones_(running_var);
        num_batches_tracked?.zero_();
    }

    /// <summary>reset_running_stats(), weight 1 and bias 0.</summary>
    public void reset_parameters()
    {
        reset_running_stats();
        if (weight is not null) Init.ones_(weight);
        if (bias is not null) Init.zeros_(bias);
    }

    /// <summary>Throws unless the input has the dimensions this variant normalises.</summary>
    protected abstract void check_input_dim(Tensor input);

    public override Tensor forward(Tensor input)
    {
        check_input_dim(input);
        var factor = momentum ?? 0.0;
        if (training && num_batches_tracked is not null)
        {
            num_batches_tracked.add_(1);
            factor = momentum ?? 1.0 / num_batches_tracked.item_long();
        }
        // Batch statistics also in eval mode when there are no running ones to use.
        var useBatchStats = training || (running_mean is null && running_var is null);
        var keepStats = !training || track_running_stats;
        return F.batch_norm(input, keepStats ? running_mean : null, keepStats ? running_var : null, weight, bias, useBatchStats, factor, eps);
    }
}

/// <summary>torch.nn.BatchNorm1d: batch normalisation of (N, C) or (N, C, L) inputs over C.</summary>
public sealed class BatchNorm1d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true)
    : BatchNorm(num_features, eps, momentum, affine, track_running_stats)
{
    protected override void check_input_dim(Tensor input)
    {
        var d = input.dim();
        if (d is not (2 or 3)) throw new ArgumentException($"expected 2D or 3D input (got {d}D input)", nameof(input));
    }
}

/// <summary>torch.nn.BatchNorm2d: batch normalisation of (N, C, H, W) inputs over C.</summary>
public sealed class BatchNorm2d(long num_features, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool track_running_stats = true)
    : BatchNorm(num_features, eps, momentum, affine, track_running_stats)
{
    protected override void check_input_dim(Tensor input)
    {
        var d = input.dim();
        if (d != 4) throw new ArgumentException($"expected 4D input (got {d}D input)", nameof(input));
    }
}
