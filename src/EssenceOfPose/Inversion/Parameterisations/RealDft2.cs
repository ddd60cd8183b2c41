namespace EssenceOfPose.Inversion;

/// <summary>
/// The orthonormal 2-D real DFT of H×W images (numpy's <c>rfft2</c>/<c>irfft2</c> with
/// norm="ortho") as matrix products, written when the suite's own libtorch binding had no FFT op
/// (TorchSharp's torch.fft.rfft2 could now take its place); at the sizes used here (≤ 128 px) two
/// matmuls with precomputed cos/sin bases cost less than the network. The
/// spectrum has H × (W/2 + 1) complex entries, held as separate real and imaginary tensors.
/// Inverse: along H a complex inverse DFT, Z = (C_H + iS_H) S; along W the Hermitian-completed
/// real inverse, x = Re Z · C_W − Im Z · S_W, the columns v = 1 … ⌈W/2⌉ − 1 counted twice.
/// </summary>
internal sealed class RealDft2 : IDisposable
{
    readonly Tensor cosH, sinH, cosWInverse, sinWInverse, cosWForward, sinWForward;

    public RealDft2(int height, int width, Device device, ScalarType dtype)
    {
        Height = height;
        Width = width;
        SpectrumWidth = width / 2 + 1;
        var wf = SpectrumWidth;
        double[] ch = new double[height * height], sh = new double[height * height];
        for (var u = 0; u < height; u++)
            for (var y = 0; y < height; y++)
            {
                var a = 2 * Math.PI * u * y / height;
                ch[u * height + y] = Math.Cos(a) / Math.Sqrt(height);
                sh[u * height + y] = Math.Sin(a) / Math.Sqrt(height);
            }
        double[] ci = new double[wf * width], si = new double[wf * width], cf = new double[width * wf], sf = new double[width * wf];
        for (var v = 0; v < wf; v++)
        {
            // Columns whose conjugate twin (W − v) is not stored count twice in the inverse.
            var twice = v != 0 && 2 * v != width ? 2.0 : 1.0;
            for (var x = 0; x < width; x++)
            {
                var a = 2 * Math.PI * v * x / width;
                ci[v * width + x] = twice * Math.Cos(a) / Math.Sqrt(width);
                si[v * width + x] = twice * Math.Sin(a) / Math.Sqrt(width);
                cf[x * wf + v] = Math.Cos(a) / Math.Sqrt(width);
                sf[x * wf + v] = Math.Sin(a) / Math.Sqrt(width);
            }
        }
        Tensor Make(double[] d, int rows, int cols) => torch.tensor(d, [rows, cols]).to(dtype, device).DetachFromDisposeScope();
        cosH = Make(ch, height, height);
        sinH = Make(sh, height, height);
        cosWInverse = Make(ci, wf, width);
        sinWInverse = Make(si, wf, width);
        cosWForward = Make(cf, width, wf);
        sinWForward = Make(sf, width, wf);
    }

    public int Height { get; }

    public int Width { get; }

    /// <summary>W/2 + 1: the stored spectrum columns.</summary>
    public int SpectrumWidth { get; }

    /// <summary>Real image [..., H, W] from the half spectrum (real, imaginary), each [..., H, W/2+1].</summary>
    public Tensor Inverse(Tensor real, Tensor imaginary)
    {
        var zr = cosH.matmul(real) - sinH.matmul(imaginary);
        var zi = cosH.matmul(imaginary) + sinH.matmul(real);
        return zr.matmul(cosWInverse) - zi.matmul(sinWInverse);
    }

    /// <summary>The half spectrum (real, imaginary) [..., H, W/2+1] of a real image [..., H, W].</summary>
    public (Tensor Real, Tensor Imaginary) Forward(Tensor image)
    {
        var zr = image.matmul(cosWForward);
        var zi = -image.matmul(sinWForward);
        return (cosH.matmul(zr) + sinH.matmul(zi), cosH.matmul(zi) - sinH.matmul(zr));
    }

    public void Dispose()
    {
        foreach (var t in new[] { cosH, sinH, cosWInverse, sinWInverse, cosWForward, sinWForward }) t.Dispose();
    }

    /// <summary>|f| of every stored coefficient [H, W/2+1], in cycles per pixel (numpy's fftfreq / rfftfreq).</summary>
    public double[] Frequencies()
    {
        var f = new double[Height * SpectrumWidth];
        for (var u = 0; u < Height; u++)
        {
            var fy = (double)Math.Min(u, Height - u) / Height;
            for (var v = 0; v < SpectrumWidth; v++)
            {
                var fx = (double)v / Width;
                f[u * SpectrumWidth + v] = Math.Sqrt(fy * fy + fx * fx);
            }
        }
        return f;
    }
}
