using EssenceOfPose.Metrics;

namespace EssenceOfPose.Tests.Metrics;

public class MetricsTests
{
    [Fact]
    public void Roc_of_a_hand_worked_ranking()
    {
        // Scores in descending order: P N P P N N. Positives 3, negatives 3.
        double[] s = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
        bool[] l = [true, false, true, true, false, false];
        var roc = Roc.Compute(s, l);
        // Curve: (0,0) (0,1/3) (1/3,1/3) (1/3,2/3) (1/3,1) (2/3,1) (1,1).
        // Area: 1/3 * 1/3 (after the first negative) + 2/3 * 1 (after the third positive) = 7/9.
        Assert.Equal(7.0 / 9, roc.Auc, 12);
        // 95% recall needs all 3 positives: first reached at threshold 0.6 with FPR 1/3.
        Assert.Equal(1.0 / 3, roc.Fpr95, 12);
        Assert.Equal(7, roc.Points.Count);
        Assert.Equal(4.0 / 6, Roc.Accuracy(s, l, 0.65), 12);
    }

    [Fact]
    public void Roc_perfect_and_reversed_and_ties()
    {
        Assert.Equal(1.0, Roc.Compute([3, 2, 1, 0], [true, true, false, false]).Auc, 12);
        Assert.Equal(0.0, Roc.Compute([3, 2, 1, 0], [false, false, true, true]).Auc, 12);
        // All scores tied: one diagonal step, area 1/2, FPR95 = 1.
        var tied = Roc.Compute([1, 1, 1, 1], [true, false, true, false]);
        Assert.Equal(0.5, tied.Auc, 12);
        Assert.Equal(1.0, tied.Fpr95, 12);
        Assert.Throws<ArgumentException>(() => Roc.Compute([1, 2], [true, true]));
    }

    [Fact]
    public void Rotation_angle_between_quaternions()
    {
        var s = Math.Sqrt(0.5);
        // Identity vs 90° about z.
        Assert.Equal(90, PoseErrors.RotationAngleDegrees([1, 0, 0, 0], [s, 0, 0, s]), 9);
        // q and -q are the same rotation; scale does not matter.
        Assert.Equal(0, PoseErrors.RotationAngleDegrees([s, 0, 0, s], [-2 * s, 0, 0, -2 * s]), 6);
        // 180° about x.
        Assert.Equal(180, PoseErrors.RotationAngleDegrees([1, 0, 0, 0], [0, 1, 0, 0]), 9);
    }

    [Fact]
    public void Translation_errors()
    {
        Assert.Equal(5, PoseErrors.TranslationError([3, 4, 0], [0, 0, 0]), 12);
        Assert.Equal(90, PoseErrors.DirectionAngleDegrees([1, 0, 0], [0, 2, 0]), 9);
        Assert.True(double.IsNaN(PoseErrors.DirectionAngleDegrees([0, 0, 0], [1, 0, 0])));
        Assert.Equal(2.5, PoseErrors.Median([4, 1, 2, 3, double.NaN]), 12);
    }
}
