namespace EssenceOfPose.Torch;

// Losses (native/src/nn_loss.cpp). reduction is "mean" (default), "sum" or "none".
public static partial class F
{
    /// <summary>
    /// log_softmax over dimension 1 followed by nll_loss. target holds class indices (int64, shape
    /// (N) or (N, d1, ...)) or class probabilities (the input's shape). Targets equal to ignore_index
    /// add nothing and, with "mean", do not count in the divisor.
    /// </summary>
    public static Tensor cross_entropy(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
        string reduction = "mean", double label_smoothing = 0.0) =>
        Tensor.Wrap(Native.eop_nn_cross_entropy(input.Handle, target.Handle, HandleOrNull(weight), ignore_index, Reduction(reduction),
            label_smoothing));

    /// <summary>
    /// Negative log likelihood of log-probabilities input (N, C) or (N, C, d1, ...) at the int64 class
    /// indices target; "mean" divides by the summed weights of the targets not ignored.
    /// </summary>
    public static Tensor nll_loss(Tensor input, Tensor target, Tensor? weight = null, long ignore_index = -100,
        string reduction = "mean") =>
        Tensor.Wrap(Native.eop_nn_nll_loss(input.Handle, target.Handle, HandleOrNull(weight), ignore_index, Reduction(reduction)));

    /// <summary>(input − target)², reduced.</summary>
    public static Tensor mse_loss(Tensor input, Tensor target, string reduction = "mean") =>
        Tensor.Wrap(Native.eop_nn_mse_loss(input.Handle, target.Handle, Reduction(reduction)));

    /// <summary>|input − target|, reduced.</summary>
    public static Tensor l1_loss(Tensor input, Tensor target, string reduction = "mean") =>
        Tensor.Wrap(Native.eop_nn_l1_loss(input.Handle, target.Handle, Reduction(reduction)));

    /// <summary>0.5 · d² / beta where |d| &lt; beta, |d| − 0.5 · beta elsewhere (d = input − target); beta = 0 is l1_loss.</summary>
    public static Tensor smooth_l1_loss(Tensor input, Tensor target, string reduction = "mean", double beta = 1.0) =>
        Tensor.Wrap(Native.eop_nn_smooth_l1_loss(input.Handle, target.Handle, Reduction(reduction), beta));

    /// <summary>
    /// Binary cross entropy of sigmoid(input) against target in [0, 1], computed from the logits
    /// stably: −w · [pos_weight · t · log σ(x) + (1 − t) · log(1 − σ(x))]. pos_weight (one value per
    /// class, broadcast over the last dimension) weighs the positive term.
    /// </summary>
    public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null,
        string reduction = "mean", Tensor? pos_weight = null)
    {
        var (i, t) = (input.shape, target.shape);
        if (!i.AsSpan().SequenceEqual(t))
            throw new ArgumentException($"Target size ([{string.Join(", ", t)}]) must be the same as input size ([{string.Join(", ", i)}])",
                nameof(target));
        return Tensor.Wrap(Native.eop_nn_binary_cross_entropy_with_logits(input.Handle, target.Handle, HandleOrNull(weight),
            HandleOrNull(pos_weight), Reduction(reduction)));
    }
}
