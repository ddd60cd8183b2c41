using System.Diagnostics;
using EssenceOfPose.Data;
using EssenceOfPose.Display;
using EssenceOfPose.Generators;
using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Experiments;

/// <summary>
/// A way of turning the code of an image at one tap back into an image, compared with the others
/// on the same held-out images: a trained generator (one forward pass), an optimisation
/// inversion, or the baseline that answers with a view of another target.
/// </summary>
public sealed record ComparedMethod(string Name, string Tap, ComparedMethod.Reconstructor Reconstruct)
{
    /// <summary>Seconds per image of reconstructions made before the comparison (<see cref="Precomputed"/>); null: timed as they are made.</summary>
    public double? KnownSecondsPerImage { get; init; }

    /// <summary>Reconstructions [N,3,101,101] in the network's input space of <c>originals</c> from their codes at <c>tap</c>.</summary>
    public delegate Tensor Reconstructor(PoseModel model, ImageBatch originals, ImageBatch others, TapName tap);

    /// <summary>A generator (UGN or GAN) at the tap it was trained on; <paramref name="path"/> names it in errors.</summary>
    public static ComparedMethod Generator(string name, UpConvGenerator generator, UgnInfo info, string path) =>
        new(name, info.Tap, (model, originals, _, tap) =>
        {
            UgnReconstruction.Check(model, generator, info, path);
            using var off = torch.no_grad();
            model.Net.eval();
            generator.eval();
            return generator.call(model.Net.Tap(originals.Pixels, tap));
        });

    /// <summary>Inversion by optimisation with <paramref name="preset"/> (Mahendran &amp; Vedaldi's, as the figures use it).</summary>
    public static ComparedMethod Optimisation(string name, string tap, InversionPreset preset) =>
        new(name, tap, (model, originals, _, at) => Inverter.Invert(model, originals, at, preset).Images);

    /// <summary>
    /// Reconstructions already made of the comparison's images, in the same order (the main job's
    /// optimisation inversions, which it does not run twice), with the seconds per image they took.
    /// </summary>
    public static ComparedMethod Precomputed(string name, string tap, Tensor images, double secondsPerImage) =>
        new(name, tap, (_, _, _, _) => images.clone()) { KnownSecondsPerImage = secondsPerImage };

    /// <summary>The baseline: a view of another target in each image's place.</summary>
    public static ComparedMethod OtherImage(string tap) => new("other image", tap, (_, _, others, _) => others.Pixels.clone());
}

/// <summary>
/// One method at one tap on the comparison's images: its reconstructions and their scores, how far
/// their image statistics lie from the originals' (<see cref="ImageStatisticsDistance"/>), and seconds per image.
/// </summary>
public sealed record ComparedRow(string Method, string Tap, ImageBatch Images, IReadOnlyList<double> FeatureErrors, ReconstructionScores Scores,
    ImageStatisticsDistance Statistics, double SecondsPerImage)
{
    public double MeanPsnr => Scores.Psnr.Average();

    public double MeanSsim => Scores.Ssim.Average();

    public double MeanSharpness => Scores.Sharpness.Average();

    public double MeanFeatureError => FeatureErrors.Average();
}

/// <summary>
/// The discriminator-free comparison of a method's images with the originals, as sets: the
/// 1-Wasserstein distance between their distributions of per-pixel gradient magnitude
/// (<see cref="Gradient"/>; blur and noise both move it) and of pixel values (<see cref="Colour"/>),
/// in 0–255 units; 0 is indistinguishable by these statistics.
/// </summary>
public sealed record ImageStatisticsDistance(double Gradient, double Colour);

/// <summary>
/// Every reconstruction method at every tap on the same held-out images (the table of issues #12
/// and #13): PSNR, SSIM, sharpness, the re-encoded feature error ‖Φ(x̂) − Φ₀‖/‖Φ₀‖, the pose
/// agreement of (x̂, B) with (A, B), and seconds per image, with the images side by side.
/// </summary>
public sealed record MethodComparisonResult(ImageBatch Originals, ImageBatch Partners, IReadOnlyList<ComparedRow> Rows)
{
    public ComparedRow this[string method, string tap] =>
        Rows.SingleOrDefault(r => r.Method == method && r.Tap == tap)
        ?? throw new KeyNotFoundException($"no row for {method} at {tap}; the rows are {string.Join(", ", Rows.Select(r => $"{r.Method} at {r.Tap}"))}");

