using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// Which units of a tap the data drives, and which images drive each unit most: a trained
/// network has units that never fire on street views, whose visualisations show nothing, so
/// units worth drawing are chosen by their mean activation over real images; and the images a
/// unit responds to most are the check on what its visualisation claims (Zeiler &amp; Fergus's
/// top-activating patches; Yosinski et al., 2015, show both side by side).
/// </summary>
public static class UnitRanking
{
    /// <summary>
    /// The mean activation of each unit of <paramref name="tap"/> over <paramref name="images"/>
    /// [N,3,S,S]: per output of a fully connected tap, per channel (over every position) of a
    /// convolutional one.
    /// </summary>
    public static double[] MeanActivation(SiameseNet model, Tensor images, TapName tap)
    {
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var a = model.Tap(images, tap);
        var perUnit = a.dim() == 4 ? a.mean([0, 2, 3]) : a.mean([0]);
        return perUnit.to(ScalarType.Float64).ToArray<double>();
    }

    /// <summary>
    /// The <paramref name="count"/> units of <paramref name="tap"/> with the largest mean
    /// activation over <paramref name="images"/>, highest first (ties by index): in a trained ReLU
    /// net many units never fire, and their images would show only the prior. A convolutional
    /// channel is scored at the position where its mean activation peaks (PoseNet's conv4 is so
    /// sparse that at the blob's centre most channels are silent), and that position is the unit;
    /// <paramref name="renderAt"/> (e.g. "fc5:pre") names the tap the units are then rendered at.
    /// </summary>
    public static IReadOnlyList<NeuronUnit> MostActive(SiameseNet model, Tensor images, TapName tap, int count, TapName? renderAt = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        float[] mean;
        long[] shape;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
        {
            var a = model.Tap(images, tap);
            shape = a.shape;
            mean = a.mean([0L]).to(ScalarType.Float32).contiguous().ToArray<float>();
        }
        var channels = (int)shape[1];
        if (count > channels) throw new ArgumentOutOfRangeException(nameof(count), count, $"{tap} has {channels} units");
        var area = shape.Length == 4 ? (int)(shape[2] * shape[3]) : 1;
        // The best position of each channel (the first on ties: for a silent channel, the top-left).
        var best = Enumerable.Range(0, channels).Select(c => Enumerable.Range(0, area).MaxBy(k => (mean[c * area + k], -k))).ToArray();
        var chosen = Enumerable.Range(0, channels).OrderByDescending(c => mean[c * area + best[c]]).ThenBy(c => c).Take(count).ToArray();
        var at = renderAt ?? tap;
        if (shape.Length != 4) return chosen.Select(c => NeuronUnit.Fc(at, c)).ToArray();
        var width = (int)shape[3];
        return chosen.Select(c => NeuronUnit.Conv(at, c, best[c] / width, best[c] % width)).ToArray();
    }

    /// <summary>The activation of <paramref name="unit"/> on each image (at its position, for a convolutional unit).</summary>
    public static double[] Activations(SiameseNet model, Tensor images, NeuronUnit unit)
    {
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var a = model.Tap(images, unit.Tap);
        var index = unit.FlatIndex(a.shape);
        return a.flatten(1).select(1, index).to(ScalarType.Float64).ToArray<double>();
    }

    /// <summary>Indices of the <paramref name="count"/> images that drive <paramref name="unit"/> most, highest first.</summary>
    public static IReadOnlyList<int> TopImages(SiameseNet model, Tensor images, NeuronUnit unit, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var a = Activations(model, images, unit);
        return Enumerable.Range(0, a.Length).OrderByDescending(i => a[i]).ThenBy(i => i).Take(count).ToArray();
    }
}
