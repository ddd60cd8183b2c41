using EssenceOfPose.Data;

namespace EssenceOfPose.Attribution;

/// <summary>
/// Attribution maps for the eye: each map normalised by its own maximum to [0, 1] and drawn in
/// the "hot" ramp (black → red → yellow → white), alone or laid over the image in grey, so the
/// colour of the photograph does not compete with the colour of the map. Results are RGB
/// tensors [N,3,H,W], float32, 0–255, ready for an image writer.
/// </summary>
internal static class HeatOverlay
{
    /// <summary>
    /// The map laid over the image: out = (1 − a)·grey + a·heat with a = <paramref name="opacity"/>·m,
    /// so pixels the score ignores show the photograph and salient ones the heat colour.
    /// Grey is the Rec. 601 luma of the image brought back to 0–255 by its batch's preprocessing.
    /// </summary>
    public static Tensor Render(ImageBatch batch, Tensor maps, double opacity = 0.7)
    {
        var images = batch.Pixels;
        if (images.dim() != 4 || images.size(1) != 3) throw new ArgumentException($"images must be [N,3,H,W]; got [{string.Join(", ", images.shape)}]");
        if (opacity is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(opacity), opacity, "opacity is in [0, 1]");
        CheckMaps(maps, images.size(0), images.size(2), images.size(3));
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        var rgb = batch.Preprocess.ToRgb(images.detach().to(ScalarType.Float32));
        var luma = torch.tensor([0.299f, 0.587f, 0.114f], [1, 3, 1, 1]);
        var grey = (rgb * luma).sum(1, keepdim: true).clamp(0, 255);
        var m = Normalised(maps).unsqueeze(1);
        var a = m * opacity;
        var blended = (1.0 - a) * grey + a * Ramp(m) * 255.0;
        return scope.MoveToOuter(blended);
    }

    /// <summary>The maps alone in the heat ramp, [N,3,H,W] in 0–255 (how Simonyan et al. show them, in colour).</summary>
    public static Tensor Heat(Tensor maps)
    {
        if (maps.dim() != 3) throw new ArgumentException($"maps must be [N,H,W]; got [{string.Join(", ", maps.shape)}]");
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        return scope.MoveToOuter(Ramp(Normalised(maps).unsqueeze(1)) * 255.0);
    }

    /// <summary>Each map divided by its maximum; an all-zero map stays zero.</summary>
    internal static Tensor Normalised(Tensor maps)
    {
        var m = maps.detach().to(ScalarType.Float32).clamp_min(0);
        var peak = m.amax([1, 2], keepdim: true);
        return m / peak.clamp_min(1e-30);
    }

    /// <summary>The "hot" ramp of m in [0, 1]: red rises over the first third, green the second, blue the last.</summary>
    static Tensor Ramp(Tensor m) => torch.cat([(m * 3).clamp(0, 1), (m * 3 - 1).clamp(0, 1), (m * 3 - 2).clamp(0, 1)], 1);

    static void CheckMaps(Tensor maps, long n, long h, long w)
    {
        var s = maps.shape;
        if (s.Length != 3 || s[0] != n || s[1] != h || s[2] != w)
            throw new ArgumentException($"maps must be [{n}, {h}, {w}] to match the images; got [{string.Join(", ", s)}]");
    }
}
