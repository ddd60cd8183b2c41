namespace EssenceOfPose.Inversion;

public static partial class Regularisers
{
    /// <summary>
    /// Total variation R_Vβ of Mahendran &amp; Vedaldi (CVPR 2015, IJCV 2016), per image and channel,
    /// with forward differences Δx = x_i,j+1 − x_ij and Δy = x_i+1,j − x_ij (zero past the last
    /// column and row, as their tv.m replicates the border):
    /// isotropic (1/HW) Σ_ijk (Δx² + Δy²)^(β/2), anisotropic (1/HW) Σ_ijk (|Δx|^β + |Δy|^β).
    /// β = 2 is their default, β = 1 the classic TV. For β &lt; 2 the gradient is infinite where a
    /// difference is zero (every flat region), so <paramref name="epsilon"/> is added inside the
    /// power: (Δx² + Δy² + ε)^(β/2), or (Δ² + ε)^(β/2) per direction; their code instead clamps the
    /// factor in the gradient at 1e-6. For β ≥ 2 no ε is used.
    /// </summary>
    public static Objective TotalVariation(double beta = 2, bool isotropic = true, double epsilon = 1e-6)
    {
        if (!(beta > 0)) throw new ArgumentOutOfRangeException(nameof(beta), beta, "β must be positive");
        return new Objective($"tv(β={Objective.FormatNumber(beta)},{(isotropic ? "iso" : "aniso")})", ctx => TotalVariationOf(ctx.Image, beta, isotropic, epsilon));
    }

    internal static Tensor TotalVariationOf(Tensor x, double beta, bool isotropic, double epsilon = 1e-6)
    {
        long h = x.size(2), w = x.size(3);
        // Differences padded with a zero column/row so both are [N,C,H,W].
        var dx = F.pad(x.narrow(3, 1, w - 1) - x.narrow(3, 0, w - 1), [0, 1, 0, 0]);
        var dy = F.pad(x.narrow(2, 1, h - 1) - x.narrow(2, 0, h - 1), [0, 0, 0, 1]);
        var eps = beta < 2 ? epsilon : 0;
        Tensor v;
        if (isotropic)
        {
            var s = dx.square() + dy.square();
            v = (eps > 0 ? s + eps : s).pow(beta / 2);
        }
        else
        {
            var sx = dx.square();
            var sy = dy.square();
            v = (eps > 0 ? sx + eps : sx).pow(beta / 2) + (eps > 0 ? sy + eps : sy).pow(beta / 2);
        }
        return v.sum([1L, 2L, 3L]) / (h * w);
    }
}
