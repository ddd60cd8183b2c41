namespace EssenceOfPose.Inversion;

/// <summary>Zeroes the pixels whose score falls below a percentile of the scores of their image.</summary>
internal static class PixelPercentile
{
    /// <summary>
    /// <paramref name="score"/> is [N,H,W]; per image the threshold is numpy's
    /// <c>percentile(score, p)</c> (linear interpolation, as libtorch's quantile), and a pixel is
    /// zeroed, in every channel, when its score is strictly below it — Yosinski et al.'s rule. With
    /// distinct scores that zeroes ⌈p/100 · (HW − 1)⌉ pixels per image.
    /// </summary>
    internal static Tensor ZeroBelow(Tensor image, Tensor score, double percentile)
    {
        if (!(percentile >= 0 && percentile <= 100)) throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "a percentile is in [0, 100]");
        if (percentile == 0) return image;
        var flat = score.flatten(1);
        var threshold = flat.quantile(torch.tensor(percentile / 100, flat.dtype), 1, keepdim: true);
        var small = flat.lt(threshold).view(score.size(0), 1, score.size(1), score.size(2));
        return image.masked_fill(small, 0);
    }
}
