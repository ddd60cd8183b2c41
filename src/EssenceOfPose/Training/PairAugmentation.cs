using EssenceOfPose.Data.Pairs;

namespace EssenceOfPose.Training;

/// <summary>
/// Augmentations that keep a pair's labels true (<see cref="PoseNetTrainingOptions.Augment"/>):
/// half the pairs are mirrored left-right, both images at once, with their pose label mirrored
/// (<see cref="PoseLabels.MirrorSigns"/>), and every image gets its own brightness (×0.75–1.25),
/// contrast (×0.75–1.25 about its mean) and colour balance (×0.9–1.1 per channel), as a camera's
/// exposure and white balance would change it; matching does not depend on either. Drawn from a
/// seed per step, so a resumed run replays them.
/// </summary>
public static class PairAugmentation
{
    /// <summary>
    /// Augments one batch: <paramref name="a"/> and <paramref name="b"/> are mean-subtracted
    /// [B,3,S,S] images, <paramref name="pose"/> the z-scored labels [B,P] of <paramref name="stats"/>.
    /// Returns new tensors (in the caller's dispose scope).
    /// </summary>
    public static (Tensor A, Tensor B, Tensor Pose) Apply(Tensor a, Tensor b, Tensor pose, Tensor mean, LabelStats stats, int seed)
    {
        var n = (int)a.size(0);
        var rng = new Random(seed);
        var mirror = new bool[n];
        for (var i = 0; i < n; i++) mirror[i] = rng.NextDouble() < 0.5;
        var (aJitter, bJitter) = (Photometric(rng, n), Photometric(rng, n));
        var mirrored = torch.tensor(mirror, device: a.device);
        var flip = mirrored.view(n, 1, 1, 1);
        a = Jitter(torch.where(flip, a.flip(3), a), mean, aJitter);
        b = Jitter(torch.where(flip, b.flip(3), b), mean, bJitter);
        return (a, b, MirrorLabels(pose, mirrored.view(n, 1).to(pose.device), stats));
    }

    /// <summary>
    /// z-scored labels of the mirrored pairs: a negated component v → −v is z → −z − 2·mean/std
    /// in z-scores.
    /// </summary>
    public static Tensor MirrorLabels(Tensor pose, Tensor mirrored, LabelStats stats)
    {
        var signs = PoseLabels.MirrorSigns(stats.Kind);
        var scale = signs.Select(s => (float)s).ToArray();
        // LabelStats scales a constant component (Δroll is always 0 here) by 1, not by its zero std.
        var shift = signs.Select((s, k) => s < 0 ? (float)(-2 * stats.Mean[k] / (stats.Std[k] > 0 ? stats.Std[k] : 1.0)) : 0f).ToArray();
        var p = signs.Count;
        var flipped = pose * torch.tensor(scale, [1, p], device: pose.device) + torch.tensor(shift, [1, p], device: pose.device);
        return torch.where(mirrored, flipped, pose);
    }

    sealed record PhotometricDraw(float[] Brightness, float[] Contrast, float[] Channel);

    static PhotometricDraw Photometric(Random rng, int n)
    {
        var brightness = new float[n];
        var contrast = new float[n];
        var channel = new float[n * 3];
        for (var i = 0; i < n; i++)
        {
            brightness[i] = (float)(0.75 + 0.5 * rng.NextDouble());
            contrast[i] = (float)(0.75 + 0.5 * rng.NextDouble());
            for (var c = 0; c < 3; c++) channel[i * 3 + c] = (float)(0.9 + 0.2 * rng.NextDouble());
        }
        return new PhotometricDraw(brightness, contrast, channel);
    }

    /// <summary>Each image of a mean-subtracted batch with its own brightness, contrast and colour balance drawn from <paramref name="rng"/>, as <see cref="Apply"/> jitters them.</summary>
    public static Tensor Jitter(Tensor x, Tensor mean, Random rng) => Jitter(x, mean, Photometric(rng, (int)x.size(0)));

    static Tensor Jitter(Tensor x, Tensor mean, PhotometricDraw d)
    {
        var n = x.size(0);
        var device = x.device;
        var pixels = x + mean; // back to 0–255
        var centre = pixels.mean([1, 2, 3], keepdim: true);
        var contrast = torch.tensor(d.Contrast, [n, 1, 1, 1], device: device);
        var gain = torch.tensor(d.Brightness, [n, 1, 1, 1], device: device) * torch.tensor(d.Channel, [n, 3, 1, 1], device: device);
        return (((pixels - centre) * contrast + centre) * gain).clamp(0, 255) - mean;
    }
}
