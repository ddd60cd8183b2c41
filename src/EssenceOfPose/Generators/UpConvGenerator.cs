using EssenceOfPose.Models;

namespace EssenceOfPose.Generators;

/// <summary>
/// The up-convolutional generator (UGN) of the poster, after Dosovitskiy &amp; Brox, "Inverting
/// Visual Representations with Convolutional Networks" (CVPR 2016): a PoseNet code at one tap in,
/// the 3×101×101 image in the network's own input space (mean subtracted) out. A vector code
/// (fc5: 500) goes through fully connected layers <c>defc1 … defcN</c> to a Channels×4×4 seed; a
/// spatial code (conv4: 160×4×4) through 3×3 convolutions <c>conv_in1 …</c>. Then stride-2
/// up-convolutions <c>deconv1 …</c> (kernel 4, pad 1: each exactly doubles the side) until the
/// side reaches 101, a linear 3×3 <c>conv_out</c> times a fixed <see cref="UgnOptions.OutputScale"/>,
/// and a bilinear resize to exactly 101×101.
/// Unlike Dosovitskiy &amp; Brox, and as the poster did, every hidden layer is followed by batch
/// norm (<c>NAME_bn</c>) before its leaky ReLU.
/// </summary>
public sealed class UpConvGenerator : Module
{
    readonly List<(Module Op, Module Norm)> layers = [];
    readonly Conv2d convOut;
    readonly LeakyReLU leaky;
    readonly bool vector;

    /// <param name="codeShape">One code's shape, batch axis left out: [500] for fc5, [160, 4, 4] for conv4.</param>
    public UpConvGenerator(IReadOnlyList<long> codeShape, UgnOptions options, int outputSide = 101) : base("ugn")
    {
        if (options.Problem() is { } problem) throw new ArgumentException($"generator options: {problem}");
        if (codeShape.Count is not (1 or 3) || codeShape.Any(d => d < 1))
            throw new ArgumentException($"a code of shape [{string.Join(", ", codeShape)}]: expected [C] (a vector) or [C, H, W] (a map)");
        if (codeShape.Count == 3 && codeShape[1] != codeShape[2])
            throw new ArgumentException($"a code of shape [{string.Join(", ", codeShape)}]: expected a square map");
        CodeShape = codeShape.ToArray();
        Options = options;
        OutputSide = outputSide;
        vector = codeShape.Count == 1;
        leaky = nn.LeakyReLU(options.LeakySlope);

        var plan = Plan(CodeShape, options, outputSide);
        foreach (var l in plan.Layers.SkipLast(1))
        {
            Module op = l.Kind switch
            {
                LayerKind.FullyConnected => nn.Linear(l.Inputs, l.Outputs),
                LayerKind.Convolution => nn.Conv2d(l.Inputs, l.Outputs, 3, padding: 1),
                _ => nn.ConvTranspose2d(l.Inputs, l.Outputs, 4, stride: 2, padding: 1),
            };
            Module norm = l.Kind == LayerKind.FullyConnected
                ? nn.BatchNorm1d(l.Outputs, momentum: options.BatchNormMomentum)
                : nn.BatchNorm2d(l.Outputs, momentum: options.BatchNormMomentum);
            register_module(l.Name, op);
            register_module(l.Name + "_bn", norm);
            layers.Add((op, norm));
        }
        UpSide = plan.UpSide;
        register_module("conv_out", convOut = nn.Conv2d(plan.Layers[^1].Inputs, 3, 3, padding: 1));
    }

    enum LayerKind { FullyConnected, Convolution, UpConvolution }

    sealed record Layer(string Name, LayerKind Kind, long Inputs, long Outputs)
    {
        /// <summary>Weights, bias and the batch norm's scale and shift.</summary>
        public long Parameters => Inputs * Outputs * Kind switch { LayerKind.FullyConnected => 1, LayerKind.Convolution => 9, _ => 16 } + 3 * Outputs;
    }

