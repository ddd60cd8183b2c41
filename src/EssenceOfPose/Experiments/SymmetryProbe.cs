using EssenceOfPose.Metrics;
using EssenceOfPose.Models;
using EssenceOfPose.Training;

namespace EssenceOfPose.Experiments;

/// <summary>
/// What <see cref="SymmetryProbe.Run"/> measured on one set of pairs. Pose figures are over the
/// matching pairs (the only ones with a pose to regress), matching figures over all pairs.
/// </summary>
/// <param name="Set">What the pairs are ("held-out split of city3000", "unseen2", ...).</param>
/// <param name="MedianRotationDegrees">Median angle between the pose read from the mirrored pair, mirrored back, and the pose read from the pair.</param>
/// <param name="MedianTranslationMetres">Median distance between the two translations, in metres; NaN for 2-DOF labels.</param>
/// <param name="MedianMatchDisagreement">Median |p(match | mirrored pair) − p(match | pair)|.</param>
/// <param name="MedianPoseErrorDegrees">For scale: the median rotation error of the unmirrored predictions against the truth.</param>
public sealed record SymmetryProbeResult(string Set, int Pairs, int MatchingPairs,
    double MedianRotationDegrees, double MeanRotationDegrees, double MedianTranslationMetres,
    double MedianMatchDisagreement, double MeanMatchDisagreement, double MedianPoseErrorDegrees);

/// <summary>
/// The symmetry probe (after the viewpoint-equivariance argument of self-supervised viewpoint
/// learning, Mustikovela et al., CVPR 2020): mirror both images of every pair left-right. The
/// mirrored pair was taken by the mirrored cameras, so a network that learned geometry reads the
/// mirrored relative pose — Δheading, Δroll and the lateral translation negated, Δpitch and the
/// rest kept (<see cref="Data.Pairs.PoseLabels.MirrorSigns"/>) — and the same matching score. The
/// probe mirrors the mirrored pair's reading back and measures how far it lands from the pair's
/// own reading (<see cref="PoseAgreement"/>): 0° and 0 for a network that is exactly equivariant,
/// whether or not its reading is right.
/// </summary>
public static class SymmetryProbe
{
    /// <summary>Runs the probe on the test pairs of <paramref name="data"/> (the held-out split, or a whole unseen city).</summary>
    public static SymmetryProbeResult Run(PoseModel model, PoseNetData data, string set, int batchSize = 128)
    {
        var stats = model.LabelStats ?? throw new ArgumentException($"{model}: the checkpoint has no label statistics; pose outputs cannot be mirrored or compared in degrees");
        var pairs = data.TestPairs.All.ToArray();
        if (pairs.Length == 0) throw new ArgumentException($"{set}: there are no pairs to probe");
        var tensors = new PairTensors(pairs, data.Cache, model.LabelKind, stats);
        var agreements = new List<PairAgreement>(pairs.Length);
        var errors = new List<double>();
        using var off = torch.no_grad();
        using var mean = torch.tensor(model.Info.Mean.Select(m => (float)m).ToArray(), [1, 3, 1, 1], device: model.Device);
        for (var start = 0; start < pairs.Length; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var idx = Enumerable.Range(start, Math.Min(batchSize, pairs.Length - start)).ToArray();
            var (a, b, _, truth) = tensors.Batch(data.Cache, mean, idx);
            var (pose, logits) = model.Net.forward(a, b);
            // Mirroring a mean-subtracted patch is mirroring the image: the mean is one colour per channel.
            var (mirroredPose, mirroredLogits) = model.Net.forward(a.flip(3), b.flip(3));
            var all = torch.ones([idx.Length, 1], ScalarType.Bool, device: pose.device);
            var back = PairAugmentation.MirrorLabels(mirroredPose, all, stats);
            agreements.AddRange(PoseAgreement.FromOutputs(pose, logits, back, mirroredLogits, model.LabelKind, stats).Pairs);
            var reading = PoseAgreement.FromOutputs(pose, logits, truth, logits, model.LabelKind, stats).Pairs;
            errors.AddRange(idx.Select((p, i) => (p, i)).Where(x => pairs[x.p].IsMatch).Select(x => reading[x.i].RotationDegrees));
        }
        var matching = agreements.Where((_, i) => pairs[i].IsMatch).ToArray();
        var match = agreements.Select(p => Math.Abs(p.MatchChange)).ToArray();
        return new SymmetryProbeResult(set, pairs.Length, matching.Length,
            PoseErrors.Median(matching.Select(p => p.RotationDegrees)),
            matching.Length > 0 ? matching.Average(p => p.RotationDegrees) : double.NaN,
            PoseErrors.Median(matching.Select(p => p.Translation)),
            PoseErrors.Median(match), match.Average(), PoseErrors.Median(errors));
    }
}
