namespace EssenceOfPose.Torch.NN;

/// <summary>
/// torch.nn.Conv2d: weight (out_channels, in_channels / groups, kH, kW) and optional bias
/// (out_channels), initialised as PyTorch does (kaiming_uniform_ with a = √5, bias U(±1/√fan_in)).
/// padding_mode "zeros" pads inside the convolution; "reflect", "replicate" and "circular" pad with F.pad first.
/// </summary>
public sealed class Conv2d : Module
{
    public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1,
        long groups = 1, bool bias = true, string padding_mode = "zeros")
        : this(in_channels, out_channels, [kernel_size], [stride], [padding], [dilation], groups, bias, padding_mode)
    {
    }

    public Conv2d(long in_channels, long out_channels, long[] kernel_size, long[]? stride = null, long[]? padding = null,
        long[]? dilation = null, long groups = 1, bool bias = true, string padding_mode = "zeros")
    {
        if (groups <= 0) throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must be a positive integer");
        if (in_channels % groups != 0) throw new ArgumentException($"in_channels ({in_channels}) must be divisible by groups ({groups})");
        if (out_channels % groups != 0) throw new ArgumentException($"out_channels ({out_channels}) must be divisible by groups ({groups})");
        if (padding_mode is not ("zeros" or "reflect" or "replicate" or "circular"))
            throw new ArgumentException($"padding_mode must be one of zeros, reflect, replicate or circular, but got '{padding_mode}'", nameof(padding_mode));
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = F.Pair(kernel_size, 0, nameof(kernel_size));
        this.stride = F.Pair(stride, 1, nameof(stride));
        this.padding = F.Pair(padding, 0, nameof(padding));
        this.dilation = F.Pair(dilation, 1, nameof(dilation));
        this.groups = groups;
        this.padding_mode = padding_mode;
        weight = register_parameter(nameof(weight), NewFloat32(out_channels, in_channels / groups, this.kernel_size[0], this.kernel_size[1]));
        this.bias = register_parameter(nameof(bias), bias ? NewFloat32(out_channels) : null);
        reset_parameters();
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public long[] kernel_size { get; }
    public long[] stride { get; }
    public long[] padding { get; }
    public long[] dilation { get; }
    public long groups { get; }
    public string padding_mode { get; }
    public Tensor weight { get; }
    public Tensor? bias { get; }

    /// <summary>Draws weight and bias afresh with PyTorch's default initialisation.</summary>
    public void reset_parameters() => ConvInit.Reset(weight, bias);

    public override Tensor forward(Tensor input)
    {
        if (padding_mode == "zeros") return F.conv2d(input, weight, bias, stride, padding, dilation, groups);
        using var padded = F.pad(input, [padding[1], padding[1], padding[0], padding[0]], padding_mode);
        return F.conv2d(padded, weight, bias, stride, [0], dilation, groups);
    }
}
