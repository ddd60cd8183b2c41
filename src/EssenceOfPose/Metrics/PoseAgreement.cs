using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Models;

namespace EssenceOfPose.Metrics;

/// <summary>
/// How the network's reading of one pair changes when its first image is replaced by a
/// reconstruction: the angle in degrees between the relative rotations predicted for (A, B) and
/// (Â, B), the distance between the predicted translations (metres when the outputs were
/// denormalised with label statistics, network units otherwise; NaN for 2-DOF labels), and the
/// softmax probability of "match" for each.
/// </summary>
public readonly record struct PairAgreement(double RotationDegrees, double Translation, double MatchProbability, double ReconstructionMatchProbability)
{
    /// <summary>p(match | Â, B) − p(match | A, B).</summary>
    public double MatchChange => ReconstructionMatchProbability - MatchProbability;
}

/// <summary>
/// The suite's own test of whether a reconstruction keeps the pose: not how the pixels compare
/// (<see cref="ImageQuality"/>) but whether the siamese network still reads the same relative
/// pose and the same matching score when the reconstruction Â stands in for A in the pair (A, B).
/// Pose outputs become rotations through <see cref="PoseLabelRotation"/>, after undoing the
/// z-score normalisation with the model's <see cref="LabelStats"/> when it has them; rotations
/// are compared with <see cref="PoseErrors.RotationAngleDegrees"/>.
/// </summary>
public sealed record PoseAgreement(PoseLabelKind Kind, IReadOnlyList<PairAgreement> Pairs)
{
    public double MeanRotationDegrees => Mean(Pairs.Select(p => p.RotationDegrees));
    public double MedianRotationDegrees => PoseErrors.Median(Pairs.Select(p => p.RotationDegrees));
    public double MeanTranslation => Mean(Pairs.Select(p => p.Translation));
    public double MedianTranslation => PoseErrors.Median(Pairs.Select(p => p.Translation));
    /// <summary>Mean of |p(match | Â, B) − p(match | A, B)|.</summary>
    public double MeanAbsMatchChange => Mean(Pairs.Select(p => Math.Abs(p.MatchChange)));
    public double MedianAbsMatchChange => PoseErrors.Median(Pairs.Select(p => Math.Abs(p.MatchChange)));

    /// <summary>
    /// Runs <paramref name="model"/> on (A, B) and (Â, B) — batches [N,3,H,W] in the model's input
    /// space — without gradients, and compares the two readings of each pair.
    /// </summary>
    public static PoseAgreement Measure(SiameseNet model, Tensor first, Tensor second, Tensor reconstruction, PoseLabelKind kind, LabelStats? stats = null)
    {
        if (!first.shape.SequenceEqual(reconstruction.shape))
            throw new ArgumentException($"the reconstruction [{string.Join(", ", reconstruction.shape)}] must have the shape of the images it replaces [{string.Join(", ", first.shape)}]");
        if (model.PoseOutputs != PoseLabels.Size(kind))
            throw new ArgumentException($"the model has {model.PoseOutputs} pose outputs but a {kind} label has {PoseLabels.Size(kind)}");
        using var scope = torch.NewDisposeScope();
        using var off = torch.no_grad();
        // Two separate passes of the same shape, so that Â = A gives bit-identical outputs.
        var (pose, logits) = model.forward(first, second);
        var (poseHat, logitsHat) = model.forward(reconstruction, second);
        return FromOutputs(pose, logits, poseHat, logitsHat, kind, stats);
    }

    /// <summary>Compares network outputs directly: pose [N,P] and match logits [N,2] for (A, B) and for (Â, B).</summary>
    public static PoseAgreement FromOutputs(Tensor pose, Tensor logits, Tensor reconstructedPose, Tensor reconstructedLogits, PoseLabelKind kind, LabelStats? stats = null)
    {
        if (stats is not null && stats.Kind != kind) throw new ArgumentException($"label statistics are for {stats.Kind} labels, not {kind}");
        var p = Rows(pose);
        var q = Rows(reconstructedPose);
        var m = MatchProbabilities(logits);
        var mHat = MatchProbabilities(reconstructedLogits);
        if (q.Length != p.Length || m.Length != p.Length || mHat.Length != p.Length)
            throw new ArgumentException($"outputs disagree on the number of pairs: {p.Length}, {q.Length}, {m.Length}, {mHat.Length}");
        var pairs = new PairAgreement[p.Length];
        for (var i = 0; i < p.Length; i++)
        {
            var a = stats?.Denormalize(p[i]) ?? p[i];
            var b = stats?.Denormalize(q[i]) ?? q[i];
            var ra = PoseLabelRotation.Rotation(a, kind);
            var rb = PoseLabelRotation.Rotation(b, kind);
            var ta = PoseLabelRotation.Translation(a, kind);
            var tb = PoseLabelRotation.Translation(b, kind);
            pairs[i] = new PairAgreement(
                PoseErrors.RotationAngleDegrees([ra.W, ra.X, ra.Y, ra.Z], [rb.W, rb.X, rb.Y, rb.Z]),
                ta is null || tb is null ? double.NaN : PoseErrors.TranslationError(ta, tb),
                m[i], mHat[i]);
        }
        return new PoseAgreement(kind, pairs);
    }

    static double[][] Rows(Tensor t)
    {
        if (t.dim() != 2) throw new ArgumentException($"pose outputs are [N,P]; got [{string.Join(", ", t.shape)}]");
        var (n, k) = (t.size(0), t.size(1));
        using var scope = torch.NewDisposeScope();
        var flat = t.detach().to(ScalarType.Float64).contiguous().ToArray<double>();
        return Enumerable.Range(0, (int)n).Select(i => flat.AsSpan((int)(i * k), (int)k).ToArray()).ToArray();
    }

    /// <summary>softmax(logits)[:, 1], the probability of "match" as ptch_fc's softmax loss trained it.</summary>
    static double[] MatchProbabilities(Tensor logits)
    {
        if (logits.dim() != 2 || logits.size(1) != 2) throw new ArgumentException($"match logits are [N,2]; got [{string.Join(", ", logits.shape)}]");
        using var scope = torch.NewDisposeScope();
        return F.softmax(logits.detach().to(ScalarType.Float64), 1).select(1, 1).contiguous().ToArray<double>();
    }

    static double Mean(IEnumerable<double> values)
    {
        var v = values.Where(x => !double.IsNaN(x)).ToArray();
        return v.Length == 0 ? double.NaN : v.Average();
    }
}
