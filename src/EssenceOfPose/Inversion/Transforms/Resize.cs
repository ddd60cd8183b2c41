namespace EssenceOfPose.Inversion;

/// <summary>
/// Bilinear resize to <see cref="Size"/>² (align_corners false, no antialiasing), differentiable,
/// so an image at another scale is seen at the network's input size and the gradient flows back
/// to its own pixels: how DeepDream lets a tap that cannot see a small octave (PoseNet's fc
/// layers, or conv4 below about 44 pixels) still shape it. Not random. Its output size does not
/// depend on its input's, so it belongs in phases with their own <see cref="RenderPhase.Size"/>;
/// its <see cref="Margin"/> is 0.
/// </summary>
internal sealed record Resize(int Size) : Transform
{
    public override string Name => $"resize({Size})";

    public override int Margin => 0;

    internal override Tensor Apply(Tensor images, Generator generator)
    {
        if (Size < 1) throw new ArgumentOutOfRangeException(nameof(Size), Size, "a size is at least one pixel");
        return F.interpolate(images, size: [Size, Size], mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
