namespace EssenceOfPose.Torch.NN;

/// <summary>torch.nn.LocalResponseNorm: F.local_response_norm across channels (alpha divided by size, as PyTorch and Caffe).</summary>
public sealed class LocalResponseNorm : Module
{
    public LocalResponseNorm(long size, double alpha = 1e-4, double beta = 0.75, double k = 1.0)
    {
        if (size <= 0) throw new ArgumentOutOfRangeException(nameof(size), size, "size must be positive");
        this.size = size;
        this.alpha = alpha;
        this.beta = beta;
        this.k = k;
    }

    public long size { get; }
    public double alpha { get; }
    public double beta { get; }
    public double k { get; }

    public override Tensor forward(Tensor input) => F.local_response_norm(input, size, alpha, beta, k);
}
