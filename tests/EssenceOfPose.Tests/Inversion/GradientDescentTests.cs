using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

/// <summary>
/// Lucent's assert_gradient_descent: every objective and differentiable regulariser, optimised for
/// 5 steps through the render loop on the tiny net, ends lower than it started.
/// </summary>
public class GradientDescentTests
{
    public static TheoryData<string> Cases => new()
    {
        "feature_match(conv2)", "feature_match(fc5:pre)", "feature_match_cos(fc5:pre)",
        "neuron(fc5:pre)", "neuron(conv2:pre)", "neurons", "channel(conv2:pre)",
        "layer_l2(conv2,sum)", "layer_l2(fc5:pre,mean)", "pose_output", "match_logit",
        "alpha_norm(6)", "alpha_norm(1.5)", "tv(2,iso)", "tv(1,iso)", "tv(2,aniso)", "tv(1,aniso)", "l2",
    };

    static Objective Make(string name, TinySiamese net)
    {
        using var g = new Generator(21);
        var other = torch.randn([2, 3, 16, 16], generator: g) * 40;
        using var _ = torch.no_grad();
        return name switch
        {
            "feature_match(conv2)" => Objectives.FeatureMatch("conv2", net.Tap(other, "conv2")),
            "feature_match(fc5:pre)" => Objectives.FeatureMatch("fc5:pre", net.Tap(other, "fc5:pre")),
            "feature_match_cos(fc5:pre)" => Objectives.FeatureMatch("fc5:pre", net.Tap(other, "fc5:pre"), cosine: 1),
            "neuron(fc5:pre)" => Objectives.Neuron(NeuronUnit.Fc("fc5:pre", 3)),
            "neuron(conv2:pre)" => Objectives.Neuron(NeuronUnit.Conv("conv2:pre", 2, 2, 2)),
            "neurons" => Objectives.Neurons([NeuronUnit.Fc("fc5:pre", 0), NeuronUnit.Conv("conv2:pre", 5, 1, 3)]),
            "channel(conv2:pre)" => Objectives.Channel("conv2:pre", 4),
            "layer_l2(conv2,sum)" => Objectives.LayerL2("conv2"),
            "layer_l2(fc5:pre,mean)" => Objectives.LayerL2("fc5:pre", LayerReduction.Mean),
            "pose_output" => Objectives.PoseOutput(other, 1),
            "match_logit" => Objectives.MatchLogit(other),
            "alpha_norm(6)" => Regularisers.AlphaNorm(6),
            "alpha_norm(1.5)" => Regularisers.AlphaNorm(1.5),
            "tv(2,iso)" => Regularisers.TotalVariation(2),
            "tv(1,iso)" => Regularisers.TotalVariation(1),
            "tv(2,aniso)" => Regularisers.TotalVariation(2, isotropic: false),
            "tv(1,aniso)" => Regularisers.TotalVariation(1, isotropic: false),
            "l2" => Regularisers.L2(),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Loss_falls_within_five_steps(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        using var g = new Generator(4);
        var objective = Make(name, net);
        var start = torch.randn([2, 3, 16, 16], generator: g) * 40;
        var plan = new RenderPlan(objective, new PixelParameterisation(), start, [new RenderPhase(5, new AdamStep(2), Transform.None, [])]);
        var r = Renderer.Run(net, plan, g);
        var before = objective.Evaluate(new RenderContext(net, start, start)).sum().ToDouble();
        double after;
        using (torch.no_grad()) after = objective.Evaluate(new RenderContext(net, r.Images, r.Images)).sum().ToDouble();
        Assert.True(after < before, $"{objective.Name}: {before} → {after}");
        // The history's first entry is the loss of the start image (no transforms here).
        Assert.Equal(before, r.History[0][0].Sum(), Math.Abs(before) * 1e-5 + 1e-9);
    }
}
