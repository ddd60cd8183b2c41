using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;

namespace EssenceOfPose.Training;

/// <summary>Pose-regression errors over the matching pairs of a set.</summary>
public sealed record PoseFigures(double MedianRotationDegrees, double MeanRotationDegrees, double? MedianTranslationMetres, double? MeanTranslationMetres, double? MedianDirectionDegrees, int Pairs);

/// <summary>Matching figures over all pairs of a set.</summary>
public sealed record MatchFigures(double Accuracy, double Auc, double Fpr95, IReadOnlyList<RocPoint> Roc);

/// <summary>What <c>eop eval posenet</c> reports: the model and the two baselines on the held-out pairs.</summary>
public sealed record PoseNetEvaluation(PoseFigures Pose, MatchFigures Match, PoseFigures? MeanPoseBaseline, MatchFigures? PixelCosineBaseline, int TestTargets, int TestPairs)
{
    /// <summary>The headline numbers, flat, for checkpoint metadata and logs.</summary>
    public IReadOnlyDictionary<string, double> Summary()
    {
        var d = new Dictionary<string, double>
        {
            ["median_rotation_deg"] = Pose.MedianRotationDegrees,
            ["mean_rotation_deg"] = Pose.MeanRotationDegrees,
            ["match_accuracy"] = Match.Accuracy,
            ["match_auc"] = Match.Auc,
            ["match_fpr95"] = Match.Fpr95,
        };
        if (Pose.MedianTranslationMetres is { } t) d["median_translation_m"] = t;
        if (Pose.MedianDirectionDegrees is { } dir) d["median_translation_direction_deg"] = dir;
        if (MeanPoseBaseline is { } m) d["baseline_mean_pose_median_rotation_deg"] = m.MedianRotationDegrees;
        if (MeanPoseBaseline?.MedianTranslationMetres is { } mt) d["baseline_mean_pose_median_translation_m"] = mt;
        if (PixelCosineBaseline is { } c)
        {
            d["baseline_pixel_cosine_auc"] = c.Auc;
            d["baseline_pixel_cosine_fpr95"] = c.Fpr95;
        }
        return d;
    }
}

/// <summary>An evaluation of one set of pairs, named: the same-city held-out split or a city the network never saw.</summary>
public sealed record CityEvaluation(string City, PoseNetEvaluation Evaluation);

