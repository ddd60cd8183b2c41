namespace EssenceOfPose.Caffe;

/// <summary>
/// Reads the <c>*_param</c> block of a supported layer into its typed record, applying Caffe's defaults and
/// the checks Caffe makes when it sets a layer up (a kernel size is required, <c>kernel_size</c> excludes
/// <c>kernel_h</c>/<c>kernel_w</c>, ...), so a bad file fails at load time with a location.
/// </summary>
static class CaffeLayerParameterReader
{
    const int Max = int.MaxValue;

    public static CaffeLayerParameters Read(string type, TextFieldReader layer, TextLocation at)
    {
        var block = CaffeLayerTypes.ParameterBlocks[type];
        var p = layer.Child(block);
        // An absent block reads as an empty one: every field then takes its default.
        p ??= new TextFieldReader(new TextMessage([], at), $"{layer.Context} {block}");
        return type switch
        {
            "Convolution" => Convolution(p, at),
            "InnerProduct" => InnerProduct(p, at),
            "Pooling" => Pooling(p),
            "LRN" => Lrn(p),
            "Concat" => new ConcatParameter(Axis(p, "axis", "concat_dim")),
            "Slice" => new SliceParameter(Axis(p, "axis", "slice_dim"), p.Int32s("slice_point", 0, Max)),
            "ReLU" => new ReLUParameter(p.Double("negative_slope") ?? 0),
            "PReLU" => new PReLUParameter(p.Bool("channel_shared") ?? false),
            "Dropout" => Dropout(p),
            "Softmax" => new SoftmaxParameter(p.Int32("axis") ?? 1),
            _ => throw new ArgumentException($"no parameter reader for layer type {type}", nameof(type)),
        };
    }

    static ConvolutionParameter Convolution(TextFieldReader p, TextLocation at)
    {
        var numOutput = p.Int32("num_output", 1, Max) ?? throw p.Fail(at, "num_output is required");
        if (p.Int32("axis") is int axis && axis != 1)
            throw p.Fail(at, $"axis {axis}: only channels on axis 1 are supported");
        var (kh, kw) = HeightWidth(p, "kernel_size", "kernel_h", "kernel_w", null, min: 1)
            ?? throw p.Fail(at, "a kernel size is required (kernel_size, or kernel_h and kernel_w)");
        var (sh, sw) = HeightWidth(p, "stride", "stride_h", "stride_w", 1, min: 1)!.Value;
        var (ph, pw) = HeightWidth(p, "pad", "pad_h", "pad_w", 0, min: 0)!.Value;
        var (dh, dw) = Repeated2D(p, "dilation", 1, min: 1);
        var group = p.Int32("group", 1, Max) ?? 1;
        if (numOutput % group != 0)
            throw p.Fail(at, $"num_output {numOutput} is not a multiple of group {group}");
        return new ConvolutionParameter(numOutput, kh, kw, sh, sw, ph, pw, dh, dw, group, p.Bool("bias_term") ?? true);
    }

    static InnerProductParameter InnerProduct(TextFieldReader p, TextLocation at) => new(
        p.Int32("num_output", 1, Max) ?? throw p.Fail(at, "num_output is required"),
        p.Bool("bias_term") ?? true,
        p.Int32("axis") ?? 1,
        p.Bool("transpose") ?? false);

    static readonly (string, int, PoolMethod)[] PoolMethods =
        [("MAX", 0, PoolMethod.Max), ("AVE", 1, PoolMethod.Average), ("STOCHASTIC", 2, PoolMethod.Stochastic)];

    static PoolingParameter Pooling(TextFieldReader p)
    {
        var pool = p.Enum("pool", PoolMethods) ?? PoolMethod.Max;
        var global = p.Bool("global_pooling") ?? false;
        var kernel = Singular2D(p, "kernel_size", "kernel_h", "kernel_w", null, min: 1);
        var (sh, sw) = Singular2D(p, "stride", "stride_h", "stride_w", 1, min: 1)!.Value;
        var (ph, pw) = Singular2D(p, "pad", "pad_h", "pad_w", 0, min: 0)!.Value;
        var at = p.Message.Location;
        if (global)
        {
            if (kernel is not null)
                throw p.Fail(at, "with global_pooling the kernel is the whole map: give no kernel size");
            if (ph != 0 || pw != 0 || sh != 1 || sw != 1)
                throw p.Fail(at, "with global_pooling, pad must be 0 and stride 1");
            return new PoolingParameter(pool, 0, 0, 1, 1, 0, 0, GlobalPooling: true);
        }
        var (kh, kw) = kernel ?? throw p.Fail(at, "a kernel size is required (kernel_size, or kernel_h and kernel_w), or global_pooling");
        if (ph >= kh || pw >= kw)
            throw p.Fail(at, $"pad {ph}×{pw} must be smaller than the kernel {kh}×{kw}");
        return new PoolingParameter(pool, kh, kw, sh, sw, ph, pw);
    }

