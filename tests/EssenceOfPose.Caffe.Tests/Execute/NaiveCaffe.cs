namespace EssenceOfPose.Caffe.Tests;

/// <summary>A dense N-d array in row-major order, for the naive reference loops.</summary>
internal sealed record Nd(int[] Shape, double[] Data)
{
    public static Nd Random(Random random, params int[] shape) =>
        new(shape, Enumerable.Range(0, shape.Aggregate(1, (a, d) => a * d)).Select(_ => random.NextDouble() * 2 - 1).ToArray());

    public double this[int n, int c, int h, int w] => Data[((n * Shape[1] + c) * Shape[2] + h) * Shape[3] + w];

    public float[] Floats => Data.Select(v => (float)v).ToArray();
}

/// <summary>
/// Caffe's forward passes written as the plain loops of its CPU code (conv_layer via im2col is a
/// direct correlation; pooling_layer.cpp; lrn_layer.cpp; inner_product_layer.cpp; softmax_layer.cpp),
/// in double precision, sharing nothing with the executor under test.
/// </summary>
internal static class NaiveCaffe
{
    public static Nd Convolution(Nd x, Nd weight, double[]? bias, ConvolutionParameter c)
    {
        var n = x.Shape[0];
        var channels = x.Shape[1];
        var h = x.Shape[2];
        var w = x.Shape[3];
        var outH = (h + 2 * c.PadH - (c.DilationH * (c.KernelH - 1) + 1)) / c.StrideH + 1;
        var outW = (w + 2 * c.PadW - (c.DilationW * (c.KernelW - 1) + 1)) / c.StrideW + 1;
        var inPerGroup = channels / c.Group;
        var outPerGroup = c.NumOutput / c.Group;
        var y = new double[n * c.NumOutput * outH * outW];
        var i = 0;
        for (var b = 0; b < n; b++)
            for (var o = 0; o < c.NumOutput; o++)
                for (var oh = 0; oh < outH; oh++)
                    for (var ow = 0; ow < outW; ow++)
                    {
                        var sum = bias?[o] ?? 0;
                        var group = o / outPerGroup;
                        for (var ci = 0; ci < inPerGroup; ci++)
                            for (var kh = 0; kh < c.KernelH; kh++)
                                for (var kw = 0; kw < c.KernelW; kw++)
                                {
                                    var ih = oh * c.StrideH - c.PadH + kh * c.DilationH;
                                    var iw = ow * c.StrideW - c.PadW + kw * c.DilationW;
                                    if (ih < 0 || ih >= h || iw < 0 || iw >= w)
                                        continue;
                                    sum += x[b, group * inPerGroup + ci, ih, iw] * weight[o, ci, kh, kw];
                                }
                        y[i++] = sum;
                    }
        return new Nd([n, c.NumOutput, outH, outW], y);
    }

    public static Nd Pooling(Nd x, PoolingParameter p)
    {
        var n = x.Shape[0];
        var channels = x.Shape[1];
        var h = x.Shape[2];
        var w = x.Shape[3];
        var (kh, kw, sh, sw, ph, pw) = p.GlobalPooling ? (h, w, 1, 1, 0, 0) : (p.KernelH, p.KernelW, p.StrideH, p.StrideW, p.PadH, p.PadW);
        var outH = (int)Math.Ceiling((double)(h + 2 * ph - kh) / sh) + 1;
        var outW = (int)Math.Ceiling((double)(w + 2 * pw - kw) / sw) + 1;
        if (ph != 0 || pw != 0)
        {
            if ((outH - 1) * sh >= h + ph) outH--;
            if ((outW - 1) * sw >= w + pw) outW--;
        }
        var y = new double[n * channels * outH * outW];
        var i = 0;
        for (var b = 0; b < n; b++)
            for (var c = 0; c < channels; c++)
                for (var oh = 0; oh < outH; oh++)
                    for (var ow = 0; ow < outW; ow++)
                    {
                        var hs = oh * sh - ph;
                        var ws = ow * sw - pw;
                        if (p.Pool == PoolMethod.Max)
                        {
                            double best = -float.MaxValue;
                            for (var r = Math.Max(hs, 0); r < Math.Min(hs + kh, h); r++)
                                for (var q = Math.Max(ws, 0); q < Math.Min(ws + kw, w); q++)
                                    best = Math.Max(best, x[b, c, r, q]);
                            y[i++] = best;
                        }
                        else
                        {
                            var he = Math.Min(hs + kh, h + ph);
                            var we = Math.Min(ws + kw, w + pw);
                            var count = (he - hs) * (we - ws);
                            var sum = 0.0;
                            for (var r = Math.Max(hs, 0); r < Math.Min(he, h); r++)
                                for (var q = Math.Max(ws, 0); q < Math.Min(we, w); q++)
                                    sum += x[b, c, r, q];
                            y[i++] = sum / count;
                        }
                    }
        return new Nd([n, channels, outH, outW], y);
    }

