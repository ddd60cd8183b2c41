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
    public void Phases_of_their_own_size_hand_over_through_their_entry_and_are_kept()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        using var g = new Generator(6);
        var fine = torch.randn([2, 3, 16, 16], generator: g) * 40;
        var coarse = F.interpolate(fine, size: [12, 12], mode: InterpolationMode.Bilinear, align_corners: false, antialias: true);
        var rule = new NormalisedStep(1.5);
        RenderPhase[] phases =
        [
            new(2, rule, new Resize(16), []) { Size = 12 },
            new(2, rule, Transform.None, []) { Size = 16, Entry = new CarriedDetail(fine, coarse), CanvasShift = new Roll(3) },
        ];
        var r = Renderer.Run(net, new RenderPlan(Objectives.LayerL2("conv2"), new PixelParameterisation(), coarse, phases) { InputSize = 16 }, g);
        Assert.Equal(new long[] { 2, 3, 12, 12 }, r.PhaseImages[0].shape);
        Assert.Equal(r.Images.ToArray<float>(), r.PhaseImages[1].ToArray<float>());
        Assert.Equal(4, r.Steps);
        // The objective (−½‖a‖²) fell: the dream grew the activations.
        Assert.True(r.History[0][3].Sum() < r.History[0][0].Sum());
    }

    [Fact]
    public void Carried_detail_is_the_base_plus_the_previous_detail_resized()
    {
        using var scope = torch.NewDisposeScope();
        var fine = torch.randn([1, 3, 9, 9], generator: new Generator(2));
        var coarse = torch.randn([1, 3, 6, 6], generator: new Generator(3));
        var entry = new CarriedDetail(fine, coarse);
        // No detail added at the coarse octave: the fine octave starts from its base.
        Assert.Equal(fine.ToArray<float>(), entry.Enter(coarse, 9).ToArray<float>());
        var previous = coarse + 1;
        Assert.True((entry.Enter(previous, 9) - (fine + 1)).abs().max().ToDouble() < 1e-6);
        Assert.Throws<ArgumentException>(() => entry.Enter(previous, 8));
    }

    [Fact]
    public void A_canvas_shift_takes_the_same_steps_as_a_roll_transform()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        var start = torch.randn([2, 3, 16, 16], generator: new Generator(8)) * 40;
        float[] Run(RenderPhase phase)
        {
            using var g = new Generator(5);
            return Renderer.Run(net, new RenderPlan(Objectives.LayerL2("conv2"), new PixelParameterisation(), start, [phase]), g).Images.ToArray<float>();
        }
        var canvas = Run(new RenderPhase(3, new GradientStep(10), Transform.None, []) { CanvasShift = new Roll(4) });
        var transform = Run(new RenderPhase(3, new GradientStep(10), new Roll(4), []));
        Assert.Equal(transform, canvas);
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
