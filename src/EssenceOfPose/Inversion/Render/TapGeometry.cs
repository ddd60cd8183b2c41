using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>
/// The cumulative stride of a tap in input pixels, which sets Mahendran &amp; Vedaldi's jitter
/// (stride/4; their get_preimage_opts.m reads it from vl_simplenn_display). It is measured, not
/// declared: a tower's output side is a staircase in the input side whose period is the
/// stride (composed floor/ceil divisions), so the distance between two consecutive steps is
/// the stride. A fully connected tap takes the stride of the last spatial blob before it, as
/// MatConvNet reports for an fc layer (a convolution covering that blob). Cached per model.
/// </summary>
public static class TapGeometry
{
    static readonly ConditionalWeakTable<SiameseNet, ConcurrentDictionary<(string, int), int>> cache = new();

    /// <summary>The cumulative stride of <paramref name="tap"/> in input pixels at an input side of <paramref name="inputSize"/>.</summary>
    public static int Stride(SiameseNet model, TapName tap, int inputSize)
    {
        var layers = model.TowerLayers;
        var index = layers.ToList().IndexOf(tap.Layer);
        if (index < 0) throw new ArgumentException($"tap '{tap}': {model.Architecture} has no tower layer of that name; its taps are {string.Join(", ", layers)}");
        return cache.GetOrCreateValue(model).GetOrAdd((tap.Layer, inputSize), _ => Measure(model, layers, index, inputSize));
    }

    static int Measure(SiameseNet model, IReadOnlyList<string> layers, int index, int inputSize)
    {
        using var scope = torch.NewDisposeScope();
        using var _ = torch.no_grad();
        var device = model.parameters().First().device;
        long Side(string layer, long input)
        {
            using var inner = torch.NewDisposeScope();
            var blob = model.Tap(torch.zeros([1, 3, input, input], device: device), layer);
            return blob.dim() == 4 ? blob.size(2) : -1;
        }
        for (var i = index; i >= 0; i--)
        {
            var layer = layers[i];
            var side = Side(layer, inputSize);
            if (side < 0) continue;
            var first = FirstAbove(l => Side(layer, l), inputSize, side);
            var second = FirstAbove(l => Side(layer, l), first, Side(layer, first));
            return (int)(second - first);
        }
        return 1;
    }

    /// <summary>The smallest input side above <paramref name="from"/> whose output side exceeds <paramref name="level"/>.</summary>
    static long FirstAbove(Func<long, long> side, long from, long level)
    {
        long lo = from, hi = from + 1;
        while (side(hi) <= level)
        {
            lo = hi;
            hi = from + 2 * (hi - from);
            if (hi - from > 4096) throw new InvalidOperationException("the tap's size does not grow with the input; cannot measure its stride");
        }
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (side(mid) > level) hi = mid;
            else lo = mid;
        }
        return hi;
    }
}
