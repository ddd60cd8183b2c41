namespace EssenceOfPose.Caffe;

/// <summary>A learned layer's tensors in PyTorch layouts: convolution OIHW, linear out×in, PReLU slopes.</summary>
sealed record CaffeLayerTensors(Tensor Weight, Tensor? Bias);

/// <summary>
/// One forward step per Caffe layer type, with TorchSharp's ops and Caffe's definitions: a
/// convolution floors its output size; an inner product flattens from its axis; ReLU is
/// max(x, 0) + slope · min(x, 0); PReLU slopes run along axis 1; Dropout is the identity at test time
/// (Caffe scales during training, not after); pooling and LRN are in <see cref="CaffePooling"/> and
/// <see cref="CaffeLrn"/>. Errors are <see cref="CaffeShapeError"/>s that the executor names the layer in.
/// </summary>
static class CaffeLayerOps
{
    public static Tensor[] Run(CaffeLayer layer, Tensor[] bottoms, CaffeLayerTensors? learned)
    {
        var x = bottoms[0];
        return layer.Parameters switch
        {
            ConvolutionParameter c => [Convolution(x, c, Learned(layer, learned))],
            InnerProductParameter ip => [InnerProduct(x, ip, Learned(layer, learned))],
            PoolingParameter p => [CaffePooling.Forward(x, p)],
            LrnParameter l => [CaffeLrn.Forward(x, l)],
            ReLUParameter r => [r.NegativeSlope == 0 ? F.relu(x) : F.leaky_relu(x, r.NegativeSlope)],
            PReLUParameter => [PReLU(x, Learned(layer, learned).Weight)],
            ConcatParameter c => [torch.cat(bottoms, CaffeShapeRules.Canonical(c.Axis, (int)x.dim()))],
            SliceParameter s => Slice(x, s, layer.Tops.Count),
            DropoutParameter => [x],
            SoftmaxParameter s => [F.softmax(x, CaffeShapeRules.Canonical(s.Axis, (int)x.dim()))],
            _ => throw new CaffeShapeError($"has no forward rule (parameters {layer.Parameters?.GetType().Name ?? "missing"})"),
        };
    }

    static CaffeLayerTensors Learned(CaffeLayer layer, CaffeLayerTensors? learned) =>
        learned ?? throw new CaffeShapeError($"has no weights; the executor was built without them for '{layer.Name}'");

    static Tensor Convolution(Tensor x, ConvolutionParameter c, CaffeLayerTensors t)
    {
        if (x.dim() != 4)
            throw new CaffeShapeError($"2-D convolution needs a 4-axis input (N, C, H, W), got {x.dim()} axes");
        return F.conv2d(x, t.Weight, t.Bias, [c.StrideH, c.StrideW], [c.PadH, c.PadW], [c.DilationH, c.DilationW], c.Group);
    }

    /// <summary>Caffe's InnerProduct: the axes before <c>axis</c> stay, the rest are one vector of inputs.</summary>
    static Tensor InnerProduct(Tensor x, InnerProductParameter ip, CaffeLayerTensors t)
    {
        var axis = CaffeShapeRules.Canonical(ip.Axis, (int)x.dim());
        var shape = x.shape;
        var inputs = shape.Skip(axis).Aggregate(1L, (a, d) => a * d);
        var expected = t.Weight.size(1);
        if (inputs != expected)
            throw new CaffeShapeError($"flattens {inputs} inputs from axis {axis} but its weight takes {expected}");
        return F.linear(x.flatten(axis), t.Weight, t.Bias);
    }

    static Tensor PReLU(Tensor x, Tensor slopes)
    {
        if (x.dim() < 2)
            throw new CaffeShapeError("PReLU needs at least 2 axes (the channel axis is 1)");
        if (slopes.numel() != 1 && slopes.numel() != x.size(1))
            throw new CaffeShapeError($"has {slopes.numel()} slopes for {x.size(1)} channels");
        return F.prelu(x, slopes);
    }

    static Tensor[] Slice(Tensor x, SliceParameter s, int tops)
    {
        var axis = CaffeShapeRules.Canonical(s.Axis, (int)x.dim());
        var size = x.size(axis);
        long[] bounds;
        if (s.SlicePoints.Count == 0)
        {
            if (size % tops != 0)
                throw new CaffeShapeError($"axis {axis} has size {size}, which does not split into {tops} equal parts");
            bounds = Enumerable.Range(0, tops + 1).Select(i => i * (size / tops)).ToArray();
        }
        else
        {
            bounds = [0, .. s.SlicePoints.Select(p => (long)p), size];
            if (bounds.Length != tops + 1 || bounds.Zip(bounds.Skip(1)).Any(b => b.Second <= b.First))
                throw new CaffeShapeError($"slice points {string.Join(", ", s.SlicePoints)} do not cut axis {axis} of size {size} into {tops} parts");
        }
        return Enumerable.Range(0, tops).Select(i => x.narrow(axis, bounds[i], bounds[i + 1] - bounds[i])).ToArray();
    }
}
