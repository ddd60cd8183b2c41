using EssenceOfPose.Data.Pairs;
using EssenceOfPose.Metrics;
using EssenceOfPose.Models;
using EssenceOfPose.Tests.Data;

namespace EssenceOfPose.Tests.Metrics;

public class PoseAgreementTests
{
    static Tensor Rows(params double[][] rows) => torch.tensor(rows.SelectMany(r => r).ToArray(), [rows.Length, rows[0].Length]);

    [Fact]
    public void A_reconstruction_equal_to_the_original_agrees_exactly()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var a = torch.randn([3, 3, 101, 101], generator: new Generator(1)) * 50.0;
        var b = torch.randn([3, 3, 101, 101], generator: new Generator(2)) * 50.0;
        var stats = new LabelStats
        {
            Kind = PoseLabelKind.Dof6, Names = PoseLabels.Names(PoseLabelKind.Dof6), Count = 10,
            Mean = [3, -1, 0, 0.5, 0, 8], Std = [40, 5, 0, 4, 1, 6],
        };
        foreach (var s in new[] { null, stats })
        {
            var r = PoseAgreement.Measure(net, a, b, a.clone(), PoseLabelKind.Dof6, s);
            Assert.Equal(3, r.Pairs.Count);
            Assert.All(r.Pairs, p => Assert.Equal((0.0, 0.0, 0.0), (p.RotationDegrees, p.Translation, p.MatchChange)));
            Assert.All(r.Pairs, p => Assert.InRange(p.MatchProbability, 0.0, 1.0));
            Assert.Equal(0.0, r.MeanRotationDegrees);
            Assert.Equal(0.0, r.MedianAbsMatchChange);
        }
        // A different first image changes the reading.
        var other = PoseAgreement.Measure(net, a, b, b, PoseLabelKind.Dof6);
        Assert.True(other.MeanRotationDegrees > 0);
    }

    [Fact]
    public void Hand_built_euler_outputs_give_known_angles_translations_and_match_changes()
    {
        using var scope = torch.NewDisposeScope();
        // Pair 0: heading 30° vs −15° → 45°, translation (1,2,3) vs (1,2,7) → 4.
        // Pair 1: pitch 20° vs 0° → 20°, translation equal → 0.
        // Pair 2: roll 10° vs 0°, heading 60° in both → 10° (a common turn does not count), translation (0,0,0) vs (3,4,0) → 5.
        var pose = Rows([30, 0, 0, 1, 2, 3], [0, 20, 0, 0, 0, 0], [60, 0, 10, 0, 0, 0]);
        var poseHat = Rows([-15, 0, 0, 1, 2, 7], [0, 0, 0, 0, 0, 0], [60, 0, 0, 3, 4, 0]);
        // softmax([0, 0])₁ = 1/2; softmax([0, ln 3])₁ = 3/4; softmax([ln 4, 0])₁ = 1/5.
        var logits = Rows([0, 0], [0, 0], [Math.Log(4), 0]);
        var logitsHat = Rows([0, Math.Log(3)], [0, 0], [0, 0]);
        var r = PoseAgreement.FromOutputs(pose, logits, poseHat, logitsHat, PoseLabelKind.Dof6);
        Assert.Equal([45.0, 20.0, 10.0], r.Pairs.Select(p => Math.Round(p.RotationDegrees, 9)));
        Assert.Equal([4.0, 0.0, 5.0], r.Pairs.Select(p => Math.Round(p.Translation, 9)));
        Assert.Equal(0.25, r.Pairs[0].MatchChange, 12);
        Assert.Equal(0.3, r.Pairs[2].MatchChange, 12);
        Assert.Equal(25.0, r.MeanRotationDegrees, 9);
        Assert.Equal(20.0, r.MedianRotationDegrees, 9);
        Assert.Equal(3.0, r.MeanTranslation, 9);
        Assert.Equal(0.25, r.MedianAbsMatchChange, 12);
    }

    [Fact]
    public void Normalised_outputs_are_denormalised_with_the_label_statistics()
    {
        using var scope = torch.NewDisposeScope();
        var stats = new LabelStats
        {
            Kind = PoseLabelKind.Dof5, Names = PoseLabels.Names(PoseLabelKind.Dof5), Count = 10,
            Mean = [5, 0, 0, 0, 10], Std = [10, 1, 1, 1, 2],
        };
        // Heading 1·10 + 5 = 15° vs −0.5·10 + 5 = 0° → 15°; tz 0·2 + 10 vs 1.5·2 + 10 → 3 m.
        var r = PoseAgreement.FromOutputs(Rows([1, 0, 0, 0, 0]), Rows([0, 0]), Rows([-0.5, 0, 0, 0, 1.5]), Rows([0, 0]), PoseLabelKind.Dof5, stats);
        Assert.Equal(15, r.Pairs[0].RotationDegrees, 9);
        Assert.Equal(3, r.Pairs[0].Translation, 9);
        var raw = PoseAgreement.FromOutputs(Rows([1, 0, 0, 0, 0]), Rows([0, 0]), Rows([-0.5, 0, 0, 0, 1.5]), Rows([0, 0]), PoseLabelKind.Dof5);
        Assert.Equal(1.5, raw.Pairs[0].RotationDegrees, 9);
        Assert.Throws<ArgumentException>(() => PoseAgreement.FromOutputs(Rows([0, 0, 0, 0, 0, 0]), Rows([0, 0]), Rows([0, 0, 0, 0, 0, 0]), Rows([0, 0]), PoseLabelKind.Dof6, stats));
    }

    [Fact]
    public void Quaternion_labels_are_compared_directly_and_two_dof_labels_have_no_translation()
    {
        using var scope = torch.NewDisposeScope();
        // (2, 0, 0, 0) is the identity once normalised; (cos 30°, 0, sin 30°, 0) turns by 60°.
        var q = PoseAgreement.FromOutputs(Rows([2, 0, 0, 0, 1, 1, 1]), Rows([0, 0]),
            Rows([Math.Cos(Math.PI / 6), 0, Math.Sin(Math.PI / 6), 0, 1, 1, 1]), Rows([0, 0]), PoseLabelKind.QuaternionTranslation);
        Assert.Equal(60, q.Pairs[0].RotationDegrees, 9);
        Assert.Equal(0, q.Pairs[0].Translation);
        var d2 = PoseAgreement.FromOutputs(Rows([90, 0]), Rows([0, 0]), Rows([0, 0]), Rows([0, 0]), PoseLabelKind.Dof2);
        Assert.Equal(90, d2.Pairs[0].RotationDegrees, 9);
        Assert.True(double.IsNaN(d2.Pairs[0].Translation) && double.IsNaN(d2.MeanTranslation));
    }

    [Theory]
    [InlineData(40, 15, 0)]
    [InlineData(-120, -30, 0)]
    [InlineData(10, 5, 20)]
    public void Euler_labels_read_back_as_the_data_layer_relative_rotation_of_a_level_first_camera(double heading, double pitch, double roll)
    {
        var p = RelativePose.Between(RelativePoseTests.Camera(40, -80, 260, 0), RelativePoseTests.Camera(40, -80.0001, 262, heading, pitch, roll));
        var q = PoseLabelRotation.Rotation(PoseLabels.Vector(p, PoseLabelKind.Dof6), PoseLabelKind.Dof6);
        Assert.Equal(0, PoseErrors.RotationAngleDegrees([q.W, q.X, q.Y, q.Z], [p.Rotation.W, p.Rotation.X, p.Rotation.Y, p.Rotation.Z]), 6);
        Assert.Equal([p.Translation.X, p.Translation.Y, p.Translation.Z], PoseLabelRotation.Translation(PoseLabels.Vector(p, PoseLabelKind.Dof6), PoseLabelKind.Dof6)!);
    }

    [Fact]
    public void Mismatched_models_and_shapes_are_refused()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var a = torch.zeros(1, 3, 101, 101);
        Assert.Throws<ArgumentException>(() => PoseAgreement.Measure(net, a, a, a, PoseLabelKind.Dof2));
        Assert.Throws<ArgumentException>(() => PoseAgreement.Measure(net, a, a, torch.zeros(2, 3, 101, 101), PoseLabelKind.Dof6));
        Assert.Throws<ArgumentException>(() => PoseLabelRotation.Rotation([1, 2, 3], PoseLabelKind.Dof6));
    }
}
