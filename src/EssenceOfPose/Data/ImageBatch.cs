using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Data;

/// <summary>
/// Images as the network sees them, [N,3,S,S] in network space, with the preprocessing that made
/// them: so a batch knows how to become pictures and which pixel values are valid, and no caller
/// carries the channel mean beside it. Reconstructions, dreams and overlays travel the same way.
/// </summary>
public sealed record ImageBatch(Tensor Pixels, Preprocess Preprocess)
{
    public int Count => (int)Pixels.size(0);

    /// <summary>The per-channel range a pixel of this batch can take (0–255 before the mean was subtracted).</summary>
    public PixelRange ValidRange => Preprocess.ValidRange;

    /// <summary>Each image as a picture: mean added back, rounded, clamped to 0–255.</summary>
    public IReadOnlyList<RgbImage> Pictures() => Preprocess.Pictures(Pixels);

    /// <summary>The picture of image <paramref name="index"/>.</summary>
    public RgbImage Picture(int index) => Preprocess.Invert(Pixels.select(0, index));

    /// <summary>The batch as one grid of pictures, for display: a caption per image, a title above, each picture <paramref name="scale"/> times enlarged.</summary>
    public Display.ImageGrid Grid(IReadOnlyList<string>? captions = null, string? title = null, int scale = 1) =>
        new(Pictures(), captions) { Title = title, Scale = scale };

    /// <summary>The batch in 0–255 RGB, unclipped (for image-quality metrics).</summary>
    public Tensor Rgb() => Preprocess.ToRgb(Pixels);

    /// <summary>The first <paramref name="count"/> images (a view of the same tensor).</summary>
    public ImageBatch Take(int count) => count >= Count ? this : this with { Pixels = Pixels.narrow(0, 0, count) };

    /// <summary>Other pixels in the same space (a reconstruction, a dream of this batch).</summary>
    public ImageBatch With(Tensor pixels) => this with { Pixels = pixels };

    public static implicit operator Tensor(ImageBatch batch) => batch.Pixels;
}
