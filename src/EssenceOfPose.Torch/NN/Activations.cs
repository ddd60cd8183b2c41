namespace EssenceOfPose.Torch.NN;

/// <summary>torch.nn.ReLU: max(0, x).</summary>
public sealed class ReLU : Module
{
    public override Tensor forward(Tensor input) => F.relu(input);
}

/// <summary>torch.nn.LeakyReLU: x for x ≥ 0, negative_slope · x otherwise.</summary>
public sealed class LeakyReLU(double negative_slope = 0.01) : Module
{
    public double negative_slope { get; } = negative_slope;

    public override Tensor forward(Tensor input) => F.leaky_relu(input, negative_slope);
}

/// <summary>
/// torch.nn.PReLU: LeakyReLU with a learnt slope, the parameter weight: one value shared by all
/// channels (num_parameters = 1) or one per channel, each starting at init.
/// </summary>
public sealed class PReLU : Module
{
    public PReLU(long num_parameters = 1, double init = 0.25)
    {
        if (num_parameters <= 0) throw new ArgumentOutOfRangeException(nameof(num_parameters), num_parameters, "must be positive");
        this.num_parameters = num_parameters;
        this.init = init;
        weight = register_parameter(nameof(weight), Init.constant_(NewFloat32(num_parameters), init));
    }

    public long num_parameters { get; }
    public double init { get; }
    public Tensor weight { get; }

    public override Tensor forward(Tensor input) => F.prelu(input, weight);
}
