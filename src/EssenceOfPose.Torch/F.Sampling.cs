namespace EssenceOfPose.Torch;

// Resizing and sampling at given coordinates (native/src/nn_sample.cpp).
public static partial class F
{
    /// <summary>
    /// Resizes the spatial dimensions of an (N, C, H, W) input to size, or by scale_factor (one
    /// value or (h, w)). mode is "nearest", "nearest-exact", "bilinear", "bicubic" or "area".
    /// align_corners (bilinear and bicubic only; false when unset) maps corner pixel centres onto
    /// each other. With a scale_factor the output is floor(in · scale) and, unless
    /// recompute_scale_factor, the scale itself drives the sampling coordinates. antialias
    /// (bilinear and bicubic only) widens the kernel when downsampling, as PIL does.
    /// </summary>
    public static Tensor interpolate(Tensor input, long[]? size = null, double[]? scale_factor = null, string mode = "nearest",
        bool? align_corners = null, bool? recompute_scale_factor = null, bool antialias = false)
    {
        var code = mode switch
        {
            "nearest" => 0,
            "nearest-exact" => 1,
            "bilinear" => 2,
            "bicubic" => 3,
            "area" => 4,
            "linear" or "trilinear" => throw new ArgumentException($"mode '{mode}' needs a 3D or 5D input; this binding resizes 4D (N, C, H, W) inputs",
                nameof(mode)),
            _ => throw new ArgumentException($"mode '{mode}': expected nearest, nearest-exact, bilinear, bicubic or area", nameof(mode)),
        };
        var interpolating = code is 2 or 3;
        if (align_corners is not null && !interpolating)
            throw new ArgumentException("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear",
                nameof(align_corners));
        if (antialias && !interpolating)
            throw new ArgumentException("Anti-alias option is only supported for bilinear and bicubic modes", nameof(antialias));
        if ((size is null) == (scale_factor is null))
            throw new ArgumentException("give exactly one of size and scale_factor");

        long[]? outSize = size is null ? null : Pair(size, 0, nameof(size));
        double[]? scales = scale_factor is null ? null : Pair(scale_factor, nameof(scale_factor));
        if (recompute_scale_factor == true)
        {
            if (scales is null)
                throw new ArgumentException("recompute_scale_factor is not meaningful with an explicit size", nameof(recompute_scale_factor));
            var s = input.shape;
            if (s.Length != 4) throw new ArgumentException($"interpolate: expected a 4D (N, C, H, W) input, got {s.Length}D", nameof(input));
            outSize = [(long)Math.Floor(s[2] * scales[0]), (long)Math.Floor(s[3] * scales[1])];
            scales = null;
        }
        return Tensor.Wrap(Native.eop_nn_interpolate(input.Handle, code, outSize, scales, align_corners == true ? 1 : 0, antialias ? 1 : 0));
    }

    /// <summary>
    /// Samples input (N, C, H_in, W_in) at grid (N, H_out, W_out, 2), whose last dimension holds
    /// (x, y) in [−1, 1] (−1 the left/top, 1 the right/bottom; pixel centres of the edge pixels with
    /// align_corners, the outer pixel edges without). mode is "bilinear", "nearest" or "bicubic";
    /// padding_mode "zeros", "border" or "reflection" decides the values outside.
    /// </summary>
    public static Tensor grid_sample(Tensor input, Tensor grid, string mode = "bilinear", string padding_mode = "zeros",
        bool align_corners = false)
    {
        var m = mode switch
        {
            "bilinear" => 0,
            "nearest" => 1,
            "bicubic" => 2,
            _ => throw new ArgumentException($"nn.functional.grid_sample(): expected mode to be 'bilinear', 'nearest' or 'bicubic', but got: '{mode}'", nameof(mode)),
        };
        var p = padding_mode switch
        {
            "zeros" => 0,
            "border" => 1,
            "reflection" => 2,
            _ => throw new ArgumentException($"nn.functional.grid_sample(): expected padding_mode to be 'zeros', 'border', or 'reflection', but got: '{padding_mode}'",
                nameof(padding_mode)),
        };
        return Tensor.Wrap(Native.eop_nn_grid_sample(input.Handle, grid.Handle, m, p, align_corners ? 1 : 0));
    }

    /// <summary>
    /// The sampling grid of the affine maps theta, (N, 2, 3) for a 4D size (N, C, H, W) or (N, 3, 4)
    /// for a 5D size (N, C, D, H, W), in grid_sample's normalised coordinates.
    /// </summary>
    public static Tensor affine_grid(Tensor theta, long[] size, bool align_corners = false)
    {
        if (!theta.dtype.IsFloatingPoint())
            throw new ArgumentException($"Expected theta to have floating point type, but got {theta.dtype}", nameof(theta));
        var t = theta.shape;
        var (rows, cols) = size.Length switch
        {
            4 => (2, 3),
            5 => (3, 4),
            _ => throw new ArgumentException($"affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, respectively. Got size [{string.Join(", ", size)}].",
                nameof(size)),
        };
        if (t.Length != 3 || t[1] != rows || t[2] != cols)
            throw new ArgumentException($"Expected a batch of {rows}D affine matrices of shape Nx{rows}x{cols} for size [{string.Join(", ", size)}]. Got [{string.Join(", ", t)}].",
                nameof(theta));
        if (size.Min() <= 0) throw new ArgumentException($"Expected non-zero, positive output size. Got [{string.Join(", ", size)}]", nameof(size));
        if (size[0] != t[0]) throw new ArgumentException($"size[0] ({size[0]}) must equal the number of matrices in theta ({t[0]})", nameof(size));
        return Tensor.Wrap(Native.eop_nn_affine_grid(theta.Handle, size, size.Length, align_corners ? 1 : 0));
    }
}
