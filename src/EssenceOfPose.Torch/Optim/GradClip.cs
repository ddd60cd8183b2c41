namespace EssenceOfPose.Torch.Optim;

/// <summary>
/// Gradient clipping, as torch.nn.utils.clip_grad_norm_ and clip_grad_value_: one native call
/// covers all parameters. Parameters without a gradient are skipped.
/// </summary>
public static class GradClip
{
    /// <summary>
    /// Scales the gradients in place so that their joint <paramref name="norm_type"/>-norm (as if
    /// concatenated into one vector) is at most <paramref name="max_norm"/>; the scale is
    /// max_norm / (total_norm + 1e-6), clamped to 1, as PyTorch computes it.
    /// </summary>
    /// <param name="norm_type">The p of the p-norm; <see cref="double.PositiveInfinity"/> for the max-norm.</param>
    /// <param name="error_if_nonfinite">Throw instead of scaling when the total norm is NaN or infinite.</param>
    /// <returns>The total norm of the gradients before clipping (0 when no parameter has a gradient).</returns>
    public static double clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2, bool error_if_nonfinite = false)
    {
        var tensors = List(parameters);
        var handles = Args.Handles(tensors);
        double total;
        unsafe
        {
            fixed (IntPtr* p = handles)
                Native.Check(Native.eop_optim_clip_grad_norm(p, handles.Length, max_norm, norm_type, error_if_nonfinite ? 1 : 0, out total));
        }
        GC.KeepAlive(tensors);
        return total;
    }

    /// <summary>Clamps every gradient element into [-clip_value, clip_value], in place.</summary>
    public static void clip_grad_value_(IEnumerable<Tensor> parameters, double clip_value)
    {
        var tensors = List(parameters);
        var handles = Args.Handles(tensors);
        unsafe
        {
            fixed (IntPtr* p = handles)
                Native.Check(Native.eop_optim_clip_grad_value(p, handles.Length, clip_value));
        }
        GC.KeepAlive(tensors);
    }

    static Tensor[] List(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Select(t => t ?? throw new ArgumentException("a parameter is null", nameof(parameters))).ToArray();
    }
}
