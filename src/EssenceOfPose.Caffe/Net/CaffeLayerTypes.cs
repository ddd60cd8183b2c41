namespace EssenceOfPose.Caffe;

/// <summary>What the importer does with a layer type when it builds a net for inference.</summary>
enum CaffeLayerRole
{
    /// <summary>Computes at deploy time and is supported (convolution, pooling, ...).</summary>
    Compute,
    /// <summary>An <c>Input</c> layer: declares the net's inputs.</summary>
    Input,
    /// <summary>Reads training data (Data, ImageData, ...): skipped, its tops become inputs.</summary>
    Data,
    /// <summary>A loss: skipped.</summary>
    Loss,
    /// <summary>Accuracy, Silence, HDF5Output: bookkeeping, skipped.</summary>
    Metric,
    /// <summary>A Python layer: user code (in the fixtures, the L1 pose loss), skipped.</summary>
    Python,
    /// <summary>Anything else: building for deploy fails and lists it.</summary>
    Unknown,
}

/// <summary>Caffe's layer type names: which ones the importer runs, which it skips, and the V1 enum names and numbers.</summary>
static class CaffeLayerTypes
{
    /// <summary>Layer type → the name of its parameter message in a <c>layer { }</c> block.</summary>
    public static readonly IReadOnlyDictionary<string, string> ParameterBlocks = new Dictionary<string, string>
    {
        ["Convolution"] = "convolution_param",
        ["InnerProduct"] = "inner_product_param",
        ["Pooling"] = "pooling_param",
        ["LRN"] = "lrn_param",
        ["Concat"] = "concat_param",
        ["Slice"] = "slice_param",
        ["ReLU"] = "relu_param",
        ["PReLU"] = "prelu_param",
        ["Dropout"] = "dropout_param",
        ["Softmax"] = "softmax_param",
    };

    /// <summary>The types the importer computes.</summary>
    public static IReadOnlyCollection<string> Supported { get; } = ParameterBlocks.Keys.ToArray();

    static readonly Dictionary<string, CaffeLayerRole> SkippedRoles = new()
    {
        ["Data"] = CaffeLayerRole.Data,
        ["ImageData"] = CaffeLayerRole.Data,
        ["WindowData"] = CaffeLayerRole.Data,
        ["HDF5Data"] = CaffeLayerRole.Data,
        ["MemoryData"] = CaffeLayerRole.Data,
        ["DummyData"] = CaffeLayerRole.Data,
        ["SoftmaxWithLoss"] = CaffeLayerRole.Loss,
        ["EuclideanLoss"] = CaffeLayerRole.Loss,
        ["HingeLoss"] = CaffeLayerRole.Loss,
        ["InfogainLoss"] = CaffeLayerRole.Loss,
        ["MultinomialLogisticLoss"] = CaffeLayerRole.Loss,
        ["SigmoidCrossEntropyLoss"] = CaffeLayerRole.Loss,
        ["ContrastiveLoss"] = CaffeLayerRole.Loss,
        ["Accuracy"] = CaffeLayerRole.Metric,
        ["Silence"] = CaffeLayerRole.Metric,
        ["HDF5Output"] = CaffeLayerRole.Metric,
        ["Python"] = CaffeLayerRole.Python,
    };

    public static CaffeLayerRole RoleOf(string type) =>
        ParameterBlocks.ContainsKey(type) ? CaffeLayerRole.Compute
        : type == "Input" ? CaffeLayerRole.Input
        : SkippedRoles.GetValueOrDefault(type, CaffeLayerRole.Unknown);

    /// <summary>
    /// <c>V1LayerParameter.LayerType</c> of caffe.proto: enum name, enum number, and the type string that
    /// Caffe's own upgrade (V1 → current) gives it.
    /// </summary>
    public static readonly IReadOnlyList<(string Enum, int Number, string Type)> V1 =
    [
        ("ABSVAL", 35, "AbsVal"),
        ("ACCURACY", 1, "Accuracy"),
        ("ARGMAX", 30, "ArgMax"),
        ("BNLL", 2, "BNLL"),
        ("CONCAT", 3, "Concat"),
        ("CONTRASTIVE_LOSS", 37, "ContrastiveLoss"),
        ("CONVOLUTION", 4, "Convolution"),
        ("DATA", 5, "Data"),
        ("DECONVOLUTION", 39, "Deconvolution"),
        ("DROPOUT", 6, "Dropout"),
        ("DUMMY_DATA", 32, "DummyData"),
        ("EUCLIDEAN_LOSS", 7, "EuclideanLoss"),
        ("ELTWISE", 25, "Eltwise"),
        ("EXP", 38, "Exp"),
        ("FLATTEN", 8, "Flatten"),
        ("HDF5_DATA", 9, "HDF5Data"),
        ("HDF5_OUTPUT", 10, "HDF5Output"),
        ("HINGE_LOSS", 28, "HingeLoss"),
        ("IM2COL", 11, "Im2col"),
        ("IMAGE_DATA", 12, "ImageData"),
        ("INFOGAIN_LOSS", 13, "InfogainLoss"),
        ("INNER_PRODUCT", 14, "InnerProduct"),
        ("LRN", 15, "LRN"),
        ("MEMORY_DATA", 29, "MemoryData"),
        ("MULTINOMIAL_LOGISTIC_LOSS", 16, "MultinomialLogisticLoss"),
        ("MVN", 34, "MVN"),
        ("POOLING", 17, "Pooling"),
        ("POWER", 26, "Power"),
        ("RELU", 18, "ReLU"),
        ("SIGMOID", 19, "Sigmoid"),
        ("SIGMOID_CROSS_ENTROPY_LOSS", 27, "SigmoidCrossEntropyLoss"),
        ("SILENCE", 36, "Silence"),
        ("SOFTMAX", 20, "Softmax"),
        ("SOFTMAX_LOSS", 21, "SoftmaxWithLoss"),
        ("SPLIT", 22, "Split"),
        ("SLICE", 33, "Slice"),
        ("TANH", 23, "TanH"),
        ("WINDOW_DATA", 24, "WindowData"),
        ("THRESHOLD", 31, "Threshold"),
    ];

    public static string? FromV1Name(string name) => V1.FirstOrDefault(v => v.Enum == name).Type;

    public static string? FromV1Number(long number) => V1.FirstOrDefault(v => v.Number == number).Type;

    public static int? ToV1Number(string type) => V1.Where(v => v.Type == type).Select(v => (int?)v.Number).FirstOrDefault();
}
