using EssenceOfPose.Models;

namespace EssenceOfPose.Training;

/// <summary>
/// The blob of a frozen tower at its tap for every view of a patch cache, computed once
/// (<see cref="PoseNetTrainingOptions.FreezeThrough"/>): training the layers above then never
/// runs the convolutions. With augmentation each view is kept in four variants — as is,
/// mirrored left-right, with a photometric jitter (<see cref="PairAugmentation.Jitter"/>), and
/// mirrored with another jitter — drawn from (seed, view row, variant), so every process computes
/// the same; a training step picks a variant per image (the mirror per pair, as the label mirrors
/// with it). Held in host memory: about 2 kB a view and variant at fc5.
/// </summary>
public sealed class FrozenCodes : IDisposable
{
    const int Chunk = 256;

    FrozenCodes(Tensor codes, TapName tap) => (Codes, Tap) = (codes, tap);

    /// <summary>[Variants, Views, blob...] float32 on the host.</summary>
    public Tensor Codes { get; }

    public TapName Tap { get; }

    public int Variants => (int)Codes.size(0);

    /// <summary>Variant index: bit 0 mirrored, bit 1 jittered.</summary>
    public static int Variant(bool mirrored, bool jittered) => (mirrored ? 1 : 0) | (jittered ? 2 : 0);

    /// <summary>Runs <paramref name="net"/> to <paramref name="tap"/> over every cached view (mean <paramref name="mean"/> subtracted), in one variant or, with <paramref name="augment"/>, four.</summary>
    public static FrozenCodes Build(SiameseNet net, TapName tap, PatchCache cache, Tensor mean, bool augment, int seed, IProgress<int>? progress = null)
    {
        net.StageIndex(tap);
        var views = (int)cache.Patches.size(0);
        var variants = augment ? 4 : 1;
        Tensor? codes = null;
        var done = 0;
        using var off = torch.no_grad();
        var wasTraining = net.training;
        net.eval();
        try
        {
            for (var start = 0; start < views; start += Chunk)
            {
                using var scope = torch.NewDisposeScope();
                var n = Math.Min(Chunk, views - start);
                var x = cache.Patches.narrow(0, start, n).to(mean.device) - mean;
                for (var v = 0; v < variants; v++)
                {
                    var image = (v & 1) != 0 ? x.flip(3) : x;
                    if ((v & 2) != 0) image = PairAugmentation.Jitter(image, mean, new Random(PoseNetTrainer.EpochSeed(seed, start, 0x6a17 + v)));
                    var blob = net.Tap(image, tap).cpu();
                    codes ??= torch.empty([variants, views, .. blob.shape[1..]], ScalarType.Float32).DetachFromDisposeScope();
                    codes[v].narrow(0, start, n).copy_(blob);
                }
                progress?.Report(done += n);
            }
        }
        finally
        {
            net.train(wasTraining);
        }
        return new FrozenCodes(codes!, tap);
    }

    /// <summary>The blobs of the given cache rows in the given variants, on <paramref name="device"/>.</summary>
    public Tensor Gather(long[] rows, int[] variants, Device device)
    {
        var views = Codes.size(1);
        var index = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++) index[i] = variants[i] * views + rows[i];
        return Codes.flatten(0, 1).index_select(0, torch.tensor(index)).to(device);
    }

    public void Dispose() => Codes.Dispose();
}
