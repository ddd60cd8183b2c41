namespace EssenceOfPose.Torch;

// In-place forms for optimisers and solvers (native/src/arith.cpp, elementwise.cpp): each
// changes this tensor's values and returns this tensor.
public sealed partial class Tensor
{
    public Tensor zero_()
    {
        Native.Check(Native.eop_zero_(Handle));
        return this;
    }

    public Tensor fill_(double value)
    {
        Native.Check(Native.eop_fill_(Handle, value));
        return this;
    }

    public Tensor copy_(Tensor source)
    {
        Native.Check(Native.eop_copy_(Handle, source.Handle));
        return this;
    }

    public Tensor add_(Tensor other, double alpha = 1)
    {
        Native.Check(Native.eop_add_(Handle, other.Handle, alpha));
        return this;
    }

    public Tensor mul_(double value)
    {
        Native.Check(Native.eop_mul_scalar_(Handle, value));
        return this;
    }

    public Tensor add_(double other)
    {
        Native.Check(Native.eop_add_scalar_(Handle, other));
        return this;
    }

    public Tensor sub_(Tensor other, double alpha = 1)
    {
        Native.Check(Native.eop_sub_(Handle, other.Handle, alpha));
        return this;
    }

    public Tensor sub_(double other) => add_(-other);

    public Tensor mul_(Tensor other)
    {
        Native.Check(Native.eop_mul_(Handle, other.Handle));
        return this;
    }

    public Tensor div_(Tensor other)
    {
        Native.Check(Native.eop_div_(Handle, other.Handle));
        return this;
    }

    public Tensor div_(double other)
    {
        Native.Check(Native.eop_div_scalar_(Handle, other));
        return this;
    }

    /// <summary>this += value * tensor1 * tensor2.</summary>
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, double value = 1)
    {
        Native.Check(Native.eop_addcmul_(Handle, tensor1.Handle, tensor2.Handle, value));
        return this;
    }

    /// <summary>this += value * tensor1 / tensor2.</summary>
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, double value = 1)
    {
        Native.Check(Native.eop_addcdiv_(Handle, tensor1.Handle, tensor2.Handle, value));
        return this;
    }

    public Tensor sqrt_()
    {
        Native.Check(Native.eop_sqrt_(Handle));
        return this;
    }

    public Tensor neg_()
    {
        Native.Check(Native.eop_neg_(Handle));
        return this;
    }

    public Tensor abs_()
    {
        Native.Check(Native.eop_abs_(Handle));
        return this;
    }

    public Tensor clamp_(double? min = null, double? max = null)
    {
        Native.Check(Native.eop_clamp_(Handle, Args.Flag(min.HasValue), min ?? 0, Args.Flag(max.HasValue), max ?? 0));
        return this;
    }

    public Tensor clamp_(Tensor? min, Tensor? max = null)
    {
        Native.Check(Native.eop_clamp_tensor_(Handle, Args.HandleOrZero(min), Args.HandleOrZero(max)));
        return this;
    }

    /// <summary>this += weight * (end - this).</summary>
    public Tensor lerp_(Tensor end, double weight)
    {
        Native.Check(Native.eop_lerp_(Handle, end.Handle, weight));
        return this;
    }

    public Tensor lerp_(Tensor end, Tensor weight)
    {
        Native.Check(Native.eop_lerp_tensor_(Handle, end.Handle, weight.Handle));
        return this;
    }

    public Tensor pow_(double exponent)
    {
        Native.Check(Native.eop_pow_scalar_(Handle, exponent));
        return this;
    }

    public Tensor pow_(Tensor exponent)
    {
        Native.Check(Native.eop_pow_(Handle, exponent.Handle));
        return this;
    }
}
