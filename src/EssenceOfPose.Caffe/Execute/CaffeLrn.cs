namespace EssenceOfPose.Caffe;

/// <summary>
/// Caffe's LRN layer (lrn_layer.cpp). ACROSS_CHANNELS is x / (k + α/n · Σ x²)^β over the n channels
/// centred on each one, zeros past the edges: PyTorch's local_response_norm computes exactly this
/// for the odd n Caffe requires. WITHIN_CHANNEL is Caffe's composite of layers: square, AVE pooling
/// over an n×n window (pad (n−1)/2, stride 1), then x · (1 + α · mean)^−β; k is not used there and the
/// mean always divides by n², since with that padding every window lies inside the padded image.
/// </summary>
static class CaffeLrn
{
    public static Tensor Forward(Tensor x, LrnParameter p)
    {
        if (x.dim() != 4)
            throw new CaffeShapeError($"LRN needs a 4-axis input (N, C, H, W), got {x.dim()} axes");
        return p.NormRegion switch
        {
            LrnNormRegion.AcrossChannels => F.local_response_norm(x, p.LocalSize, p.Alpha, p.Beta, p.K),
            LrnNormRegion.WithinChannel => WithinChannel(x, p),
            _ => throw new CaffeShapeError($"LRN norm region {p.NormRegion} is not supported"),
        };
    }

    static Tensor WithinChannel(Tensor x, LrnParameter p)
    {
        var pad = (p.LocalSize - 1) / 2;
        var window = new PoolingParameter(PoolMethod.Average, p.LocalSize, p.LocalSize, 1, 1, pad, pad);
        var mean = CaffePooling.Forward(x * x, window);
        return x * (mean * p.Alpha + 1.0).pow(-p.Beta);
    }
}
