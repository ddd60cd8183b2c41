using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

public class RendererTests
{
    static RenderPlan Plan(Objective objective, Tensor start, int steps, params RenderPhase[] more) =>
        new(objective, new PixelParameterisation(), start,
            [new RenderPhase(steps, new MomentumAdaGrad(100), new Jitter(2), [new BoxConstraint(160), new GaussianBlur(0.5, 2), new SmallContributionClip(10)]), .. more]);

    [Fact]
    public void Memory_does_not_grow_with_steps()
    {
        using var net = new TinySiamese();
        int Count(int steps)
        {
            using var scope = torch.NewDisposeScope();
            using var g = new Generator(2);
            var codes = net.Tap(torch.randn([2, 3, 16, 16], generator: g) * 40, "fc5").detach();
            var objective = Objectives.FeatureMatch("fc5", codes) + 0.001 * Regularisers.TotalVariation(1);
            var start = torch.randn([2, 3, 18, 18], generator: g) * 40;
            var before = scope.DisposablesCount;
            var r = Renderer.Run(net, Plan(objective, start, steps) with { SnapshotSteps = [0, 1] }, g);
            Assert.Equal(steps, r.Steps);
            Assert.Equal(2, r.Snapshots.Count);
            return scope.DisposablesCount - before;
        }
        Assert.Equal(Count(2), Count(9));
    }

    [Fact]
    public void Phases_chain_sizes_and_record_every_term()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        using var g = new Generator(3);
        var codes = net.Tap(torch.randn([3, 3, 16, 16], generator: g) * 40, "conv2").detach();
        var objective = Objectives.FeatureMatch("conv2", codes) + 0.01 * Regularisers.L2();
        var start = torch.randn([3, 3, 18, 18], generator: g) * 40;
        var plan = Plan(objective, start, 3, new RenderPhase(2, new GradientStep(10), Transform.None, [])) with { SnapshotSteps = [0, 3, 5] };
        var seen = new List<RenderProgress>();
        var r = Renderer.Run(net, plan, g, new SynchronousProgress(seen.Add));
        Assert.Equal(new long[] { 3, 3, 16, 16 }, r.Images.shape);
        Assert.Equal(new[] { 0, 3, 5 }, r.Snapshots.Select(s => s.Step).ToArray());
        Assert.All(r.Snapshots, s => Assert.Equal(new long[] { 3, 3, 16, 16 }, s.Images.shape));
        // The last snapshot is the final image; the first is the centre of the start.
        Assert.Equal(r.Images.ToArray<float>(), r.Snapshots[2].Images.ToArray<float>());
        Assert.Equal(start.narrow(2, 1, 16).narrow(3, 1, 16).contiguous().ToArray<float>(), r.Snapshots[0].Images.ToArray<float>());
        Assert.Equal(new[] { "feature_match(conv2)", "0.01*l2" }, r.TermNames);
        Assert.All(r.History, h => Assert.Equal(5, h.Length));
        Assert.Equal(5, seen.Count);
        Assert.Equal(new[] { 0, 0, 0, 1, 1 }, seen.Select(p => p.Phase).ToArray());
        Assert.Equal(seen[0].Terms["0.01*l2"], r.History[1][0].Average(), 6);
        Assert.True(r.SecondsPerStep > 0);
    }

    [Fact]
    public void Runs_are_reproducible_from_the_seed()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        float[] Run()
        {
            using var g = new Generator(42);
            var start = torch.randn([1, 3, 18, 18], generator: g) * 40;
            return Renderer.Run(net, Plan(Objectives.Channel("conv2:pre", 1), start, 4), g).Images.ToArray<float>();
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Duplicate_term_names_are_told_apart()
    {
        Assert.Equal(new[] { "a", "b", "a#2", "a#3" }, Renderer.UniqueNames(["a", "b", "a", "a"]));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the reports in order, now.</summary>
    sealed class SynchronousProgress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
