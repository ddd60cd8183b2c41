namespace EssenceOfPose.Torch;

// Sampling into and from an existing tensor (native/src/random.cpp).
public sealed partial class Tensor
{
    /// <summary>1 with probability this[i], else 0, in this tensor's dtype.</summary>
    public Tensor bernoulli(Generator? generator = null) => Wrap(Native.eop_bernoulli(Handle, Args.HandleOrZero(generator)));

    /// <summary>Fills with 1 with probability p, else 0.</summary>
    public Tensor bernoulli_(double p = 0.5, Generator? generator = null)
    {
        Native.Check(Native.eop_bernoulli_(Handle, p, Args.HandleOrZero(generator)));
        return this;
    }

    /// <summary>Fills with uniform samples from [from, to).</summary>
    public Tensor uniform_(double from = 0, double to = 1, Generator? generator = null)
    {
        Native.Check(Native.eop_uniform_(Handle, from, to, Args.HandleOrZero(generator)));
        return this;
    }

    /// <summary>Fills with samples of N(mean, std²).</summary>
    public Tensor normal_(double mean = 0, double std = 1, Generator? generator = null)
    {
        Native.Check(Native.eop_normal_(Handle, mean, std, Args.HandleOrZero(generator)));
        return this;
    }
}
