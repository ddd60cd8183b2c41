namespace EssenceOfPose.Torch.NN;

/// <summary>
/// torch.nn.ConvTranspose2d: weight (in_channels, out_channels / groups, kH, kW) and optional bias
/// (out_channels), initialised as PyTorch does. output_padding (smaller than stride or dilation)
/// adds rows/columns on one side to reach the wanted output size.
/// </summary>
public sealed class ConvTranspose2d : Module
{
    public ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
        long output_padding = 0, long groups = 1, bool bias = true, long dilation = 1)
        : this(in_channels, out_channels, [kernel_size], [stride], [padding], [output_padding], groups, bias, [dilation])
    {
    }

    public ConvTranspose2d(long in_channels, long out_channels, long[] kernel_size, long[]? stride = null, long[]? padding = null,
        long[]? output_padding = null, long groups = 1, bool bias = true, long[]? dilation = null)
    {
        if (groups <= 0) throw new ArgumentOutOfRangeException(nameof(groups), groups, "groups must be a positive integer");
        if (in_channels % groups != 0) throw new ArgumentException($"in_channels ({in_channels}) must be divisible by groups ({groups})");
        if (out_channels % groups != 0) throw new ArgumentException($"out_channels ({out_channels}) must be divisible by groups ({groups})");
        this.in_channels = in_channels;
        this.out_channels = out_channels;
        this.kernel_size = F.Pair(kernel_size, 0, nameof(kernel_size));
        this.stride = F.Pair(stride, 1, nameof(stride));
        this.padding = F.Pair(padding, 0, nameof(padding));
        this.output_padding = F.Pair(output_padding, 0, nameof(output_padding));
        this.groups = groups;
        this.dilation = F.Pair(dilation, 1, nameof(dilation));
        weight = register_parameter(nameof(weight), NewFloat32(in_channels, out_channels / groups, this.kernel_size[0], this.kernel_size[1]));
        this.bias = register_parameter(nameof(bias), bias ? NewFloat32(out_channels) : null);
        reset_parameters();
    }

    public long in_channels { get; }
    public long out_channels { get; }
    public long[] kernel_size { get; }
    public long[] stride { get; }
    public long[] padding { get; }
    public long[] output_padding { get; }
    public long groups { get; }
    public long[] dilation { get; }
    public Tensor weight { get; }
    public Tensor? bias { get; }

    /// <summary>Draws weight and bias afresh with PyTorch's default initialisation.</summary>
    public void reset_parameters() => ConvInit.Reset(weight, bias);

    public override Tensor forward(Tensor input) =>
        F.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation);
}
