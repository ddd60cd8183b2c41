namespace EssenceOfPose.Inversion;

/// <summary>
/// One reconstructed image: the final image [3,H,W] in Caffe space, its snapshots ([3,H,W] each),
/// its loss per term and step (and "total"), the normalised feature error ‖Φ(x) − Φ₀‖/‖Φ₀‖ at
/// the target tap of the start and the final image (untransformed, at the input size), and the
/// wall time of the batch it was solved in.
/// </summary>
public sealed record InvertedImage(int Index, Tensor Image, IReadOnlyList<Snapshot> Snapshots, IReadOnlyDictionary<string, double[]> LossHistory,
    double FeatureError, double StartFeatureError, TimeSpan Elapsed);

/// <summary>
/// What <see cref="Inverter.Invert"/> returns: the batch [N,3,H,W], one <see cref="InvertedImage"/>
/// per image, the resolved options and the raw render result. Tensors belong to the dispose scope
/// current at the call.
/// </summary>
public sealed record InversionResult(Tensor Images, IReadOnlyList<InvertedImage> PerImage, InversionOptions Options, RenderResult Render)
{
    /// <summary>Mahendran &amp; Vedaldi's reported error: the normalised feature error averaged over the images.</summary>
    public double MeanFeatureError => PerImage.Average(p => p.FeatureError);

    public TimeSpan Elapsed => Render.Elapsed;

    public double SecondsPerStep => Render.SecondsPerStep;
}