    public static Nd LrnAcrossChannels(Nd x, LrnParameter p)
    {
        var channels = x.Shape[1];
        var pre = (p.LocalSize - 1) / 2;
        return Map(x, (b, c, r, q) =>
        {
            var scale = p.K;
            for (var j = c - pre; j < c - pre + p.LocalSize; j++)
                if (j >= 0 && j < channels)
                    scale += p.Alpha / p.LocalSize * x[b, j, r, q] * x[b, j, r, q];
            return x[b, c, r, q] * Math.Pow(scale, -p.Beta);
        });
    }

    public static Nd LrnWithinChannel(Nd x, LrnParameter p)
    {
        var pre = (p.LocalSize - 1) / 2;
        var h = x.Shape[2];
        var w = x.Shape[3];
        return Map(x, (b, c, r, q) =>
        {
            var sum = 0.0;
            for (var i = r - pre; i < r - pre + p.LocalSize; i++)
                for (var j = q - pre; j < q - pre + p.LocalSize; j++)
                    if (i >= 0 && i < h && j >= 0 && j < w)
                        sum += x[b, c, i, j] * x[b, c, i, j];
            return x[b, c, r, q] * Math.Pow(1 + p.Alpha * sum / (p.LocalSize * p.LocalSize), -p.Beta);
        });
    }

    /// <summary>y[m, o] = Σ_k x[m, k] · W[o, k] + b[o], with x flattened to M × K at <paramref name="axis"/>.</summary>
    public static Nd InnerProduct(Nd x, int axis, double[] weight, double[]? bias, int outputs)
    {
        var m = x.Shape.Take(axis).Aggregate(1, (a, d) => a * d);
        var k = x.Shape.Skip(axis).Aggregate(1, (a, d) => a * d);
        var y = new double[m * outputs];
        for (var r = 0; r < m; r++)
            for (var o = 0; o < outputs; o++)
            {
                var sum = bias?[o] ?? 0;
                for (var j = 0; j < k; j++)
                    sum += x.Data[r * k + j] * weight[o * k + j];
                y[r * outputs + o] = sum;
            }
        return new Nd([.. x.Shape.Take(axis), outputs], y);
    }

    /// <summary>Softmax over <paramref name="axis"/>, subtracting the maximum first as Caffe does.</summary>
    public static Nd Softmax(Nd x, int axis)
    {
        var outer = x.Shape.Take(axis).Aggregate(1, (a, d) => a * d);
        var size = x.Shape[axis];
        var inner = x.Shape.Skip(axis + 1).Aggregate(1, (a, d) => a * d);
        var y = new double[x.Data.Length];
        for (var o = 0; o < outer; o++)
            for (var i = 0; i < inner; i++)
            {
                int At(int s) => (o * size + s) * inner + i;
                var max = Enumerable.Range(0, size).Max(s => x.Data[At(s)]);
                var total = Enumerable.Range(0, size).Sum(s => Math.Exp(x.Data[At(s)] - max));
                for (var s = 0; s < size; s++)
                    y[At(s)] = Math.Exp(x.Data[At(s)] - max) / total;
            }
        return new Nd(x.Shape, y);
    }

    static Nd Map(Nd x, Func<int, int, int, int, double> f)
    {
        var y = new double[x.Data.Length];
        var i = 0;
        for (var b = 0; b < x.Shape[0]; b++)
            for (var c = 0; c < x.Shape[1]; c++)
                for (var r = 0; r < x.Shape[2]; r++)
                    for (var q = 0; q < x.Shape[3]; q++)
                        y[i++] = f(b, c, r, q);
        return new Nd(x.Shape, y);
    }
}
