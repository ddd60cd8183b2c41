namespace EssenceOfPose.Caffe;

/// <summary>Which part of a siamese PoseNet-family net a layer belongs to; parts run in this order.</summary>
internal enum CaffePart
{
    /// <summary><c>slice_pair</c>: a 6-channel pair cut into <c>data</c> and <c>data_p</c>.</summary>
    PairSlice,
    /// <summary>The tower on <c>data</c>; the suite's model holds its weights.</summary>
    Tower,
    /// <summary>The second tower on <c>data_p</c> (<c>conv1_p</c>, ...), sharing the tower's weights.</summary>
    Twin,
    /// <summary><c>concat_*</c> → <c>common_fc</c> → <c>relu_common</c>.</summary>
    Merge,
    /// <summary><c>pose_fc</c>; its number of outputs is free (it decides the label kind).</summary>
    PoseHead,
    /// <summary><c>ptch_fc</c>, the 2-way matching logits.</summary>
    MatchHead,
}

/// <summary>A layer the suite's model computes, as its Caffe prototxt spells it.</summary>
internal sealed record CaffeExpectedLayer(string Name, string Type, string[] Bottoms, string[] Tops, CaffeLayerParameters Parameters, CaffePart Part);

/// <summary>
/// The Caffe form of one of the suite's architectures, layer by layer, as the CVGL prototxts
/// write it (FACTS.md, "The network"): the tower with its in-place activations, the weight-sharing
/// twin, the merge and the heads. The importer accepts a net only when its layers are these.
/// </summary>
internal sealed record CaffeArchitecture(string Name, IReadOnlyList<CaffeExpectedLayer> Layers)
{
    public const string TowerInput = "data";
    public const string PairInput = "pair_data";
    public const string TwinSuffix = "_p";
    public const string TwinInput = TowerInput + TwinSuffix;

    /// <summary><c>pose-l1-torch7-deploy.prototxt</c> and <c>pose_amir_window_siamese.prototxt</c>.</summary>
    public static CaffeArchitecture PoseNet { get; } = Siamese(Models.PoseNet.Name,
    [
        Conv("conv1", TowerInput, 20, 7), Relu("relu1", "conv1"), MaxPool("pool1", "conv1", 2, 2),
        Conv("conv2", "pool1", 40, 5, pad: 2), Relu("relu2", "conv2"), MaxPool("pool2", "conv2", 2, 2),
        Conv("conv3", "pool2", 80, 4), Relu("relu3", "conv3"), MaxPool("pool3", "conv3", 2, 2),
        Conv("conv4", "pool3", 160, 4, stride: 2), Relu("relu4", "conv4"), MaxPool("pool4", "conv4", 2, 2),
        Fc("fc5", "pool4", 500), Relu("relu5", "fc5"),
        Fc("fc6", "fc5", 500), Relu("relu6", "fc6"),
    ], code: "fc6", commonActivation: Relu("relu_common", "common_fc"));

    /// <summary><c>smallnet-v5_window_siamese_fc5.prototxt</c> (and its deploy form).</summary>
    public static CaffeArchitecture SmallNetV5 { get; } = Siamese(Models.SmallNetV5.Name,
    [
        Conv("conv1", TowerInput, 96, 7, stride: 3), Relu("relu1", "conv1"), MaxPool("pool1", "conv1", 3, 2), Lrn("norm1", "pool1"),
        Conv("conv2", "norm1", 128, 5, pad: 2, group: 2), Relu("relu2", "conv2"), MaxPool("pool2", "conv2", 3, 2), Lrn("norm2", "pool2"),
        Conv("conv3", "norm2", 256, 3, pad: 1), Relu("relu3", "conv3"),
        Conv("conv4", "conv3", 64, 1, pad: 1), Relu("relu4", "conv4"), MaxPool("pool4", "conv4", 3, 2),
        Fc("fc5", "pool4", 512), PRelu("relu5", "fc5"),
    ], code: "fc5", commonActivation: PRelu("relu_common", "common_fc"));

    public static IReadOnlyList<CaffeArchitecture> All { get; } = [PoseNet, SmallNetV5];

    public IEnumerable<CaffeExpectedLayer> Part(CaffePart part) => Layers.Where(l => l.Part == part);

    public CaffeExpectedLayer? Layer(string name) => Layers.FirstOrDefault(l => l.Name == name);

    /// <summary>The tower layer a twin layer mirrors (<c>conv1_p</c> → <c>conv1</c>), or null.</summary>
    public string? TowerLayerOf(string twin) =>
        Layer(twin) is { Part: CaffePart.Twin } ? twin[..^TwinSuffix.Length] : null;

    private static CaffeArchitecture Siamese(string name, CaffeExpectedLayer[] tower, string code, CaffeExpectedLayer commonActivation)
    {
        string Twin(string blob) => blob + TwinSuffix;
        var twin = tower.Select(l => l with
        {
            Name = Twin(l.Name),
            Bottoms = l.Bottoms.Select(Twin).ToArray(),
            Tops = l.Tops.Select(Twin).ToArray(),
            Part = CaffePart.Twin,
        });
        CaffeExpectedLayer[] merge =
        [
            new("concat_" + code, "Concat", [code, Twin(code)], ["concat_" + code], new ConcatParameter(1), CaffePart.Merge),
            Fc("common_fc", "concat_" + code, 512) with { Part = CaffePart.Merge },
            commonActivation with { Part = CaffePart.Merge },
        ];
        CaffeExpectedLayer[] rest =
        [
            new("slice_pair", "Slice", [PairInput], [TowerInput, Twin(TowerInput)], new SliceParameter(1, [3]), CaffePart.PairSlice),
            // pose_fc's output count is not compared: it decides the label kind.
            Fc("pose_fc", "common_fc", 0) with { Part = CaffePart.PoseHead },
            Fc("ptch_fc", "common_fc", 2) with { Part = CaffePart.MatchHead },
        ];
        return new CaffeArchitecture(name, [.. tower, .. twin, .. merge, .. rest]);
    }

    private static CaffeExpectedLayer Conv(string name, string bottom, int outputs, int kernel, int stride = 1, int pad = 0, int group = 1) =>
        new(name, "Convolution", [bottom], [name], new ConvolutionParameter(outputs, kernel, kernel, stride, stride, pad, pad, Group: group), CaffePart.Tower);

    private static CaffeExpectedLayer Relu(string name, string blob) => new(name, "ReLU", [blob], [blob], new ReLUParameter(), CaffePart.Tower);

    private static CaffeExpectedLayer PRelu(string name, string blob) => new(name, "PReLU", [blob], [blob], new PReLUParameter(), CaffePart.Tower);

    private static CaffeExpectedLayer MaxPool(string name, string bottom, int kernel, int stride) =>
        new(name, "Pooling", [bottom], [name], new PoolingParameter(PoolMethod.Max, kernel, kernel, stride, stride), CaffePart.Tower);

    private static CaffeExpectedLayer Lrn(string name, string bottom) =>
        new(name, "LRN", [bottom], [name], new LrnParameter(5, 1e-4, 0.75), CaffePart.Tower);

    private static CaffeExpectedLayer Fc(string name, string bottom, int outputs) =>
        new(name, "InnerProduct", [bottom], [name], new InnerProductParameter(outputs), CaffePart.Tower);
}
