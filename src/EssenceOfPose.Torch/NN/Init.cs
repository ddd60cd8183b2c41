namespace EssenceOfPose.Torch.NN;

/// <summary>
/// torch.nn.init: in-place initialisers that return the tensor they filled. They run under
/// no_grad (native/src/nn_init.cpp), so they apply to parameters directly; random ones draw from
/// libtorch's generator (torch.manual_seed).
/// </summary>
public static class Init
{
    /// <summary>Fills with values drawn uniformly from [a, b).</summary>
    public static Tensor uniform_(Tensor tensor, double a = 0, double b = 1)
    {
        if (!(a <= b)) throw new ArgumentException($"uniform_ expects a <= b, got a={a}, b={b}");
        Native.Check(Native.eop_nn_init_uniform_(tensor.Handle, a, b));
        return tensor;
    }

    /// <summary>Fills with values drawn from N(mean, std²).</summary>
    public static Tensor normal_(Tensor tensor, double mean = 0, double std = 1)
    {
        if (!(std >= 0)) throw new ArgumentOutOfRangeException(nameof(std), std, "must be non-negative");
        Native.Check(Native.eop_nn_init_normal_(tensor.Handle, mean, std));
        return tensor;
    }

    public static Tensor constant_(Tensor tensor, double val)
    {
        Native.Check(Native.eop_nn_init_constant_(tensor.Handle, val));
        return tensor;
    }

    public static Tensor zeros_(Tensor tensor) => constant_(tensor, 0);

    public static Tensor ones_(Tensor tensor) => constant_(tensor, 1);

    /// <summary>
    /// The gain that keeps activations' variance for a nonlinearity: 1 for linear, conv* and sigmoid,
    /// 5/3 for tanh, √2 for relu, √(2 / (1 + slope²)) for leaky_relu (slope = param, default 0.01), 3/4 for selu.
    /// </summary>
    public static double calculate_gain(string nonlinearity, double? param = null) => nonlinearity switch
    {
        "linear" or "conv1d" or "conv2d" or "conv3d" or "conv_transpose1d" or "conv_transpose2d" or "conv_transpose3d" or "sigmoid" => 1,
        "tanh" => 5.0 / 3,
        "relu" => Math.Sqrt(2),
        "leaky_relu" => Math.Sqrt(2 / (1 + Math.Pow(param ?? 0.01, 2))),
        "selu" => 3.0 / 4,
        _ => throw new ArgumentException($"Unsupported nonlinearity {nonlinearity}", nameof(nonlinearity)),
    };

    /// <summary>
    /// fan_in = size(1) · receptive field and fan_out = size(0) · receptive field, the receptive
    /// field being the product of the sizes after the first two (PyTorch's rule; for a transposed
    /// convolution's (in, out/groups, kH, kW) weight it reads out/groups as the fan-in).
    /// </summary>
    public static (long fan_in, long fan_out) calculate_fan_in_and_fan_out(Tensor tensor)
    {
        var s = tensor.shape;
        if (s.Length < 2) throw new ArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions", nameof(tensor));
        long receptive = 1;
        for (var i = 2; i < s.Length; i++) receptive *= s[i];
        return (s[1] * receptive, s[0] * receptive);
    }

    static long Fan(Tensor tensor, string mode)
    {
        var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
        return mode switch
        {
            "fan_in" => fanIn,
            "fan_out" => fanOut,
            _ => throw new ArgumentException($"Mode {mode} not supported, please use one of fan_in, fan_out", nameof(mode)),
        };
    }

    /// <summary>
    /// He initialisation: U(−bound, bound) with bound = gain · √(3 / fan), gain = calculate_gain(nonlinearity, a).
    /// With a = √5 (what conv and linear layers use) the bound is 1 / √fan_in.
    /// </summary>
    public static Tensor kaiming_uniform_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
    {
        if (tensor.numel() == 0) return tensor;
        var fan = Fan(tensor, mode);
        var bound = calculate_gain(nonlinearity, a) * Math.Sqrt(3.0 / fan);
        return uniform_(tensor, -bound, bound);
    }

    /// <summary>He initialisation: N(0, std²) with std = gain / √fan.</summary>
    public static Tensor kaiming_normal_(Tensor tensor, double a = 0, string mode = "fan_in", string nonlinearity = "leaky_relu")
    {
        if (tensor.numel() == 0) return tensor;
        var fan = Fan(tensor, mode);
        return normal_(tensor, 0, calculate_gain(nonlinearity, a) / Math.Sqrt(fan));
    }

    /// <summary>Glorot initialisation: U(−a, a) with a = gain · √(6 / (fan_in + fan_out)).</summary>
    public static Tensor xavier_uniform_(Tensor tensor, double gain = 1)
    {
        var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
        var a = gain * Math.Sqrt(6.0 / (fanIn + fanOut));
        return uniform_(tensor, -a, a);
    }

    /// <summary>Glorot initialisation: N(0, std²) with std = gain · √(2 / (fan_in + fan_out)).</summary>
    public static Tensor xavier_normal_(Tensor tensor, double gain = 1)
    {
        var (fanIn, fanOut) = calculate_fan_in_and_fan_out(tensor);
        return normal_(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
    }
}