/// <summary>
/// Evaluates a siamese PoseNet on the held-out pairs: median and mean angular error of the
/// relative rotation, translation error (metres) and the angle of its direction, matching
/// accuracy, ROC AUC and FPR95, beside two baselines — always predicting the training-mean pose,
/// and matching by the cosine similarity of the raw (mean-subtracted) pixels.
/// </summary>
public static class PoseNetEvaluator
{
    /// <summary>
    /// With <paramref name="codes"/> (training above a frozen tower) the pairs' blobs are read from
    /// them instead of running the tower on the images: the same outputs, without the pixel baseline.
    /// </summary>
    public static PoseNetEvaluation Evaluate(SiameseNet model, CheckpointInfo info, PoseNetData data, bool baselines, int batchSize = 128, FrozenCodes? codes = null)
    {
        if (baselines && codes is not null) throw new ArgumentException("the pixel baseline needs the images; evaluate without cached codes");
        var stats = info.LabelStats ?? throw new ArgumentException("the checkpoint has no label statistics; pose outputs cannot be turned back into poses");
        var kind = info.LabelKind;
        var pairs = data.TestPairs.All.ToArray();
        var tensors = new PairTensors(pairs, data.Cache, kind, stats);
        var predicted = new double[pairs.Length][];
        var score = new double[pairs.Length];
        var pixelCosine = new double[pairs.Length];
        using (torch.no_grad())
        {
            using var mean = torch.tensor(info.Mean.Select(m => (float)m).ToArray(), [1, 3, 1, 1], device: model.parameters().First().device);
            for (var start = 0; start < pairs.Length; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                var idx = Enumerable.Range(start, Math.Min(batchSize, pairs.Length - start)).ToArray();
                Tensor pose, logits;
                double[]? cos = null;
                if (codes is null)
                {
                    var (a, b, _, _) = tensors.Batch(data.Cache, mean, idx);
                    (pose, logits) = model.forward(a, b);
                    var (fa, fb) = (a.flatten(1), b.flatten(1));
                    cos = ((fa * fb).sum(1) / (fa.norm(1) * fb.norm(1) + 1e-8)).to(ScalarType.Float64).ToArray<double>();
                }
                else
                {
                    var plain = new int[idx.Length];
                    var a = codes.Gather(idx.Select(i => tensors.First[i]).ToArray(), plain, mean.device);
                    var b = codes.Gather(idx.Select(i => tensors.Second[i]).ToArray(), plain, mean.device);
                    (pose, logits) = model.Heads(model.EmbedFrom(a, codes.Tap), model.EmbedFrom(b, codes.Tap));
                }
                var p = pose.to(ScalarType.Float64).ToArray<double>();
                var s = F.softmax(logits, 1).select(1, 1).to(ScalarType.Float64).ToArray<double>();
                for (var i = 0; i < idx.Length; i++)
                {
                    predicted[start + i] = stats.Denormalize(p.AsSpan(i * model.PoseOutputs, model.PoseOutputs).ToArray());
                    score[start + i] = s[i];
                    if (cos is not null) pixelCosine[start + i] = cos[i];
                }
            }
        }
        var labels = pairs.Select(p => p.IsMatch).ToArray();
        var matchIdx = Enumerable.Range(0, pairs.Length).Where(i => pairs[i].IsMatch).ToArray();
        var truth = matchIdx.Select(i => pairs[i].Label(kind)).ToArray();
        var poseFig = PoseOf(matchIdx.Select(i => predicted[i]).ToArray(), truth, kind);
        var match = MatchOf(score, labels, threshold: 0.5);
        PoseFigures? meanBaseline = null;
        MatchFigures? cosineBaseline = null;
        if (baselines)
        {
            meanBaseline = PoseOf(truth.Select(_ => stats.Mean.ToArray()).ToArray(), truth, kind);
            cosineBaseline = MatchOf(pixelCosine, labels, threshold: null);
        }
        return new PoseNetEvaluation(poseFig, match, meanBaseline, cosineBaseline, data.TestTargets.Count, pairs.Length);
    }

    static MatchFigures MatchOf(double[] score, bool[] labels, double? threshold)
    {
        var roc = Roc.Compute(score, labels);
        // Without a trained threshold (the pixel baseline), report the best accuracy any threshold reaches.
        var accuracy = threshold is { } t ? Roc.Accuracy(score, labels, t) : roc.Points.Skip(1).Max(p => Roc.Accuracy(score, labels, p.Threshold));
        return new MatchFigures(accuracy, roc.Auc, roc.Fpr95, roc.Thinned());
    }

    static PoseFigures PoseOf(double[][] predicted, double[][] truth, PoseLabelKind kind)
    {
        var rot = predicted.Zip(truth, (p, t) => RotationError(p, t, kind)).ToArray();
        double[]? trans = null, dir = null;
        if (kind != PoseLabelKind.Dof2)
        {
            var tp = predicted.Select(p => PoseLabelRotation.Translation(p, kind)!).ToArray();
            var tt = truth.Select(t => PoseLabelRotation.Translation(t, kind)!).ToArray();
            trans = tp.Zip(tt, (p, t) => PoseErrors.TranslationError(p, t)).ToArray();
            dir = tp.Zip(tt, (p, t) => PoseErrors.DirectionAngleDegrees(p, t)).ToArray();
        }
        return new PoseFigures(PoseErrors.Median(rot), rot.Length > 0 ? rot.Average() : double.NaN,
            trans is null ? null : PoseErrors.Median(trans), trans?.Average(), dir is null ? null : PoseErrors.Median(dir), truth.Length);
    }

    /// <summary>Angle between the rotations two label vectors stand for (<see cref="PoseLabelRotation.Rotation"/>).</summary>
    static double RotationError(double[] predicted, double[] truth, PoseLabelKind kind)
    {
        var p = PoseLabelRotation.Rotation(predicted, kind);
        var t = PoseLabelRotation.Rotation(truth, kind);
        return PoseErrors.RotationAngleDegrees([p.W, p.X, p.Y, p.Z], [t.W, t.X, t.Y, t.Z]);
    }
}