    static readonly (string, int, LrnNormRegion)[] NormRegions =
        [("ACROSS_CHANNELS", 0, LrnNormRegion.AcrossChannels), ("WITHIN_CHANNEL", 1, LrnNormRegion.WithinChannel)];

    static LrnParameter Lrn(TextFieldReader p)
    {
        var size = p.Int32("local_size", 1, Max) ?? 5;
        if (size % 2 == 0)
            throw p.Fail(p.Single("local_size")!.Location, $"local_size {size} must be odd");
        return new LrnParameter(size, p.Double("alpha") ?? 1, p.Double("beta") ?? 0.75,
            p.Enum("norm_region", NormRegions) ?? LrnNormRegion.AcrossChannels, p.Double("k") ?? 1);
    }

    static DropoutParameter Dropout(TextFieldReader p)
    {
        var ratio = p.Double("dropout_ratio") ?? 0.5;
        if (ratio is < 0 or > 1 || double.IsNaN(ratio))
            throw p.Fail(p.Single("dropout_ratio")!.Location, $"dropout_ratio {ratio} is outside [0, 1]");
        return new DropoutParameter(ratio);
    }

    /// <summary>Concat and Slice: <c>axis</c> (may be negative) or the deprecated non-negative <c>*_dim</c>, not both.</summary>
    static int Axis(TextFieldReader p, string axis, string legacy)
    {
        if (p.Has(axis) && p.Has(legacy))
            throw p.Fail(p.Single(legacy)!.Location, $"give either {axis} or {legacy}, not both");
        return p.Int32(legacy, 0, Max) ?? p.Int32(axis) ?? 1;
    }

    /// <summary>
    /// Convolution's form: <paramref name="single"/> is repeated (one value for both dimensions, or
    /// height then width); <c>_h</c>/<c>_w</c> come together and exclude it.
    /// </summary>
    static (int H, int W)? HeightWidth(TextFieldReader p, string single, string h, string w, int? fallback, int min)
    {
        if (HeightWidthPair(p, single, h, w, min) is { } pair)
            return pair;
        var values = p.Int32s(single, min, Max);
        return values.Count switch
        {
            0 => fallback is int f ? (f, f) : null,
            1 => (values[0], values[0]),
            2 => (values[0], values[1]),
            _ => throw p.Fail(p.Message.All(single).Last().Location, $"{values.Count} values for {single}: only 2-D is supported"),
        };
    }

    /// <summary>Pooling's form: <paramref name="single"/> is a single value; <c>_h</c>/<c>_w</c> come together and exclude it.</summary>
    static (int H, int W)? Singular2D(TextFieldReader p, string single, string h, string w, int? fallback, int min)
    {
        if (HeightWidthPair(p, single, h, w, min) is { } pair)
            return pair;
        return p.Int32(single, min, Max) is int v ? (v, v) : fallback is int f ? (f, f) : null;
    }

    static (int H, int W)? HeightWidthPair(TextFieldReader p, string single, string h, string w, int min)
    {
        if (!p.Has(h) && !p.Has(w))
            return null;
        if (p.Has(single))
            throw p.Fail(p.Message.All(single).First().Location, $"give either {single} or {h} and {w}, not both");
        var hv = p.Int32(h, min, Max);
        var wv = p.Int32(w, min, Max);
        if (hv is null || wv is null)
            throw p.Fail(p.Message.All(hv is null ? w : h).First().Location, $"{h} and {w} must be given together");
        return (hv.Value, wv.Value);
    }

    static (int H, int W) Repeated2D(TextFieldReader p, string name, int fallback, int min)
    {
        var values = p.Int32s(name, min, Max);
        return values.Count switch
        {
            0 => (fallback, fallback),
            1 => (values[0], values[0]),
            2 => (values[0], values[1]),
            _ => throw p.Fail(p.Message.All(name).Last().Location, $"{values.Count} values for {name}: only 2-D is supported"),
        };
    }
}
