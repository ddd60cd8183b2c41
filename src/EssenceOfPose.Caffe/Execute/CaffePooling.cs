namespace EssenceOfPose.Caffe;

/// <summary>
/// Caffe's MAX and AVE pooling (pooling_layer.cpp) on libtorch ops, exactly rather than nearly.
/// The output size is Caffe's (<see cref="CaffeShapeRules.PoolingOut"/>: rounded up, the last window
/// dropped only when padding makes it start in the padding), which can be one more than PyTorch's
/// ceil mode gives. Windows are then read off an explicitly padded input so that every Caffe window
/// exists: MAX pads with −FLT_MAX, Caffe's starting value, so padding never wins and a window with no
/// pixel yields −FLT_MAX as in Caffe; AVE pads with zeros and divides by Caffe's count, the window
/// clipped to the padded image (min(start + k, size + pad) − start per axis), not to the image.
/// </summary>
static class CaffePooling
{
    public static Tensor Forward(Tensor x, PoolingParameter p)
    {
        if (x.dim() != 4)
            throw new CaffeShapeError($"pooling needs a 4-axis input (N, C, H, W), got {x.dim()} axes");
        var h = checked((int)x.size(2));
        var w = checked((int)x.size(3));
        var (kh, kw, sh, sw, ph, pw) = p.GlobalPooling ? (h, w, 1, 1, 0, 0) : (p.KernelH, p.KernelW, p.StrideH, p.StrideW, p.PadH, p.PadW);
        var padded = ph != 0 || pw != 0;
        var outH = CaffeShapeRules.PoolingOut(h, kh, sh, ph, padded, "height");
        var outW = CaffeShapeRules.PoolingOut(w, kw, sw, pw, padded, "width");
        // Enough rows and columns after the padding for outH × outW whole windows.
        var extraH = Math.Max(0, (outH - 1) * sh + kh - (h + 2 * ph));
        var extraW = Math.Max(0, (outW - 1) * sw + kw - (w + 2 * pw));
        long[] padding = [pw, pw + extraW, ph, ph + extraH];
        return p.Pool switch
        {
            PoolMethod.Max => Crop(F.max_pool2d(F.pad(x, padding, value: float.MinValue), [kh, kw], [sh, sw]), outH, outW),
            PoolMethod.Average => Crop(F.avg_pool2d(F.pad(x, padding), [kh, kw], [sh, sw], divisor_override: 1), outH, outW)
                .div(Divisor(h, kh, sh, ph, outH).outer(Divisor(w, kw, sw, pw, outW)).to(x.device)),
            _ => throw new CaffeShapeError($"pooling method {p.Pool} is not supported (Caffe's own CPU forward does not implement it)"),
        };
    }

    static Tensor Crop(Tensor y, int outH, int outW) => y.narrow(2, 0, outH).narrow(3, 0, outW);

    /// <summary>Caffe's AVE pool_size along one axis, for each output position.</summary>
    static Tensor Divisor(int size, int kernel, int stride, int pad, int count)
    {
        var d = new float[count];
        for (var o = 0; o < count; o++)
        {
            var start = o * stride - pad;
            d[o] = Math.Min(start + kernel, size + pad) - start;
        }
        return torch.tensor(d, [count]);
    }
}
