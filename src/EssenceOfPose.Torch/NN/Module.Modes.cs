namespace EssenceOfPose.Torch.NN;

// Training mode, gradients, and moving every tensor to another device or dtype in place.
public abstract partial class Module
{
    /// <summary>True in training mode (the default): dropout drops, batch norm uses and updates batch statistics.</summary>
    public bool training { get; private set; } = true;

    /// <summary>Sets training mode on this module and every module below it; returns this.</summary>
    public Module train(bool mode = true)
    {
        foreach (var m in modules()) m.training = mode;
        return this;
    }

    /// <summary>Evaluation mode, train(false); returns this.</summary>
    public Module eval() => train(false);

    /// <summary>Removes every parameter's gradient (PyTorch's zero_grad(set_to_none=True)).</summary>
    public void zero_grad()
    {
        foreach (var p in parameters()) p.grad = null;
    }

    /// <summary>
    /// Moves every parameter, gradient and buffer to <paramref name="device"/> in place: the tensors
    /// keep their identity, so parameters stay leaves that require grad and references to them
    /// (an optimizer's, say) stay valid. Returns this.
    /// </summary>
    public Module to(Device device) => Convert(t => t.device == device ? null : t.to(device));

    /// <summary>Casts the floating-point parameters, gradients and buffers to <paramref name="dtype"/> in place (integer buffers stay); returns this.</summary>
    public Module to(ScalarType dtype)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"module.to() casts floating-point tensors only; {dtype} is not one", nameof(dtype));
        return Convert(t => !t.dtype.IsFloatingPoint() || t.dtype == dtype ? null : t.to(dtype));
    }

    /// <summary>Both moves at once; integer buffers only change device.</summary>
    public Module to(Device device, ScalarType dtype)
    {
        if (!dtype.IsFloatingPoint()) throw new ArgumentException($"module.to() casts floating-point tensors only; {dtype} is not one", nameof(dtype));
        return Convert(t =>
        {
            var target = t.dtype.IsFloatingPoint() ? dtype : t.dtype;
            return t.device == device && t.dtype == target ? null : t.to(device, target);
        });
    }

    /// <summary>Applies <paramref name="convert"/> (null: leave as is) to every tensor and swaps the data in, as param.data = fn(param.data).</summary>
    Module Convert(Func<Tensor, Tensor?> convert)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach (var (_, p) in named_parameters())
        {
            SwapData(p, convert);
            using var g = p.grad;
            if (g is not null && convert(g) is { } moved) p.grad = moved;
        }
        foreach (var (_, b) in named_buffers()) SwapData(b, convert);
        return this;
    }

    static void SwapData(Tensor t, Func<Tensor, Tensor?> convert)
    {
        if (convert(t) is { } moved) Native.Check(Native.eop_nn_set_data(t.Handle, moved.Handle));
    }
}
