namespace EssenceOfPose.Torch.NN;

/// <summary>torch.nn.Dropout: zeroes elements with probability p and scales the rest by 1 / (1 − p) in training mode; the identity in eval mode.</summary>
public sealed class Dropout : Module
{
    public Dropout(double p = 0.5)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability has to be between 0 and 1");
        this.p = p;
    }

    public double p { get; }

    public override Tensor forward(Tensor input) => F.dropout(input, p, training);
}
