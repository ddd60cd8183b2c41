using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Experiments;

/// <summary>
/// Image files as the network sees them: decoded, cropped, resized and mean-subtracted by one
/// <see cref="Data.Preprocess"/> (the checkpoint's mean), a batch [N,3,101,101] with a name per
/// image (the file's stem) and the path it came from. The batch belongs to the dispose scope
/// current at <see cref="Load"/>.
/// </summary>
public sealed record InputImages(Tensor Batch, IReadOnlyList<string> Names, IReadOnlyList<string> Paths, Preprocess Preprocess)
{
    public int Count => Names.Count;

    /// <summary>The batch with the preprocessing that made it (its pictures, its valid pixel range).</summary>
    public ImageBatch Images => new(Batch, Preprocess);

    /// <summary>Decodes and preprocesses every file; a missing or unreadable file throws <see cref="ImageDecodeException"/> naming it.</summary>
    public static InputImages Load(IReadOnlyList<string> paths, Preprocess preprocess)
    {
        if (paths.Count == 0) throw new ArgumentException("no images given");
        var images = paths.Select(RgbImage.Decode).ToArray();
        var names = paths.Select(p => Path.GetFileNameWithoutExtension(p)).ToArray();
        return new InputImages(preprocess.Apply(images), names, paths.Select(Path.GetFullPath).ToArray(), preprocess);
    }

    /// <summary>The first <paramref name="count"/> images (a view of the same batch).</summary>
    public InputImages Take(int count)
    {
        if (count < 1 || count > Count) throw new ArgumentOutOfRangeException(nameof(count), count, $"between 1 and {Count}");
        return count == Count ? this : new InputImages(Batch.narrow(0, 0, count), Names.Take(count).ToArray(), Paths.Take(count).ToArray(), Preprocess);
    }

    /// <summary>Image <paramref name="index"/> of the batch back as 0–255 RGB (the mean added, clamped).</summary>
    public RgbImage Display(int index)
    {
        using var scope = torch.NewDisposeScope();
        return Preprocess.Invert(Batch.select(0, index));
    }
}
