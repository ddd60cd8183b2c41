namespace EssenceOfPose.Inversion;

/// <summary>Resampling of a batch by one 2×3 affine map per image (affine_grid + grid_sample).</summary>
internal static class RandomAffine
{
    /// <summary>
    /// theta[i] maps output coordinates to input coordinates in [−1, 1]; bilinear sampling with
    /// reflection at the border (so no black corners enter the image), align_corners false.
    /// </summary>
    internal static Tensor Warp(Tensor images, double[] theta)
    {
        var n = images.size(0);
        var t = torch.tensor(theta, [n, 2, 3]).to(images.dtype, images.device);
        var grid = F.affine_grid(t, images.shape, align_corners: false);
        return F.grid_sample(images, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Reflection, align_corners: false);
    }

    /// <summary>n values uniform in [lo, hi] from the generator.</summary>
    internal static double[] Uniform(long n, double lo, double hi, Generator generator) =>
        torch.rand([n], generator: generator, dtype: ScalarType.Float64).ToArray<double>().Select(u => lo + (hi - lo) * u).ToArray();
}
