namespace EssenceOfPose.Caffe;

/// <summary>A layer that cannot be set up on its input; <see cref="CaffeShapes"/> adds the layer and location.</summary>
sealed class CaffeShapeError(string message) : Exception(message);

/// <summary>Per-type shape rules, written after the Reshape/LayerSetUp checks of Caffe's layers.</summary>
static class CaffeShapeRules
{
    public static CaffeLayerShapes Apply(CaffeLayer layer, IReadOnlyList<int[]> bottoms)
    {
        var expectedBottoms = layer.Type is "Concat" ? Math.Max(bottoms.Count, 1) : 1;
        var expectedTops = layer.Type is "Slice" ? Math.Max(layer.Tops.Count, 1) : 1;
        if (bottoms.Count != expectedBottoms)
            throw new CaffeShapeError($"takes {(layer.Type == "Concat" ? "at least one bottom" : "one bottom")}, has {bottoms.Count}");
        if (layer.Tops.Count != expectedTops)
            throw new CaffeShapeError($"produces {(layer.Type == "Slice" ? "at least one top" : "one top")}, has {layer.Tops.Count}");

        var x = bottoms[0];
        var (tops, parameters) = layer.Parameters switch
        {
            ConvolutionParameter c => Convolution(c, x),
            InnerProductParameter ip => InnerProduct(ip, x),
            PoolingParameter p => ([Pooling(p, x)], []),
            LrnParameter => ([FourD(x, "LRN")], []),
            ConcatParameter c => ([Concat(c, bottoms)], []),
            SliceParameter s => (Slice(s, x, layer.Tops.Count), []),
            PReLUParameter p => PReLU(p, x),
            ReLUParameter or DropoutParameter => ([x.ToArray()], []),
            SoftmaxParameter s => ([Softmax(s, x)], []),
            _ => throw new CaffeShapeError($"has no shape rule (parameters {layer.Parameters?.GetType().Name ?? "missing"})"),
        };
        return new CaffeLayerShapes(layer, bottoms.Select(b => b.ToArray()).ToList(), tops, parameters);
    }

    static (IReadOnlyList<int[]>, IReadOnlyList<int[]>) Convolution(ConvolutionParameter c, int[] x)
    {
        FourD(x, "2-D convolution");
        var channels = x[1];
        if (channels % c.Group != 0)
            throw new CaffeShapeError($"{channels} input channels are not a multiple of group {c.Group}");
        var h = ConvolutionOut(x[2], c.KernelH, c.StrideH, c.PadH, c.DilationH, "height");
        var w = ConvolutionOut(x[3], c.KernelW, c.StrideW, c.PadW, c.DilationW, "width");
        var weight = new[] { c.NumOutput, channels / c.Group, c.KernelH, c.KernelW };
        return ([[x[0], c.NumOutput, h, w]], c.BiasTerm ? [weight, [c.NumOutput]] : [weight]);
    }

    /// <summary>Caffe's conv_layer.cpp: floor((in + 2·pad − (dilation·(k − 1) + 1)) / stride) + 1.</summary>
    public static int ConvolutionOut(int size, int kernel, int stride, int pad, int dilation, string axis)
    {
        var extent = dilation * (kernel - 1) + 1;
        var span = size + 2 * pad - extent;
        if (span < 0)
            throw new CaffeShapeError($"the {axis} {size} (padded {size + 2 * pad}) is smaller than the kernel extent {extent}");
        return span / stride + 1;
    }

    static int[] Pooling(PoolingParameter p, int[] x)
    {
        FourD(x, "2-D pooling");
        if (p.GlobalPooling)
            return [x[0], x[1], 1, 1];
        // Caffe checks "if (pad_h_ || pad_w_)" once, for both axes: keep that, not a per-axis test.
        var padded = p.PadH != 0 || p.PadW != 0;
        var h = PoolingOut(x[2], p.KernelH, p.StrideH, p.PadH, padded, "height");
        var w = PoolingOut(x[3], p.KernelW, p.StrideW, p.PadW, padded, "width");
        return [x[0], x[1], h, w];
    }

