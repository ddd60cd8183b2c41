namespace EssenceOfPose.Inversion;

/// <summary>The noise images the methods start from, in Caffe's mean-subtracted space.</summary>
internal static class StartImages
{
    /// <summary>
    /// Mahendran &amp; Vedaldi's start (nnpreimage.m): uniform noise in [−1, 1], each image scaled so
    /// that its 95th percentile is B/√3, B the typical pixel norm (80).
    /// </summary>
    public static Tensor UniformNoise(long n, long size, double typicalNorm, Generator generator, Device device)
    {
        var x = torch.rand([n, 3, size, size], generator: generator).to(device) * 2 - 1;
        var q = x.flatten(1).quantile(torch.tensor(0.95, x.dtype), 1, keepdim: true).view(n, 1, 1, 1);
        return x / q * (typicalNorm / Math.Sqrt(3));
    }

    /// <summary>Yosinski et al.'s "mean_plus_rand" start: the mean image plus N(0, σ²) noise, σ = 10.</summary>
    public static Tensor GaussianNoise(long n, long size, double std, Generator generator, Device device) =>
        torch.randn([n, 3, size, size], generator: generator).to(device) * std;
}
