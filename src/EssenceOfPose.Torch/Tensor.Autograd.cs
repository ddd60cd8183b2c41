namespace EssenceOfPose.Torch;

// Autograd extras of a tensor (native/src/autograd.cpp); backward, grad and detach are in Tensor.cs.
public sealed partial class Tensor
{
    /// <summary>Makes backward() keep this non-leaf tensor's gradient in <see cref="grad"/>; returns this tensor.</summary>
    public Tensor retain_grad()
    {
        Native.Check(Native.eop_retain_grad(Handle));
        return this;
    }

    public bool retains_grad
    {
        get
        {
            Native.Check(Native.eop_retains_grad(Handle, out var v));
            return v != 0;
        }
    }
}
