using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

/// <summary>The surrogate gradient through dead ReLUs: values untouched, a gradient where the true one is zero, carried from preset to render.</summary>
public class GradientLeakTests
{
    /// <summary>A tiny net whose every conv1 ReLU is dead: conv1's bias far below anything its inputs reach.</summary>
    static TinySiamese DeadNet()
    {
        var net = new TinySiamese();
        using var _ = torch.no_grad();
        net.named_parameters().Single(p => p.name == "conv1.bias").parameter.fill_(-1e4);
        return net;
    }

    [Fact]
    public void Values_are_the_true_ones_and_only_the_gradient_leaks()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        using var g = new Generator(4);
        var x = (torch.randn([2, 3, 16, 16], generator: g) * 40).requires_grad_();
        foreach (var tap in new[] { "conv1", "conv2", "fc5", "fc5:pre" })
            Assert.Equal(net.Tap(x, tap).detach().ToArray<float>(), net.Tap(x, tap, gradientLeak: 0.3).detach().ToArray<float>());

        using var dead = DeadNet();
        var y = (torch.randn([1, 3, 16, 16], generator: g) * 40).requires_grad_();
        var trueGrad = torch.autograd.grad([dead.Tap(y, "fc5:pre").sum()], [y])[0]!;
        var leakGrad = torch.autograd.grad([dead.Tap(y, "fc5:pre", 0.3).sum()], [y])[0]!;
        Assert.Equal(0, trueGrad.abs().max().ToDouble());
        Assert.True(leakGrad.abs().max().ToDouble() > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => dead.Tap(y, "fc5", 1.5));
    }

    [Fact]
    public void A_render_with_a_leak_leaves_a_dead_start_and_without_stays()
    {
        using var scope = torch.NewDisposeScope();
        using var net = DeadNet();
        using var g = new Generator(5);
        var target = torch.ones([1, 12]);
        var start = torch.randn([1, 3, 16, 16], generator: g) * 40;
        double Moved(double leak)
        {
            using var inner = torch.NewDisposeScope();
            var plan = new RenderPlan(Objectives.FeatureMatch("fc5", target), new PixelParameterisation(), start,
                [new RenderPhase(3, new AdamStep(1), Transform.None, [])]) { GradientLeak = leak };
            return (Renderer.Run(net, plan, g).Images - start).abs().max().ToDouble();
        }
        Assert.Equal(0, Moved(0));
        Assert.True(Moved(0.3) > 0.5);
    }

    [Fact]
    public void Presets_carry_the_leak_into_their_plans_and_options()
    {
        using var scope = torch.NewDisposeScope();
        using var g = new Generator(1);
        var data = Objectives.FeatureMatch("fc5", torch.ones([1, 12]));
        var request = new RenderRequest(RenderGoal.Invert, data, 1, 16, 2, torch.CPU);
        foreach (var preset in new InversionPreset[] { MahendranVedaldi.Quick, Yosinski3.Quick, LucidAdam.Quick })
        {
            Assert.Equal(0, preset.Plan(request, g).GradientLeak);
            var leaky = preset with { GradientLeak = 0.3 };
            Assert.Equal(0.3, leaky.Plan(request, g).GradientLeak);
            Assert.NotEqual(preset, leaky);
            var plan = leaky.Plan(request, g);
            var back = InversionOptions.FromJson(new InversionOptions(leaky.Name, leaky, "fc5", 2, 1, 16, plan.ObjectiveName, plan.Parameterisation, plan.Phases, 1).ToJson());
            Assert.Equal(leaky, back.Preset);
        }
    }
}
