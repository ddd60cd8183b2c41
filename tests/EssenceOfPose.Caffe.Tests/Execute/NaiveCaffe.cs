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
        int n = x.Shape[0], channels = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        int outH = (h + 2 * c.PadH - (c.DilationH * (c.KernelH - 1) + 1)) / c.StrideH + 1;
        int outW = (w + 2 * c.PadW - (c.DilationW * (c.KernelW - 1) + 1)) / c.StrideW + 1;
        int inPerGroup = channels / c.Group, outPerGroup = c.NumOutput / c.Group;
        var y = new double[n * c.NumOutput * outH * outW];
        int i = 0;
        for (int b = 0; b < n; b++)
            for (int o = 0; o < c.NumOutput; o++)
                for (int oh = 0; oh < outH; oh++)
                    for (int ow = 0; ow < outW; ow++)
                    {
                        double sum = bias?[o] ?? 0;
                        int group = o / outPerGroup;
                        for (int ci = 0; ci < inPerGroup; ci++)
                            for (int kh = 0; kh < c.KernelH; kh++)
                                for (int kw = 0; kw < c.KernelW; kw++)
                                {
                                    int ih = oh * c.StrideH - c.PadH + kh * c.DilationH;
                                    int iw = ow * c.StrideW - c.PadW + kw * c.DilationW;
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
        int n = x.Shape[0], channels = x.Shape[1], h = x.Shape[2], w = x.Shape[3];
        var (kh, kw, sh, sw, ph, pw) = p.GlobalPooling ? (h, w, 1, 1, 0, 0) : (p.KernelH, p.KernelW, p.StrideH, p.StrideW, p.PadH, p.PadW);
        int outH = (int)Math.Ceiling((double)(h + 2 * ph - kh) / sh) + 1;
        int outW = (int)Math.Ceiling((double)(w + 2 * pw - kw) / sw) + 1;
        if (ph != 0 || pw != 0)
        {
            if ((outH - 1) * sh >= h + ph) outH--;
            if ((outW - 1) * sw >= w + pw) outW--;
        }
        var y = new double[n * channels * outH * outW];
        int i = 0;
        for (int b = 0; b < n; b++)
            for (int c = 0; c < channels; c++)
                for (int oh = 0; oh < outH; oh++)
                    for (int ow = 0; ow < outW; ow++)
                    {
                        int hs = oh * sh - ph, ws = ow * sw - pw;
                        if (p.Pool == PoolMethod.Max)
                        {
                            double best = -float.MaxValue;
                            for (int r = Math.Max(hs, 0); r < Math.Min(hs + kh, h); r++)
                                for (int q = Math.Max(ws, 0); q < Math.Min(ws + kw, w); q++)
                                    best = Math.Max(best, x[b, c, r, q]);
                            y[i++] = best;
                        }
                        else
                        {
                            int he = Math.Min(hs + kh, h + ph), we = Math.Min(ws + kw, w + pw);
                            int count = (he - hs) * (we - ws);
                            double sum = 0;
                            for (int r = Math.Max(hs, 0); r < Math.Min(he, h); r++)
                                for (int q = Math.Max(ws, 0); q < Math.Min(we, w); q++)
                                    sum += x[b, c, r, q];
                            y[i++] = sum / count;
                        }
                    }
        return new Nd([n, channels, outH, outW], y);
    }

    public static Nd LrnAcrossChannels(Nd x, LrnParameter p)
    {
        int channels = x.Shape[1], pre = (p.LocalSize - 1) / 2;
        return Map(x, (b, c, r, q) =>
        {
            double scale = p.K;
            for (int j = c - pre; j < c - pre + p.LocalSize; j++)
                if (j >= 0 && j < channels)
                    scale += p.Alpha / p.LocalSize * x[b, j, r, q] * x[b, j, r, q];
            return x[b, c, r, q] * Math.Pow(scale, -p.Beta);
        });
    }

    public static Nd LrnWithinChannel(Nd x, LrnParameter p)
    {
        int pre = (p.LocalSize - 1) / 2, h = x.Shape[2], w = x.Shape[3];
        return Map(x, (b, c, r, q) =>
        {
            double sum = 0;
            for (int i = r - pre; i < r - pre + p.LocalSize; i++)
                for (int j = q - pre; j < q - pre + p.LocalSize; j++)
                    if (i >= 0 && i < h && j >= 0 && j < w)
                        sum += x[b, c, i, j] * x[b, c, i, j];
            return x[b, c, r, q] * Math.Pow(1 + p.Alpha * sum / (p.LocalSize * p.LocalSize), -p.Beta);
        });
    }

    /// <summary>y[m, o] = Σ_k x[m, k] · W[o, k] + b[o], with x flattened to M × K at <paramref name="axis"/>.</summary>
    public static Nd InnerProduct(Nd x, int axis, double[] weight, double[]? bias, int outputs)
    {
        int m = x.Shape.Take(axis).Aggregate(1, (a, d) => a * d);
        int k = x.Shape.Skip(axis).Aggregate(1, (a, d) => a * d);
        var y = new double[m * outputs];
        for (int r = 0; r < m; r++)
            for (int o = 0; o < outputs; o++)
            {
                double sum = bias?[o] ?? 0;
                for (int j = 0; j < k; j++)
                    sum += x.Data[r * k + j] * weight[o * k + j];
                y[r * outputs + o] = sum;
            }
        return new Nd([.. x.Shape.Take(axis), outputs], y);
    }

    /// <summary>Softmax over <paramref name="axis"/>, subtracting the maximum first as Caffe does.</summary>
    public static Nd Softmax(Nd x, int axis)
    {
        int outer = x.Shape.Take(axis).Aggregate(1, (a, d) => a * d), size = x.Shape[axis];
        int inner = x.Shape.Skip(axis + 1).Aggregate(1, (a, d) => a * d);
        var y = new double[x.Data.Length];
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < inner; i++)
            {
                int At(int s) => (o * size + s) * inner + i;
                double max = Enumerable.Range(0, size).Max(s => x.Data[At(s)]);
                double total = Enumerable.Range(0, size).Sum(s => Math.Exp(x.Data[At(s)] - max));
                for (int s = 0; s < size; s++)
                    y[At(s)] = Math.Exp(x.Data[At(s)] - max) / total;
            }
        return new Nd(x.Shape, y);
    }

    private static Nd Map(Nd x, Func<int, int, int, int, double> f)
    {
        var y = new double[x.Data.Length];
        int i = 0;
        for (int b = 0; b < x.Shape[0]; b++)
            for (int c = 0; c < x.Shape[1]; c++)
                for (int r = 0; r < x.Shape[2]; r++)
                    for (int q = 0; q < x.Shape[3]; q++)
                        y[i++] = f(b, c, r, q);
        return new Nd(x.Shape, y);
    }
}
