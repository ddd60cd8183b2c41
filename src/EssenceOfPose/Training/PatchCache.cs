using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Training;

/// <summary>
/// Every view of a dataset decoded once, centre-cropped and resized to the network's input, kept
/// as one [V,3,S,S] float tensor of 0–255 values (before mean subtraction), so that training
/// epochs index rows instead of decoding JPEGs. About 122 kB a view at 101×101.
/// </summary>
public sealed class PatchCache : IDisposable
{
    // Keyed by the view itself (name, record and image source): two cities may reuse a file name.
    readonly Dictionary<DatasetView, int> rowOf = [];

    PatchCache(Tensor patches, IReadOnlyList<DatasetView> views)
    {
        Patches = patches;
        Views = views;
        for (var i = 0; i < views.Count; i++)
            if (!rowOf.TryAdd(views[i], i))
                throw new ArgumentException($"view {views[i].Name.Stem} ({views[i].Image.Description}) is listed twice; a dataset was given twice?");
    }

    /// <summary>[V,3,S,S] float32, 0–255, no mean subtracted.</summary>
    public Tensor Patches { get; }

    public IReadOnlyList<DatasetView> Views { get; }

    const int Chunk = 256;

    public int Row(DatasetView view) => rowOf.TryGetValue(view, out var r)
        ? r : throw new KeyNotFoundException($"view {view.Name.Stem} is not in the patch cache");

    /// <summary>Decodes (all cores) and preprocesses every view; the crop and size come from <paramref name="preprocess"/>.</summary>
    public static PatchCache Build(IReadOnlyList<DatasetView> views, Preprocess preprocess, IProgress<int>? progress = null)
    {
        if (views.Count == 0) throw new ArgumentException("no views to cache");
        var zeroMean = preprocess with { Mean = [0, 0, 0] };
        var done = 0;
        Tensor? all = null;
        // Decoded a chunk at a time: a 256-pixel view is 196 kB decoded, so decoding a whole
        // multi-city training set first would hold gigabytes that the patches do not need.
        var images = new RgbImage[Math.Min(Chunk, views.Count)];
        for (var start = 0; start < views.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, views.Count - start);
            Parallel.For(0, n, i =>
            {
                var view = views[start + i];
                images[i] = RgbImage.Decode(view.Image.ReadAllBytes(), view.Image.Description);
                progress?.Report(Interlocked.Increment(ref done));
            });
            using var chunk = torch.NewDisposeScope();
            var batch = zeroMean.Apply(images.Take(n));
            // Filled in place: concatenating the chunks at the end would hold the patches twice.
            all ??= torch.empty([views.Count, .. batch.shape[1..]], batch.dtype).DetachFromDisposeScope();
            all.narrow(0, start, n).copy_(batch);
        }
        return new PatchCache(all!, views);
    }

    /// <summary>Per-channel mean (R, G, B) over the given rows' pixels: the dataset mean Caffe subtracts.</summary>
    public double[] ChannelMean(IEnumerable<int> rows)
    {
        using var scope = torch.NewDisposeScope();
        var index = torch.tensor(rows.Select(r => (long)r).ToArray());
        var mean = Patches.index_select(0, index).mean([0, 2, 3], type: ScalarType.Float64);
        return mean.ToArray<double>();
    }

    public void Dispose() => Patches.Dispose();
}
