using EssenceOfPose.Models;

namespace EssenceOfPose.Caffe;

/// <summary>
/// The Caffe form of one of the suite's architectures, layer by layer, as the CVGL prototxts write it
/// (FACTS.md, "The network"): the tower with its in-place activations, the weight-sharing twin, the
/// merge and the heads. It is read off the suite's own model (<see cref="SiameseNet"/>'s stages and
/// modules: kernel, stride, padding, groups, outputs), so each architecture is declared once, in
/// <c>Models/</c>; only the siamese prototxts' conventions (<c>_p</c>, <c>concat_</c>, <c>slice_pair</c>,
/// <c>reluN</c>) live here. The importer accepts a net only when its layers are these.
/// </summary>
sealed record CaffeArchitecture(string Name, IReadOnlyList<CaffeExpectedLayer> Layers)
{
    public const string TowerInput = "data";
    public const string PairInput = "pair_data";
    public const string TwinSuffix = "_p";
    public const string TwinInput = TowerInput + TwinSuffix;

    /// <summary>Every architecture the suite creates, each read off a fresh model.</summary>
    public static IReadOnlyList<CaffeArchitecture> All { get; } = [Of(PoseNet.Name), Of(SmallNetV5.Name)];

    public IEnumerable<CaffeExpectedLayer> Part(CaffePart part) => Layers.Where(l => l.Part == part);

    public CaffeExpectedLayer? Layer(string name) => Layers.FirstOrDefault(l => l.Name == name);

    /// <summary>The tower layer a twin layer mirrors (<c>conv1_p</c> → <c>conv1</c>), or null.</summary>
    public string? TowerLayerOf(string twin) =>
        Layer(twin) is { Part: CaffePart.Twin } ? twin[..^TwinSuffix.Length] : null;

    static CaffeArchitecture Of(string architecture)
    {
        using var model = Checkpoint.Create(architecture);
        return Of(model);
    }

    public static CaffeArchitecture Of(SiameseNet model)
    {
        var children = model.named_children().ToList();
        // A learned activation has its Caffe name in the model (relu5); the others are named as the prototxts do.
        string ActivationName(Module activation, string fallback) =>
            children.FirstOrDefault(c => ReferenceEquals(c.module, activation)).name ?? fallback;
        Module Child(string name) => (Module)children.Single(c => c.name == name).module;

        var tower = new List<CaffeExpectedLayer>();
        var blob = TowerInput;
        foreach (var stage in model.Stages)
        {
            tower.Add(Layer(stage.Name, stage.Op, blob, CaffePart.Tower));
            blob = stage.Name;
            if (stage.Activation is { } activation)
                tower.Add(Layer(ActivationName(activation, "relu" + string.Concat(stage.Name.SkipWhile(char.IsAsciiLetter))), activation, blob, CaffePart.Tower));
        }
        var code = model.Stages[^1].Name;
        var concat = "concat_" + code;
        static string Twin(string blob) => blob + TwinSuffix;
        var twin = tower.Select(l => l with
        {
            Name = Twin(l.Name),
            Bottoms = l.Bottoms.Select(Twin).ToArray(),
            Tops = l.Tops.Select(Twin).ToArray(),
            Part = CaffePart.Twin,
        });
        CaffeExpectedLayer[] rest =
        [
            new(concat, "Concat", [code, Twin(code)], [concat], new ConcatParameter(1), CaffePart.Merge),
            Layer("common_fc", Child("common_fc"), concat, CaffePart.Merge),
            Layer(ActivationName(model.CommonActivation, "relu_common"), model.CommonActivation, "common_fc", CaffePart.Merge),
            // Each image of the pair has the channels of the tower's input.
            new("slice_pair", "Slice", [PairInput], [TowerInput, Twin(TowerInput)], new SliceParameter(1, [InputChannels(model)]), CaffePart.PairSlice),
            Layer("pose_fc", Child("pose_fc"), "common_fc", CaffePart.PoseHead),
            Layer("ptch_fc", Child("ptch_fc"), "common_fc", CaffePart.MatchHead),
        ];
        return new CaffeArchitecture(model.Architecture, [.. tower, .. twin, .. rest]);
    }

    /// <summary>A module as a Caffe layer reading <paramref name="bottom"/>; an activation is in place, as Caffe's are.</summary>
    static CaffeExpectedLayer Layer(string name, Module op, string bottom, CaffePart part)
    {
        var (type, settings) = Settings(op, name);
        var top = type is "ReLU" or "PReLU" ? bottom : name;
        return new(name, type, [bottom], [top], settings, part);
    }

    static (string Type, CaffeLayerParameters Settings) Settings(Module op, string name)
    {
        switch (op)
        {
            case Conv2d c when c.padding_type is null && c.padding_mode == PaddingModes.Zeros:
                var (kh, kw) = Pair(c.kernel_size, 0);
                var (sh, sw) = Pair(c.stride, 1);
                var (ph, pw) = Pair(c.padding, 0);
                var (dh, dw) = Pair(c.dilation, 1);
                return ("Convolution", new ConvolutionParameter((int)c.out_channels, kh, kw, sh, sw, ph, pw, dh, dw, (int)c.groups, c.bias is not null));
            // Caffe's pooling rounds the output size up: a model that floors is not the prototxt's net.
            case MaxPool2d p when p.ceil_mode && (p.dilation ?? [1]).All(d => d == 1):
                var (pkh, pkw) = Pair(p.kernel_size, 0);
                var (psh, psw) = p.stride is null ? (pkh, pkw) : Pair(p.stride, 1);
                var (pph, ppw) = Pair(p.padding, 0);
                return ("Pooling", new PoolingParameter(PoolMethod.Max, pkh, pkw, psh, psw, pph, ppw));
            case LocalResponseNorm n:
                return ("LRN", new LrnParameter((int)n.size, n.alpha, n.beta, LrnNormRegion.AcrossChannels, n.k));
            case Linear f:
                return ("InnerProduct", new InnerProductParameter((int)f.out_features, f.bias is not null));
            case ReLU:
                return ("ReLU", new ReLUParameter());
            case PReLU r:
                return ("PReLU", new PReLUParameter(ChannelShared: r.num_parameters == 1));
            default:
                throw new InvalidOperationException($"layer '{name}' ({op.GetType().Name}) has no Caffe form the importer knows");
        }
    }

    /// <summary>A 2-D setting as TorchSharp keeps it (one value for both axes, or height and width; null for the default).</summary>
    static (int H, int W) Pair(long[]? values, int fallback) => values switch
    {
        null or [] => (fallback, fallback),
        [var both] => ((int)both, (int)both),
        [var h, var w] => ((int)h, (int)w),
        _ => throw new InvalidOperationException($"a 2-D layer has {values.Length} values for one setting"),
    };

    static int InputChannels(SiameseNet model) => model.Stages[0].Op is Conv2d first
        ? (int)first.in_channels
        : throw new InvalidOperationException($"{model.Architecture}'s tower does not start with a convolution");
}
