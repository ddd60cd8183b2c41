using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Experiments;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;
using EssenceOfPose.Tests.Training;
using EssenceOfPose.Training;

namespace EssenceOfPose.Tests.Experiments;

/// <summary>The symmetry probe (issue #15) against a computation written out by hand, on the shipped weights.</summary>
public sealed class SymmetryProbeTests(TinyCity city) : IClassFixture<TinyCity>
{
    [Fact]
    public void The_probe_measures_what_mirroring_both_images_and_mirroring_the_reading_back_gives()
    {
        using var model = PoseModel.Shipped();
        using var data = PoseNetData.Unseen(city.Root);
        var result = SymmetryProbe.Run(model, data, "tiny", batchSize: 7); // several batches, the last one short
        var pairs = data.TestPairs.All.ToArray();
        Assert.Equal(pairs.Length, result.Pairs);
        Assert.Equal(pairs.Count(p => p.IsMatch), result.MatchingPairs);

        // By hand: flip each patch by reversing its columns, read both pairs, denormalise, mirror
        // the second reading in label space and compare the rotations it stands for.
        var stats = model.LabelStats!;
        var kind = model.LabelKind;
        var signs = PoseLabels.MirrorSigns(kind);
        var rotation = new List<double>();
        var match = new List<double>();
        using (torch.no_grad())
        using (var scope = torch.NewDisposeScope())
        {
            var mean = torch.tensor(model.Info.Mean.Select(m => (float)m).ToArray(), [1, 3, 1, 1]);
            var tensors = new PairTensors(pairs, data.Cache, kind, stats);
            var all = Enumerable.Range(0, pairs.Length).ToArray();
            var (a, b, _, _) = tensors.Batch(data.Cache, mean, all);
            var columns = torch.arange(a.size(3) - 1, -1, -1, ScalarType.Int64);
            var (pose, logits) = model.Net.forward(a, b);
            var (mPose, mLogits) = model.Net.forward(a.index_select(3, columns), b.index_select(3, columns));
            var p = pose.to(ScalarType.Float64).data<double>().ToArray();
            var q = mPose.to(ScalarType.Float64).data<double>().ToArray();
            var s = torch.softmax(logits, 1).select(1, 1).to(ScalarType.Float64).data<double>().ToArray();
            var t = torch.softmax(mLogits, 1).select(1, 1).to(ScalarType.Float64).data<double>().ToArray();
            var n = model.Net.PoseOutputs;
            for (var i = 0; i < pairs.Length; i++)
            {
                match.Add(Math.Abs(s[i] - t[i]));
                if (!pairs[i].IsMatch) continue;
                var reading = stats.Denormalize(p.AsSpan(i * n, n).ToArray());
                var back = stats.Denormalize(q.AsSpan(i * n, n).ToArray()).Select((v, k) => signs[k] * v).ToArray();
                var r1 = PoseLabelRotation.Rotation(reading, kind);
                var r2 = PoseLabelRotation.Rotation(back, kind);
                rotation.Add(PoseErrors.RotationAngleDegrees([r1.W, r1.X, r1.Y, r1.Z], [r2.W, r2.X, r2.Y, r2.Z]));
            }
        }
        Assert.Equal(PoseErrors.Median(rotation), result.MedianRotationDegrees, 2);
        Assert.Equal(rotation.Average(), result.MeanRotationDegrees, 2);
        Assert.Equal(PoseErrors.Median(match), result.MedianMatchDisagreement, 4);
        Assert.Equal(match.Average(), result.MeanMatchDisagreement, 4);
        // The shipped weights were not trained to be equivariant: the readings disagree, but far less than chance would.
        Assert.InRange(result.MedianRotationDegrees, 0.01, 90);
        Assert.True(double.IsFinite(result.MedianTranslationMetres) && double.IsFinite(result.MedianPoseErrorDegrees));
    }

    [Fact]
    public void Unseen_cities_give_a_row_each_and_one_roc_chart()
    {
        using var model = PoseModel.Shipped();
        var result = UnseenCities.Run(model, [("first", city.Root), ("again", city.Root)]);
        Assert.Equal(["first", "again"], result.Evaluations.Select(e => e.City));
        Assert.Equal(2, result.Table().Rows.Count);
        Assert.Equal(2, result.SymmetryTable().Rows.Count);
        // A curve per city, the first city's raw-pixel curve and chance.
        Assert.Equal(4, result.RocChart().TraceCount);
        // The same city twice gives the same figures: nothing carries over from one city to the next.
        Assert.Equal(result.Evaluations[0].Evaluation.Match.Auc, result.Evaluations[1].Evaluation.Match.Auc);
        Assert.Equal(result.Probes[0] with { Set = "" }, result.Probes[1] with { Set = "" });
        Assert.Throws<ArgumentException>(() => UnseenCities.Run(model, []));
    }

    [Fact]
    public void A_model_without_label_statistics_is_refused_by_name()
    {
        using var net = new PoseNet();
        using var model = PoseModel.Of(net, new CheckpointInfo { Architecture = PoseNet.Name, Mean = [120, 115, 105] }, "untrained.safetensors");
        using var data = PoseNetData.Unseen(city.Root);
        var e = Assert.Throws<ArgumentException>(() => SymmetryProbe.Run(model, data, "tiny"));
        Assert.Contains("untrained.safetensors", e.Message);
        Assert.Contains("label statistics", e.Message);
    }
}
