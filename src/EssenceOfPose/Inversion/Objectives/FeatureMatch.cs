using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>The objectives on the network (Lucent's <c>objectives.py</c>), one per file; each returns a loss per image to minimise.</summary>
public static partial class Objectives
{
    /// <summary>
    /// Feature inversion (Mahendran &amp; Vedaldi, "Understanding Deep Image Representations by
    /// Inverting Them", CVPR 2015; IJCV 2016): ‖Φ(x) − Φ₀‖² / ‖Φ₀‖² per image, Φ the blob at
    /// <paramref name="tap"/> and Φ₀ = <paramref name="target"/>[i]. With <paramref name="cosine"/>
    /// &gt; 0 it adds cosine · (1 − cos(Φ(x), Φ₀)), which matches the direction whatever the scale.
    /// An all-zero target (a dead post-ReLU code) is normalised by 1e-12 instead of zero.
    /// </summary>
    public static Objective FeatureMatch(TapName tap, Tensor target, double cosine = 0)
    {
        if (!(cosine >= 0)) throw new ArgumentOutOfRangeException(nameof(cosine), cosine, "the cosine weight must be non-negative");
        var n = target.size(0);
        // Kept outside any step scope: the objective owns its flattened target and its norms.
        Tensor flat, sq, norm;
        using (torch.no_grad())
        {
            flat = target.detach().flatten(1).DetachFromDisposeScope();
            sq = flat.square().sum(1).clamp_min(1e-12).DetachFromDisposeScope();
            norm = sq.sqrt().DetachFromDisposeScope();
        }
        var name = cosine > 0 ? $"feature_match({tap},cos={Objective.FormatNumber(cosine)})" : $"feature_match({tap})";
        return new Objective(name, ctx =>
        {
            var phi = ctx.Tap(tap).flatten(1);
            if (phi.size(0) != n || phi.size(1) != flat.size(1))
                throw new ArgumentException($"{name}: the target has shape [{n}, {flat.size(1)}] flattened but the tap gives [{phi.size(0)}, {phi.size(1)}]");
            var loss = (phi - flat).square().sum(1) / sq;
            if (cosine == 0) return loss;
            var cos = (phi * flat).sum(1) / (phi.norm(1).clamp_min(1e-12) * norm);
            return loss + cosine * (1 - cos);
        });
    }

    /// <summary>‖Φ(x) − Φ₀‖ / ‖Φ₀‖ per image [N] (Mahendran &amp; Vedaldi's reported error), without gradient.</summary>
    public static Tensor NormalisedError(Tensor features, Tensor target)
    {
        using var _ = torch.no_grad();
        var f = features.flatten(1);
        var t = target.flatten(1);
        return (f - t).norm(1) / t.norm(1).clamp_min(1e-12);
    }
}
