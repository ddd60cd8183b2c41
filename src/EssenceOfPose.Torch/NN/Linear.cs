namespace EssenceOfPose.Torch.NN;

/// <summary>torch.nn.Linear: y = x Wᵀ + b with weight (out_features, in_features), initialised as PyTorch does.</summary>
public sealed class Linear : Module
{
    public Linear(long in_features, long out_features, bool bias = true)
    {
        this.in_features = in_features;
        this.out_features = out_features;
        weight = register_parameter(nameof(weight), NewFloat32(out_features, in_features));
        this.bias = register_parameter(nameof(bias), bias ? NewFloat32(out_features) : null);
        reset_parameters();
    }

    public long in_features { get; }
    public long out_features { get; }
    public Tensor weight { get; }
    public Tensor? bias { get; }

    /// <summary>Draws weight and bias afresh: kaiming_uniform_ (a = √5) and U(±1/√in_features).</summary>
    public void reset_parameters() => ConvInit.Reset(weight, bias);

    public override Tensor forward(Tensor input) => F.linear(input, weight, bias);
}
