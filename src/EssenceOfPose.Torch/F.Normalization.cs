namespace EssenceOfPose.Torch;

// Normalisation and regularisation (native/src/nn_norm.cpp).
public static partial class F
{
    /// <summary>
    /// Batch normalisation over dimension 1 of an (N, C, ...) input. In training mode the batch
    /// statistics normalise the input and, when running_mean / running_var are given, update them in
    /// place: running = (1 - momentum) · running + momentum · batch (the variance unbiased). Otherwise
    /// the running statistics normalise the input.
    /// </summary>
    public static Tensor batch_norm(Tensor input, Tensor? running_mean, Tensor? running_var, Tensor? weight = null,
        Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        if (training) VerifyBatchSize(input.shape);
        return Tensor.Wrap(Native.eop_nn_batch_norm(input.Handle, HandleOrNull(running_mean), HandleOrNull(running_var),
            HandleOrNull(weight), HandleOrNull(bias), training ? 1 : 0, momentum, eps));
    }

    static void VerifyBatchSize(long[] shape)
    {
        if (shape.Length < 2) return;
        long perChannel = shape[0];
        for (var i = 2; i < shape.Length; i++) perChannel *= shape[i];
        if (perChannel == 1)
            throw new ArgumentException($"Expected more than 1 value per channel when training, got input size [{string.Join(", ", shape)}]");
    }

    /// <summary>
    /// Zeroes each element with probability p and scales the rest by 1 / (1 - p) while training;
    /// the identity otherwise.
    /// </summary>
    public static Tensor dropout(Tensor input, double p = 0.5, bool training = true)
    {
        if (p is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability has to be between 0 and 1");
        return Tensor.Wrap(Native.eop_nn_dropout(input.Handle, p, training ? 1 : 0));
    }

    /// <summary>
    /// Local response normalisation across channels (dimension 1):
    /// b_c = a_c / (k + alpha / size · Σ a_c'²)^beta, the sum over the size channels around c
    /// (size/2 before, (size-1)/2 after, zeros past the edges). As PyTorch and Caffe, alpha is
    /// divided by the window size.
    /// </summary>
    public static Tensor local_response_norm(Tensor input, long size, double alpha = 1e-4, double beta = 0.75, double k = 1.0) =>
        Tensor.Wrap(Native.eop_nn_local_response_norm(input.Handle, size, alpha, beta, k));
}
