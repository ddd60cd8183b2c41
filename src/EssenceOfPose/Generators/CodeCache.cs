using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Generators;

/// <summary>
/// A generator's training set, made once: views of one or more dataset folders decoded,
/// preprocessed as the network's input (<see cref="PoseModel.Preprocess"/>, mean subtracted) and
/// encoded at one tap, held as two CPU tensors, so that no epoch decodes a JPEG or runs PoseNet.
/// The rows are in an order drawn by a seed (so the last rows are a random held-out subset), and
/// <c>images</c> caps how many views are kept. About 122 kB of patch a view, plus its code.
/// </summary>
public sealed class CodeCache : IDisposable
{
    CodeCache(Tensor images, Tensor codes, string tap, string modelSha256, IReadOnlyList<string> roots, IReadOnlyList<string> names)
    {
        Images = images;
        Codes = codes;
        Tap = tap;
        ModelSha256 = modelSha256;
        Roots = roots;
        Names = names;
    }

    /// <summary>[N,3,101,101] float32 in the network's input space (mean subtracted).</summary>
    public Tensor Images { get; }

    /// <summary>[N, ...code shape] float32: each image's code at <see cref="Tap"/>.</summary>
    public Tensor Codes { get; }

    public string Tap { get; }

    /// <summary>sha256 of the PoseNet checkpoint that made the codes ("" for a network that was never saved).</summary>
    public string ModelSha256 { get; }

    /// <summary>The dataset folders, in the order given.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Each row's view (file stem), for provenance and display.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>One code's shape (no batch axis).</summary>
    public long[] CodeShape => Codes.shape[1..];

    /// <summary>
    /// Loads every view of <paramref name="roots"/>, keeps <paramref name="images"/> of them (all
    /// when null) in an order drawn by <paramref name="seed"/>, and encodes them at <paramref name="tap"/>.
    /// <paramref name="progress"/> counts decoded views.
    /// </summary>
    public static CodeCache Build(PoseModel model, TapName tap, IReadOnlyList<string> roots, int? images = null, int seed = 1, IProgress<int>? progress = null)
    {
        TapCheck.Require(model.Net, tap);
        if (roots.Count == 0) throw new ArgumentException("no dataset folder given");
        if (images is < 1) throw new ArgumentOutOfRangeException(nameof(images), images, "at least 1 image");
        var duplicate = roots.Select(Path.GetFullPath).GroupBy(d => d).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"{duplicate.Key}: the same dataset is given twice");
        var views = roots.SelectMany(r => StreetViewDataset.Load(r).Views).ToArray();
        if (views.Length == 0) throw new ArgumentException($"{string.Join(", ", roots)}: no views found");
        new Random(seed).Shuffle(views);
        var kept = views.Take(images ?? views.Length).ToArray();

        using var patches = PatchCache.Build(kept, model.Preprocess, progress);
        using var scope = torch.NewDisposeScope();
        using var mean = model.Preprocess.MeanTensor();
        var pixels = (patches.Patches - mean).contiguous();
        var codes = Encode(model, tap, pixels);
        var sha = model.Source.Length > 0 ? WeightsManifest.Hash(model.Source) : "";
        return new CodeCache(pixels.DetachFromDisposeScope(), codes.DetachFromDisposeScope(), tap.ToString(), sha,
            roots.Select(Path.GetFullPath).ToArray(), kept.Select(v => v.Name.Stem).ToArray());
    }

    /// <summary>Codes of network-space images [N,3,S,S] at <paramref name="tap"/>, on the CPU, a chunk at a time, the model in eval mode.</summary>
    public static Tensor Encode(PoseModel model, TapName tap, Tensor pixels, int chunk = 64)
    {
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        model.Net.eval();
        var parts = new List<Tensor>();
        for (long start = 0; start < pixels.size(0); start += chunk)
        {
            var n = Math.Min(chunk, pixels.size(0) - start);
            // A scope per chunk: the tower's activations of a chunk of 64 are hundreds of MB,
            // and held to the end they exhausted 24 GB on a 16,000-view cache.
            using var step = torch.NewDisposeScope();
            parts.Add(step.MoveToOuter(model.Net.Tap(pixels.narrow(0, start, n).to(model.Device), tap).cpu()));
        }
        return scope.MoveToOuter(torch.cat(parts, 0).contiguous());
    }

    /// <summary>Rows [start, start + count) as a view of both tensors.</summary>
    public (Tensor Images, Tensor Codes) Rows(long start, long count) => (Images.narrow(0, start, count), Codes.narrow(0, start, count));

    public void Dispose()
    {
        Images.Dispose();
        Codes.Dispose();
    }
}