    /// <summary>
    /// Caffe's pooling_layer.cpp: ceil((in + 2·pad − k) / stride) + 1, then, when padding, drop the last
    /// window if it would start in the padding: (out − 1)·stride ≥ in + pad.
    /// </summary>
    public static int PoolingOut(int size, int kernel, int stride, int pad, bool padded, string axis)
    {
        var pooled = (int)Math.Ceiling((double)(size + 2 * pad - kernel) / stride) + 1;
        if (padded && (pooled - 1) * stride >= size + pad)
            pooled--;
        if (pooled <= 0)
            throw new CaffeShapeError($"the {axis} {size} gives no pooling window (kernel {kernel}, stride {stride}, pad {pad})");
        return pooled;
    }

    static (IReadOnlyList<int[]>, IReadOnlyList<int[]>) InnerProduct(InnerProductParameter ip, int[] x)
    {
        var axis = Canonical(ip.Axis, x.Length);
        var inputs = checked(x.Skip(axis).Aggregate(1, (a, d) => a * d));
        int[] top = [.. x.Take(axis), ip.NumOutput];
        int[] weight = ip.Transpose ? [inputs, ip.NumOutput] : [ip.NumOutput, inputs];
        return ([top], ip.BiasTerm ? [weight, [ip.NumOutput]] : [weight]);
    }

    static int[] Concat(ConcatParameter c, IReadOnlyList<int[]> bottoms)
    {
        var first = bottoms[0];
        var axis = Canonical(c.Axis, first.Length);
        var top = first.ToArray();
        for (var b = 1; b < bottoms.Count; b++)
        {
            var other = bottoms[b];
            var fits = other.Length == first.Length && Enumerable.Range(0, first.Length).All(i => i == axis || other[i] == first[i]);
            if (!fits)
                throw new CaffeShapeError($"bottom {b} ({CaffeShapeTable.Format(other)}) does not match bottom 0 ({CaffeShapeTable.Format(first)}) outside axis {axis}");
            top[axis] += other[axis];
        }
        return top;
    }

    static IReadOnlyList<int[]> Slice(SliceParameter s, int[] x, int tops)
    {
        var axis = Canonical(s.Axis, x.Length);
        var size = x[axis];
        List<int> bounds;
        if (s.SlicePoints.Count == 0)
        {
            if (size % tops != 0)
                throw new CaffeShapeError($"axis {axis} has size {size}, which does not split into {tops} equal parts");
            bounds = Enumerable.Range(0, tops + 1).Select(i => i * (size / tops)).ToList();
        }
        else
        {
            if (s.SlicePoints.Count != tops - 1)
                throw new CaffeShapeError($"{s.SlicePoints.Count} slice points for {tops} tops; expected {tops - 1}");
            bounds = [0, .. s.SlicePoints, size];
            for (var i = 1; i < bounds.Count; i++)
                if (bounds[i] <= bounds[i - 1])
                    throw new CaffeShapeError($"slice points {string.Join(", ", s.SlicePoints)} must increase strictly inside (0, {size})");
        }
        return Enumerable.Range(0, tops).Select(i =>
        {
            var part = x.ToArray();
            part[axis] = bounds[i + 1] - bounds[i];
            return part;
        }).ToList();
    }

    static (IReadOnlyList<int[]>, IReadOnlyList<int[]>) PReLU(PReLUParameter p, int[] x)
    {
        if (x.Length < 2)
            throw new CaffeShapeError("needs at least 2 axes (the channel axis is 1)");
        // Caffe stores a shared slope as a 0-axis blob (one value), a per-channel slope as a vector.
        int[] slopes = p.ChannelShared ? [] : [x[1]];
        return ([x.ToArray()], [slopes]);
    }

    static int[] Softmax(SoftmaxParameter s, int[] x)
    {
        Canonical(s.Axis, x.Length);
        return x.ToArray();
    }

    static int[] FourD(int[] x, string what) => x.Length == 4
        ? x.ToArray()
        : throw new CaffeShapeError($"{what} needs a 4-axis input (N, C, H, W), got {x.Length} axes");

    /// <summary>Caffe's CanonicalAxisIndex: −rank ≤ axis &lt; rank, negative counting from the end.</summary>
    public static int Canonical(int axis, int rank) => axis >= -rank && axis < rank
        ? (axis < 0 ? axis + rank : axis)
        : throw new CaffeShapeError($"axis {axis} is out of range for a {rank}-axis blob");
}
