namespace EssenceOfPose.Inversion;

/// <summary>Differentiable image priors, as objectives on the optimised image (before transforms).</summary>
public static partial class Regularisers
{
    /// <summary>
    /// The α-norm prior of Mahendran &amp; Vedaldi (CVPR 2015, IJCV 2016):
    /// R_α(x) = (1/HW) Σ_ij (Σ_k x_ijk²)^(α/2) per image, α = 6 in their experiments; it keeps
    /// the image's pixel norms in a natural range. For α &lt; 2 the gradient is infinite at a black
    /// pixel, so <paramref name="epsilon"/> is added inside: (Σ_k x² + ε)^(α/2).
    /// </summary>
    public static Objective AlphaNorm(double alpha = 6, double epsilon = 1e-6)
    {
        if (!(alpha > 0)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be positive");
        return new Objective($"alpha_norm(α={Objective.FormatNumber(alpha)})", ctx => AlphaNormOf(ctx.Image, alpha, epsilon));
    }

    internal static Tensor AlphaNormOf(Tensor x, double alpha, double epsilon = 1e-6)
    {
        var s = x.square().sum(1);
        if (alpha < 2) s = s + epsilon;
        return s.pow(alpha / 2).mean([1L, 2L]);
    }
}
