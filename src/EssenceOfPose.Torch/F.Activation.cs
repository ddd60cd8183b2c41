namespace EssenceOfPose.Torch;

// Activations (native/src/nn_act.cpp).
public static partial class F
{
    /// <summary>max(0, x).</summary>
    public static Tensor relu(Tensor input) => Tensor.Wrap(Native.eop_nn_relu(input.Handle));

    /// <summary>x for x ≥ 0, negative_slope · x otherwise.</summary>
    public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01) =>
        Tensor.Wrap(Native.eop_nn_leaky_relu(input.Handle, negative_slope));

    /// <summary>x for x ≥ 0, weight · x otherwise; weight has one value, or one per channel (dimension 1).</summary>
    public static Tensor prelu(Tensor input, Tensor weight) => Tensor.Wrap(Native.eop_nn_prelu(input.Handle, weight.Handle));

    /// <summary>x for x &gt; 0, alpha · (exp(x) − 1) otherwise.</summary>
    public static Tensor elu(Tensor input, double alpha = 1.0) => Tensor.Wrap(Native.eop_nn_elu(input.Handle, alpha));

    public static Tensor tanh(Tensor input) => Tensor.Wrap(Native.eop_nn_tanh(input.Handle));

    /// <summary>1 / (1 + exp(−x)).</summary>
    public static Tensor sigmoid(Tensor input) => Tensor.Wrap(Native.eop_nn_sigmoid(input.Handle));

    /// <summary>log(1 + exp(beta · x)) / beta, and x itself where beta · x &gt; threshold.</summary>
    public static Tensor softplus(Tensor input, double beta = 1, double threshold = 20) =>
        Tensor.Wrap(Native.eop_nn_softplus(input.Handle, beta, threshold));

    /// <summary>exp(x) / Σ exp(x) along dim; with dtype the input is cast first.</summary>
    public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) =>
        Tensor.Wrap(Native.eop_nn_softmax(input.Handle, dim, dtype is { } d ? (int)d : -1));

    /// <summary>log(softmax(x)) along dim, computed stably.</summary>
    public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) =>
        Tensor.Wrap(Native.eop_nn_log_softmax(input.Handle, dim, dtype is { } d ? (int)d : -1));
}
