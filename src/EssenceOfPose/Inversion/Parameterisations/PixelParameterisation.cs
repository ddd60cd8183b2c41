namespace EssenceOfPose.Inversion;

/// <summary>The image is its own parameter: one leaf [N,3,H,W] in Caffe space (Mahendran &amp; Vedaldi; Yosinski et al.).</summary>
internal sealed record PixelParameterisation : ImageParameterisation
{
    public override string Name => "pixels";

    internal override IParameterisedImage Create(Tensor initial) => new Leaf(initial);

    sealed class Leaf : IParameterisedImage
    {
        readonly Tensor pixels;

        public Leaf(Tensor initial)
        {
            // A Parameter, so that TorchSharp's optimisers (AdamStep) take it as it is.
            using (torch.no_grad()) pixels = new Parameter(initial.detach().clone(), requires_grad: true).DetachFromDisposeScope();
        }

        public IReadOnlyList<Tensor> Parameters => [pixels];

        public Tensor Image() => pixels;

        public void SetImage(Tensor image)
        {
            if (ReferenceEquals(image, pixels)) return;
            using var _ = torch.no_grad();
            pixels.copy_(image);
        }

        public void Dispose() => pixels.Dispose();
    }
}
