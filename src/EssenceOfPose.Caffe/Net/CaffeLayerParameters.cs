namespace EssenceOfPose.Caffe;

/// <summary>
/// The typed settings of a layer the importer can run, one record per Caffe <c>*_param</c> message.
/// Defaults are Caffe's; <c>_h</c>/<c>_w</c> and single-value forms are resolved to height and width.
/// Axes stay as written (they may be negative); shape inference makes them canonical.
/// </summary>
abstract record CaffeLayerParameters;

/// <summary><c>convolution_param</c>: 2-D convolution. The weight blob is OIHW, O = NumOutput, I = channels / Group.</summary>
sealed record ConvolutionParameter(
    int NumOutput,
    int KernelH, int KernelW,
    int StrideH = 1, int StrideW = 1,
    int PadH = 0, int PadW = 0,
    int DilationH = 1, int DilationW = 1,
    int Group = 1,
    bool BiasTerm = true) : CaffeLayerParameters;

/// <summary><c>inner_product_param</c>: flattens from <see cref="Axis"/> on; the weight blob is out×in unless <see cref="Transpose"/>.</summary>
sealed record InnerProductParameter(int NumOutput, bool BiasTerm = true, int Axis = 1, bool Transpose = false) : CaffeLayerParameters;

/// <summary><c>PoolingParameter.PoolMethod</c>: MAX, AVE, STOCHASTIC.</summary>
enum PoolMethod
{
    Max,
    Average,
    Stochastic,
}

/// <summary><c>pooling_param</c>. Caffe rounds the output size up (ceil mode); with global pooling the kernel is the whole map.</summary>
sealed record PoolingParameter(
    PoolMethod Pool,
    int KernelH, int KernelW,
    int StrideH = 1, int StrideW = 1,
    int PadH = 0, int PadW = 0,
    bool GlobalPooling = false) : CaffeLayerParameters;

/// <summary><c>LRNParameter.NormRegion</c>: across channels (AlexNet's) or within each channel.</summary>
enum LrnNormRegion
{
    AcrossChannels,
    WithinChannel,
}

/// <summary><c>lrn_param</c>: x / (k + alpha/n · Σ x²)^beta over <see cref="LocalSize"/> neighbours.</summary>
sealed record LrnParameter(
    int LocalSize = 5, double Alpha = 1, double Beta = 0.75,
    LrnNormRegion NormRegion = LrnNormRegion.AcrossChannels, double K = 1) : CaffeLayerParameters;

/// <summary><c>concat_param</c>; the deprecated <c>concat_dim</c> is folded into <see cref="Axis"/>.</summary>
sealed record ConcatParameter(int Axis = 1) : CaffeLayerParameters;

/// <summary><c>slice_param</c>; empty <see cref="SlicePoints"/> means equal parts, one per top.</summary>
sealed record SliceParameter(int Axis, IReadOnlyList<int> SlicePoints) : CaffeLayerParameters;

/// <summary><c>prelu_param</c>: one learned slope per channel, or one for all.</summary>
sealed record PReLUParameter(bool ChannelShared = false) : CaffeLayerParameters;

/// <summary><c>dropout_param</c>: identity at deploy time (Caffe scales during training).</summary>
sealed record DropoutParameter(double DropoutRatio = 0.5) : CaffeLayerParameters;

/// <summary><c>relu_param</c>: leaky when <see cref="NegativeSlope"/> is not zero.</summary>
sealed record ReLUParameter(double NegativeSlope = 0) : CaffeLayerParameters;

/// <summary><c>softmax_param</c>.</summary>
sealed record SoftmaxParameter(int Axis = 1) : CaffeLayerParameters;
