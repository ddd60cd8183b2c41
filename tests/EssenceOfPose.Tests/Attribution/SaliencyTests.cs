using EssenceOfPose.Attribution;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Attribution;

public class SaliencyTests
{
    [Fact]
    public void Linear_score_gives_the_channel_max_of_the_absolute_weights()
    {
        using var scope = torch.NewDisposeScope();
        // w [1,3,2,2]: per pixel the channels are (1, −4, 2), (−3, 0.5, 2), (0, 0, −7), (6, 6, −6).
        // |∂(w·x)/∂x| = |w|, so the map is max_c |w_c| = 4, 3, 7, 6 at every item.
        var w = torch.tensor(new float[] { 1, -3, 0, 6, -4, 0.5f, 0, 6, 2, 2, -7, -6 }, [1, 3, 2, 2]);
        var x = torch.randn([2, 3, 2, 2], generator: new Generator(3));
        var map = Saliency.SaliencyOf(t => (t * w).sum([1, 2, 3]), x);
        Assert.Equal([2L, 2, 2], map.shape);
        Assert.Equal(new float[] { 4, 3, 7, 6, 4, 3, 7, 6 }, map.ToArray<float>());
    }

    [Fact]
    public void Quadratic_score_gives_the_channel_max_of_the_input_and_the_score_values()
    {
        using var scope = torch.NewDisposeScope();
        // S = ½ Σ x² per item: ∂S/∂x = x, so M = max_c |x_c|.
        var x = torch.randn([3, 3, 4, 5], generator: new Generator(4));
        var (maps, scores) = Saliency.Of(t => (t[0].square().sum([1, 2, 3]) * 0.5), [x]);
        Assert.Equal(x.abs().amax(1).ToArray<float>(), maps[0].ToArray<float>());
        var expected = (x.square().sum([1, 2, 3]) * 0.5).to(ScalarType.Float64).ToArray<double>();
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], scores[i], 4);
        Assert.False(x.requires_grad, "the caller's tensor is not turned into a leaf that requires grad");
    }

    [Fact]
    public void A_scalar_score_over_the_batch_is_accepted_and_a_wrong_shape_is_not()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn([2, 3, 4, 4], generator: new Generator(5));
        var map = Saliency.SaliencyOf(t => (t * 2.0).sum(), x);
        Assert.Equal(Enumerable.Repeat(2f, 32), map.ToArray<float>());
        Assert.Throws<ArgumentException>(() => Saliency.SaliencyOf(t => t.sum([2, 3]), x));
        Assert.Throws<ArgumentException>(() => Saliency.SaliencyOf(t => t.sum(), torch.zeros(3, 4, 4)));
    }

    [Theory]
    [InlineData("match")]
    [InlineData("pose:0")]
    [InlineData("pose:5")]
    public void PoseNet_pair_maps_for_both_images_in_one_pass(string target)
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var t = SaliencyTarget.Parse(target);
        var a = torch.randn([2, 3, 101, 101], generator: new Generator(6)) * 50.0;
        var b = torch.randn([2, 3, 101, 101], generator: new Generator(7)) * 50.0;
        using var r = Saliency.ForPair(net, a, b, t);
        Assert.Equal([2L, 101, 101], r.First.shape);
        Assert.Equal([2L, 101, 101], r.Second.shape);
        Assert.Equal($"saliency of {t.Name}", r.Name);

        // The scores are the network's, and each map is that of a pass with the other image held fixed.
        var (pose, logits) = net.forward(a, b);
        var s = t.Score(pose, logits).to(ScalarType.Float64).ToArray<double>();
        Assert.Equal(s[0], r.Scores[0], 4);
        Assert.Equal(s[1], r.Scores[1], 4);
        var onlyFirst = Saliency.SaliencyOf(x => { var (p, l) = net.forward(x, b); return t.Score(p, l); }, a);
        var onlySecond = Saliency.SaliencyOf(x => { var (p, l) = net.forward(a, x); return t.Score(p, l); }, b);
        AssertClose(onlyFirst, r.First);
        AssertClose(onlySecond, r.Second);
        Assert.True(r.First.max().ToDouble() > 0 && r.Second.max().ToDouble() > 0, "the score depends on both images");
        Assert.True(r.First.min().ToDouble() >= 0);
    }

    [Fact]
    public void Items_of_a_batch_are_explained_independently()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var a = torch.randn([2, 3, 101, 101], generator: new Generator(8)) * 50.0;
        var b = torch.randn([2, 3, 101, 101], generator: new Generator(9)) * 50.0;
        var both = Saliency.ForPair(net, a, b, SaliencyTarget.Match);
        var one = Saliency.ForPair(net, a.narrow(0, 1, 1), b.narrow(0, 1, 1), SaliencyTarget.Match);
        AssertClose(one.First, both.First.narrow(0, 1, 1));
        AssertClose(one.Second, both.Second.narrow(0, 1, 1));
    }

    [Fact]
    public void Targets_parse_name_and_check_their_index()
    {
        Assert.Equal(SaliencyTarget.Match, SaliencyTarget.Parse(" Match "));
        Assert.Equal(SaliencyTarget.Pose(3), SaliencyTarget.Parse("pose:3"));
        Assert.Equal("pose_fc[3]", SaliencyTarget.Pose(3).Name);
        Assert.Equal("pose:3", SaliencyTarget.Pose(3).ToString());
        Assert.Throws<FormatException>(() => SaliencyTarget.Parse("pose:-1"));
        Assert.Throws<FormatException>(() => SaliencyTarget.Parse("fc5"));
        Assert.Throws<ArgumentOutOfRangeException>(() => SaliencyTarget.Pose(-1));
        using var scope = torch.NewDisposeScope();
        using var net = new PoseNet();
        var x = torch.zeros(1, 3, 101, 101);
        Assert.Throws<ArgumentOutOfRangeException>(() => Saliency.ForPair(net, x, x, SaliencyTarget.Pose(6)));
    }

    [Fact]
    public void The_match_probability_is_the_softmax_of_the_two_logits()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new float[] { 0.3f, 2.3f, 1.5f, -0.5f }, [2, 2]);
        var softmax = F.softmax(logits, 1).select(1, 1).to(ScalarType.Float64).ToArray<double>();
        var margins = SaliencyTarget.Match.Score(torch.zeros(2, 6), logits).to(ScalarType.Float64).ToArray<double>();
        Assert.Equal(softmax[0], SaliencyTarget.MatchProbability(margins[0]), 6);
        Assert.Equal(softmax[1], SaliencyTarget.MatchProbability(margins[1]), 6);
        Assert.Equal(0.5, SaliencyTarget.MatchProbability(0));
    }

    static void AssertClose(Tensor expected, Tensor actual)
    {
        var scale = expected.abs().max().ToDouble();
        var diff = (expected - actual).abs().max().ToDouble();
        Assert.True(diff <= 1e-4 * scale, $"maps differ by {diff} (scale {scale})");
    }
}
