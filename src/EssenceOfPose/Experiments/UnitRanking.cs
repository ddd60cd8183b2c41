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

    /// <summary>The <paramref name="count"/> units with the highest mean activation, highest first (ties by index).</summary>
    public static IReadOnlyList<int> MostActive(SiameseNet model, Tensor images, TapName tap, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var mean = MeanActivation(model, images, tap);
        if (count > mean.Length) throw new ArgumentOutOfRangeException(nameof(count), count, $"{tap} has {mean.Length} units");
        return Enumerable.Range(0, mean.Length).OrderByDescending(i => mean[i]).ThenBy(i => i).Take(count).ToArray();
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
