namespace EssenceOfPose.Inversion;

/// <summary>Whether a render reconstructs an image from its code or maximises units.</summary>
public enum RenderGoal
{
    /// <summary>Feature inversion: the data term is a feature match that the preset may weight (Mahendran &amp; Vedaldi's C).</summary>
    Invert,

    /// <summary>Activation maximisation: the data term is used as given.</summary>
    Maximise,
}

/// <summary>
/// What a preset plans for: the goal, the data term (a feature match or unit objective, before
/// the preset's weight and regularisers), the batch size, the network input side, the cumulative
/// stride of the target tap (for jitter), the device the images live on, and the valid pixel
/// range of the model's input (from its preprocessing; null where unknown).
/// </summary>
public sealed record RenderRequest(RenderGoal Goal, Objective Data, long Batch, int ImageSize, int TapStride, Device Device)
{
    /// <summary>The values a network-space pixel can take (0–255 minus the model's mean); presets that clip to it read it here.</summary>
    public Data.PixelRange? ValidRange { get; init; }
}
