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

        long channels, side;
        if (vector)
        {
            var width = codeShape[0];
            for (var i = 1; i <= options.FcLayers; i++)
            {
                var last = i == options.FcLayers;
                var outputs = last ? (long)options.Channels * options.SeedSide * options.SeedSide : options.FcWidth;
                Add($"defc{i}", nn.Linear(width, outputs), nn.BatchNorm1d(outputs, momentum: options.BatchNormMomentum));
                width = outputs;
            }
            (channels, side) = (options.Channels, options.SeedSide);
        }
        else
        {
            (channels, side) = (codeShape[0], codeShape[1]);
            for (var i = 1; i <= options.ConvLayers; i++)
            {
                Add($"conv_in{i}", nn.Conv2d(channels, options.Channels, 3, padding: 1), nn.BatchNorm2d(options.Channels, momentum: options.BatchNormMomentum));
                channels = options.Channels;
            }
        }
        for (var i = 1; side < outputSide; i++, side *= 2)
        {
            var outputs = Math.Max(options.MinChannels, options.Channels >> (i - 1));
            Add($"deconv{i}", nn.ConvTranspose2d(channels, outputs, 4, stride: 2, padding: 1), nn.BatchNorm2d(outputs, momentum: options.BatchNormMomentum));
            channels = outputs;
        }
        UpSide = side;
        register_module("conv_out", convOut = nn.Conv2d(channels, 3, 3, padding: 1));
    }

    void Add(string name, Module op, Module norm)
    {
        register_module(name, op);
        register_module(name + "_bn", norm);
        layers.Add((op, norm));
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
