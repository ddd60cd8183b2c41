namespace EssenceOfPose.Torch.NN;

/// <summary>torch.nn.Flatten: merges dimensions start_dim..end_dim (by default all but the batch dimension).</summary>
public sealed class Flatten(long start_dim = 1, long end_dim = -1) : Module
{
    public long start_dim { get; } = start_dim;
    public long end_dim { get; } = end_dim;

    public override Tensor forward(Tensor input) => input.flatten(start_dim, end_dim);
}