    /// <summary>The hidden layers a code and options make, in forward order, and the side the up-convolutions reach: the architecture without its tensors.</summary>
    static (IReadOnlyList<Layer> Layers, long UpSide) Plan(IReadOnlyList<long> codeShape, UgnOptions o, int outputSide)
    {
        var layers = new List<Layer>();
        long channels, side;
        if (codeShape.Count == 1)
        {
            var width = codeShape[0];
            for (var i = 1; i <= o.FcLayers; i++)
            {
                var outputs = i == o.FcLayers ? (long)o.Channels * o.SeedSide * o.SeedSide : o.FcWidth;
                layers.Add(new($"defc{i}", LayerKind.FullyConnected, width, outputs));
                width = outputs;
            }
            (channels, side) = (o.Channels, o.SeedSide);
        }
        else
        {
            (channels, side) = (codeShape[0], codeShape[1]);
            for (var i = 1; i <= o.ConvLayers; i++)
            {
                layers.Add(new($"conv_in{i}", LayerKind.Convolution, channels, o.Channels));
                channels = o.Channels;
            }
        }
        for (var i = 1; side < outputSide; i++, side *= 2)
        {
            var outputs = Math.Max(o.MinChannels, o.Channels >> (i - 1));
            layers.Add(new($"deconv{i}", LayerKind.UpConvolution, channels, outputs));
            channels = outputs;
        }
        // conv_out as a layer of three outputs, for counting; it has no batch norm.
        layers.Add(new("conv_out", LayerKind.Convolution, channels, 3));
        return (layers, side);
    }

    /// <summary>
    /// How many learned values a generator of this code and options holds, computed without
    /// building it: a file's metadata can then be checked against the values the file holds before
    /// any layer is allocated.
    /// </summary>
    public static long ParameterCount(IReadOnlyList<long> codeShape, UgnOptions options, int outputSide = 101) =>
        Plan(codeShape, options, outputSide).Layers.Sum(l => l.Parameters) - 2 * 3;

    /// <summary>The architecture as a table: each layer, its kind, its input and output channels (or units) and its learned values (batch norm's included).</summary>
    public Display.MetricTable Summary()
    {
        var table = new Display.MetricTable("layer", "kind", "in", "out", "parameters")
        {
            Title = $"UGN from a [{string.Join("×", CodeShape)}] code: {ParameterCount(CodeShape, Options, OutputSide):N0} learned values, up-convolutions to {UpSide}, resized to {OutputSide}",
        };
        var plan = Plan(CodeShape, Options, OutputSide).Layers;
        foreach (var l in plan)
        {
            var last = l == plan[^1];
            var kind = last ? "3×3 convolution, linear, ×" + Options.OutputScale.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : l.Kind switch { LayerKind.FullyConnected => "fully connected + BN + leaky ReLU", LayerKind.Convolution => "3×3 convolution + BN + leaky ReLU", _ => "4×4 up-convolution, stride 2 + BN + leaky ReLU" };
            table.AddRow(l.Name, kind, l.Inputs, l.Outputs, last ? l.Parameters - 2 * 3 : l.Parameters);
        }
        return table.WithFormat("parameters", "N0");
    }

    /// <summary>One code's shape (no batch axis).</summary>
    public IReadOnlyList<long> CodeShape { get; }

    public UgnOptions Options { get; }

    /// <summary>The side of the output image (the network's input side, 101).</summary>
    public int OutputSide { get; }

    /// <summary>The side the up-convolutions reach before the final resize (128 from a 4×4 seed).</summary>
    public long UpSide { get; }

    /// <summary>Layer names in forward order, as the safetensors file spells them.</summary>
    public IReadOnlyList<string> LayerNames => named_children().Select(c => c.name).ToArray();

    /// <summary>Codes [N, ...CodeShape] to images [N, 3, 101, 101] in the network's input space.</summary>
    public override Tensor forward(Tensor codes)
    {
        using var scope = torch.NewDisposeScope();
        var x = codes;
        for (var i = 0; i < layers.Count; i++)
        {
            x = leaky.call(layers[i].Norm.call(layers[i].Op.call(x)));
            // The last fully connected layer's output is the seed map.
            if (vector && i == Options.FcLayers - 1) x = x.view(x.size(0), Options.Channels, Options.SeedSide, Options.SeedSide);
        }
        var y = convOut.call(x) * Options.OutputScale;
        if (y.size(2) != OutputSide || y.size(3) != OutputSide)
            y = F.interpolate(y, size: [OutputSide, OutputSide], mode: InterpolationMode.Bilinear, align_corners: false);
        return scope.MoveToOuter(y);
    }

    /// <summary>A generator for <paramref name="tap"/> of <paramref name="model"/>: the code's shape is read by running the tower on one zero image.</summary>
    public static UpConvGenerator For(PoseModel model, TapName tap, UgnOptions options) => new(CodeShapeAt(model, tap), options, model.Net.InputSize);

    /// <summary>The shape of one code at <paramref name="tap"/> (no batch axis).</summary>
    public static long[] CodeShapeAt(PoseModel model, TapName tap)
    {
        TapCheck.Require(model.Net, tap);
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var side = model.Net.InputSize;
        return model.Net.Tap(torch.zeros([1, 3, side, side], device: model.Device), tap).shape[1..];
    }
}
