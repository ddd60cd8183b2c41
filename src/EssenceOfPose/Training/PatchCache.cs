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
    readonly Dictionary<string, int> rowOf;

    PatchCache(Tensor patches, IReadOnlyList<DatasetView> views)
    {
        Patches = patches;
        Views = views;
        rowOf = views.Select((v, i) => (v.Name.Stem, i)).ToDictionary(x => x.Stem, x => x.i);
    }

    /// <summary>[V,3,S,S] float32, 0–255, no mean subtracted.</summary>
    public Tensor Patches { get; }

    public IReadOnlyList<DatasetView> Views { get; }

    public int Row(DatasetView view) => rowOf.TryGetValue(view.Name.Stem, out var r)
        ? r : throw new KeyNotFoundException($"view {view.Name.Stem} is not in the patch cache");

    /// <summary>Decodes (all cores) and preprocesses every view; the crop and size come from <paramref name="preprocess"/>.</summary>
    public static PatchCache Build(IReadOnlyList<DatasetView> views, Preprocess preprocess, IProgress<int>? progress = null)
    {
        if (views.Count == 0) throw new ArgumentException("no views to cache");
        var zeroMean = preprocess with { Mean = [0, 0, 0] };
        var images = new RgbImage[views.Count];
        var done = 0;
        Parallel.For(0, views.Count, i =>
        {
            images[i] = RgbImage.Decode(views[i].Image.ReadAllBytes(), views[i].Image.Description);
            progress?.Report(Interlocked.Increment(ref done));
        });
        using var scope = torch.NewDisposeScope();
        var rows = new List<Tensor>(views.Count);
        for (var start = 0; start < images.Length; start += 256)
        {
            using var chunk = torch.NewDisposeScope();
            var batch = zeroMean.Apply(images.Skip(start).Take(256));
            rows.Add(chunk.MoveToOuter(batch));
        }
        var all = torch.cat(rows.ToArray(), 0);
        all.DetachFromDisposeScope();
        return new PatchCache(all, views);
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
