namespace EssenceOfPose.Inversion;

public static partial class Regularisers
{
    /// <summary>
    /// The L2 prior (Simonyan et al., 2014, "Deep Inside Convolutional Networks"; the α = 2 case of
    /// the α-norm): (1/HW) Σ_ijk x_ijk² per image.
    /// </summary>
    public static Objective L2() => new("l2", ctx => L2Of(ctx.Image));

    internal static Tensor L2Of(Tensor x) => x.square().sum([1L, 2L, 3L]) / (x.size(2) * x.size(3));
}