    /// <summary>One row per method and tap, in the order compared; means over the images, the pose figures as medians.</summary>
    public MetricTable Table()
    {
        var table = new MetricTable("method", "tap", "PSNR (dB)", "SSIM", "sharpness", "gradient W₁", "colour W₁", "feature error", "rotation diff. median (°)", "|Δ p(match)| median", "seconds per image")
        {
            Title = $"Reconstruction methods on the same {Originals.Count} held-out images (sharpness: mean gradient magnitude over the original's; W₁: distance of the gradient-magnitude and pixel-value distributions from the originals'; pose: (x̂, B) against (A, B))",
        };
        foreach (var r in Rows)
            table.AddRow(r.Method, r.Tap, r.MeanPsnr, r.MeanSsim, r.MeanSharpness, r.Statistics.Gradient, r.Statistics.Colour, r.MeanFeatureError,
                r.Scores.Agreement?.MedianRotationDegrees, r.Scores.Agreement?.MedianAbsMatchChange, r.SecondsPerImage);
        return table.WithFormat("PSNR (dB)", "F2").WithFormat("SSIM", "F3").WithFormat("sharpness", "F2").WithFormat("gradient W₁", "F2").WithFormat("colour W₁", "F2").WithFormat("feature error", "F3")
            .WithFormat("rotation diff. median (°)", "F2").WithFormat("|Δ p(match)| median", "F3").WithFormat("seconds per image", "G3");
    }

    /// <summary>
    /// The first <paramref name="count"/> images: original, then every row except the baseline (or
    /// the rows <paramref name="columns"/> names, as "METHOD TAP", in its order), each captioned with its feature error.
    /// </summary>
    public ImageGrid Grid(int count = 8, int scale = 2, IReadOnlyList<string>? columns = null)
    {
        var n = Math.Min(count, Originals.Count);
        var shown = columns is null
            ? Rows.Where(r => r.Method != "other image").ToArray()
            : columns.Select(c => Rows.FirstOrDefault(r => $"{r.Method} {r.Tap}" == c)
                ?? throw new KeyNotFoundException($"no row '{c}'; the rows are {string.Join(", ", Rows.Select(r => $"{r.Method} {r.Tap}"))}")).ToArray();
        var grid = new List<GridColumn> { new("original", Originals.Pictures().Take(n).ToArray()) };
        foreach (var r in shown)
            grid.Add(new GridColumn($"{r.Method} {r.Tap}", r.Images.Pictures().Take(n).ToArray(),
                r.FeatureErrors.Take(n).Select(e => FormattableString.Invariant($"error {e:F2}")).ToArray()));
        return ComparisonGrid.Of(grid, title: $"Original | {string.Join(" | ", grid.Skip(1).Select(c => c.Header))}", scale: scale);
    }
}

/// <summary>Runs every <see cref="ComparedMethod"/> on the same held-out images and scores them alike.</summary>
public static class MethodComparison
{
    /// <summary>
    /// <paramref name="originals"/> (A), a matching view of each (<paramref name="partners"/>, B)
    /// and a view of another target for each (<paramref name="others"/>, the baseline's images).
    /// The tensors belong to the dispose scope current at the call.
    /// </summary>
    public static MethodComparisonResult Run(PoseModel model, ImageBatch originals, ImageBatch partners, ImageBatch others,
        IReadOnlyList<ComparedMethod> methods, IProgress<string>? progress = null)
    {
        if (methods.Count == 0) throw new ArgumentException("no method to compare", nameof(methods));
        if (partners.Count != originals.Count || others.Count != originals.Count)
            throw new ArgumentException($"{originals.Count} images, {partners.Count} partners and {others.Count} other images: give one of each per image, in the same order");
        var on = originals with { Pixels = originals.Pixels.to(model.Device) };
        var b = partners.Pixels.to(model.Device);
        var elsewhere = others with { Pixels = others.Pixels.to(model.Device) };
        var rows = new List<ComparedRow>();
        foreach (var m in methods)
        {
            var tap = model.Tap(m.Tap);
            progress?.Report($"{m.Name} at {tap}");
            var clock = Stopwatch.StartNew();
            var images = m.Reconstruct(model, on, elsewhere, tap).to(model.Device);
            var seconds = m.KnownSecondsPerImage ?? clock.Elapsed.TotalSeconds / on.Count;
            if (!images.shape.SequenceEqual(on.Pixels.shape))
                throw new InvalidOperationException($"{m.Name} at {tap} returned [{string.Join(", ", images.shape)}]; expected the originals' [{string.Join(", ", on.Pixels.shape)}]");
            double[] errors;
            using (torch.no_grad())
                errors = Objectives.NormalisedError(model.Net.Tap(images, tap), model.Net.Tap(on.Pixels, tap)).to(ScalarType.Float64).cpu().ToArray<double>();
            ImageStatisticsDistance statistics;
            using (torch.NewDisposeScope())
            {
                var (gradient, colour) = Metrics.ImageQuality.StatisticsDistance(model.Preprocess.ToRgb(on.Pixels), model.Preprocess.ToRgb(images));
                statistics = new ImageStatisticsDistance(gradient, colour);
            }
            rows.Add(new ComparedRow(m.Name, tap.ToString(), on.With(images), errors, ReconstructionScores.Measure(model, on, images, b), statistics, seconds));
        }
        return new MethodComparisonResult(on, partners, rows);
    }
}
