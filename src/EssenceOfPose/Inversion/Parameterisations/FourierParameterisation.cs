namespace EssenceOfPose.Inversion;

/// <summary>
/// Decorrelated-colour Fourier image (Lucid's <c>fft_image</c> and <c>to_valid_rgb</c>; Olah et
/// al., "Feature Visualization", Distill 2017): the leaf is a half spectrum per image and channel;
/// the image is Gain · M · irfft2(s ⊙ spectrum), s = 1 / max(|f|, 1/max(H,W))^DecayPower, M the
/// colour decorrelation matrix. Scaling by 1/frequency makes all frequencies move equally fast
/// under gradient descent, which favours the 1/f spectrum of natural images. The inverse DFT is
/// done with matrix products (<see cref="RealDft2"/>). Unlike Lucid there is no sigmoid: the map
/// is linear, so an image can be represented exactly (the box constraint bounds it instead).
/// Gain 16 ≈ 255 · ¼ · ¼ matches Lucid's step in pixels (its ¼ "magic" factor, and the sigmoid's
/// slope ¼ at 0, over a 0–255 range).
/// </summary>
internal sealed record FourierParameterisation(double DecayPower = 1, bool DecorrelateColour = true, double Gain = 16) : ImageParameterisation
{
    public override string Name => $"fourier(decay={Objective.FormatNumber(DecayPower)},{(DecorrelateColour ? "decorrelated" : "rgb")},gain={Objective.FormatNumber(Gain)})";

    internal override IParameterisedImage Create(Tensor initial) => new Spectrum(this, initial);

    sealed class Spectrum : IParameterisedImage
    {
        readonly FourierParameterisation options;
        readonly RealDft2 dft;
        readonly Tensor spectrum, scale, colour, colourInverse;

        public Spectrum(FourierParameterisation options, Tensor initial)
        {
            if (initial.dim() != 4 || initial.size(1) != 3) throw new ArgumentException($"expected images [N,3,H,W], got [{string.Join(", ", initial.shape)}]");
            if (!(options.Gain > 0)) throw new ArgumentOutOfRangeException(nameof(options), options.Gain, "the gain must be positive");
            this.options = options;
            var (device, dtype) = (initial.device, initial.dtype);
            dft = new RealDft2((int)initial.size(2), (int)initial.size(3), device, dtype);
            var floor = 1.0 / Math.Max(dft.Height, dft.Width);
            var s = dft.Frequencies().Select(f => 1 / Math.Pow(Math.Max(f, floor), options.DecayPower)).ToArray();
            scale = torch.tensor(s, [dft.Height, dft.SpectrumWidth]).to(dtype, device).DetachFromDisposeScope();
            colour = torch.tensor(ColourDecorrelation.Matrix(), [3, 3]).to(dtype, device).DetachFromDisposeScope();
            colourInverse = torch.tensor(ColourDecorrelation.Inverse(), [3, 3]).to(dtype, device).DetachFromDisposeScope();
            spectrum = new Parameter(torch.zeros([initial.size(0), 3, 2, dft.Height, dft.SpectrumWidth], dtype: dtype, device: device), requires_grad: true).DetachFromDisposeScope();
            SetImage(initial);
        }

        public IReadOnlyList<Tensor> Parameters => [spectrum];

        public Tensor Image()
        {
            var s = spectrum * scale;
            var x = dft.Inverse(s.select(2, 0), s.select(2, 1));
            if (options.DecorrelateColour) x = torch.einsum("ck,nkhw->nchw", colour, x);
            return x * options.Gain;
        }

        public void SetImage(Tensor image)
        {
            using var scope = torch.NewDisposeScope();
            using var _ = torch.no_grad();
            var x = image / options.Gain;
            if (options.DecorrelateColour) x = torch.einsum("ck,nkhw->nchw", colourInverse, x);
            var (re, im) = dft.Forward(x);
            spectrum.copy_(torch.stack([re, im], 2) / scale);
        }

        public void Dispose()
        {
            spectrum.Dispose();
            scale.Dispose();
            colour.Dispose();
            colourInverse.Dispose();
            dft.Dispose();
        }
    }
}
