using EssenceOfPose.Inversion;
using EssenceOfPose.Models;

namespace EssenceOfPose.Tests.Inversion;

public class ObjectiveTests
{
    static Objective Leaf(string name, double value) => new(name, ctx => torch.full([ctx.BatchSize], value));

    [Fact]
    public void Names_follow_the_arithmetic()
    {
        var a = Leaf("a", 1);
        var b = Leaf("b", 2);
        Assert.Equal("a + 0.5*b", (a + 0.5 * b).Name);
        Assert.Equal("a - b", (a - b).Name);
        Assert.Equal("-a", (-a).Name);
        Assert.Equal("2*a + 2*b", (2 * (a + b)).Name);
        Assert.Equal("a - 0.25*b", (a - b / 4).Name);
        Assert.Equal("2*a", (a + a).Name);
        Assert.Equal("b - 0.5*a", (b - 0.5 * a).Name);
        Assert.Equal("-0.5*a + b", (-0.5 * a + b).Name);
        Assert.Throws<ArgumentException>(() => a - a);
        Assert.Throws<ArgumentOutOfRangeException>(() => 0 * a);
    }

    [Fact]
    public void Library_objectives_name_their_arguments()
    {
        using var scope = torch.NewDisposeScope();
        var codes = torch.ones([2, 12]);
        Assert.Equal("feature_match(fc5)", Objectives.FeatureMatch("fc5", codes).Name);
        Assert.Equal("feature_match(fc5:pre,cos=0.5)", Objectives.FeatureMatch("fc5:pre", codes, cosine: 0.5).Name);
        Assert.Equal("0.01*tv(β=2,iso)", (0.01 * Regularisers.TotalVariation()).Name);
        Assert.Equal("tv(β=1,aniso)", Regularisers.TotalVariation(1, isotropic: false).Name);
        Assert.Equal("alpha_norm(α=6)", Regularisers.AlphaNorm().Name);
        Assert.Equal("neuron(fc5[17])", Objectives.Neuron(NeuronUnit.Fc("fc5", 17)).Name);
        Assert.Equal("neuron(conv3[5]@(10,10))", Objectives.Neuron(NeuronUnit.Conv("conv3", 5, 10, 10)).Name);
        Assert.Equal("channel(conv3[5])", Objectives.Channel("conv3", 5).Name);
        Assert.Equal("layer_l2(conv4,½sum)", Objectives.LayerL2("conv4").Name);
        Assert.Equal("feature_match(fc5) + 3.815E-12*alpha_norm(α=6)",
            (Objectives.FeatureMatch("fc5", codes) + Math.Pow(1 / 80.0, 6) * Regularisers.AlphaNorm()).Name);
    }

    [Theory]
    [InlineData("fc5[17]")]
    [InlineData("fc5:pre[0]")]
    [InlineData("conv3[5]@(10,10)")]
    public void Unit_names_parse_back(string text) => Assert.Equal(text, NeuronUnit.Parse(text).ToString());

    [Fact]
    public void A_sum_evaluates_to_the_weighted_terms_and_keeps_them()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        var x = torch.zeros([3, 3, 16, 16]);
        var ctx = new RenderContext(net, x, x);
        var o = Leaf("a", 1) + 0.5 * Leaf("b", 2) - 3 * Leaf("c", 1);
        Assert.Equal(3, o.Terms.Count);
        Assert.Equal(new[] { 1.0, 1.0, -3.0 }, o.EvaluateTerms(ctx).Select(t => t[0].ToDouble()).ToArray());
        Assert.Equal(new[] { -1.0, -1.0, -1.0 }, o.Evaluate(ctx).to(ScalarType.Float64).ToArray<double>());
    }

    [Fact]
    public void Taps_run_once_per_context()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        var x = torch.randn([2, 3, 16, 16]);
        var ctx = new RenderContext(net, x, x);
        Assert.Same(ctx.Tap("conv2"), ctx.Tap("conv2"));
        var partner = torch.randn([2, 3, 16, 16]);
        Assert.Same(ctx.Heads(partner).Pose, ctx.Heads(partner).Pose);
    }

    [Fact]
    public void Feature_match_is_the_normalised_squared_error_per_image()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        var x = torch.randn([2, 3, 16, 16]) * 30;
        var target = torch.randn([2, 3, 16, 16]) * 30;
        var codes = net.Tap(target, "fc5:pre").detach();
        var ctx = new RenderContext(net, x, x);
        var phi = net.Tap(x, "fc5:pre").detach();
        var loss = Objectives.FeatureMatch("fc5:pre", codes).Evaluate(ctx).detach();
        var err = Objectives.NormalisedError(phi, codes);
        for (var i = 0; i < 2; i++) Assert.Equal(err[i].ToDouble() * err[i].ToDouble(), loss[i].ToDouble(), 1e-4);
        var withCos = Objectives.FeatureMatch("fc5:pre", codes, cosine: 2).Evaluate(ctx).detach();
        var cos = (phi * codes).sum(1) / (phi.norm(1) * codes.norm(1));
        for (var i = 0; i < 2; i++) Assert.Equal(loss[i].ToDouble() + 2 * (1 - cos[i].ToDouble()), withCos[i].ToDouble(), 1e-4);
        // The code of the target image itself costs nothing.
        Assert.True(Objectives.FeatureMatch("fc5:pre", codes).Evaluate(new RenderContext(net, target, target)).abs().max().ToDouble() < 1e-10);
    }

    [Fact]
    public void Neurons_pick_one_unit_per_image()
    {
        using var scope = torch.NewDisposeScope();
        using var net = new TinySiamese();
        var x = torch.randn([3, 3, 16, 16]) * 30;
        var ctx = new RenderContext(net, x, x);
        NeuronUnit[] units = [NeuronUnit.Fc("fc5:pre", 2), NeuronUnit.Conv("conv2:pre", 1, 3, 4), NeuronUnit.Fc("fc5:pre", 7)];
        var loss = Objectives.Neurons(units).Evaluate(ctx).detach();
        var fc = net.Tap(x, "fc5:pre");
        var conv = net.Tap(x, "conv2:pre");
        Assert.Equal(-fc[0, 2].ToDouble(), loss[0].ToDouble(), 1e-5);
        Assert.Equal(-conv[1, 1, 3, 4].ToDouble(), loss[1].ToDouble(), 1e-5);
        Assert.Equal(-fc[2, 7].ToDouble(), loss[2].ToDouble(), 1e-5);
        Assert.Throws<ArgumentException>(() => Objectives.Neuron(NeuronUnit.Fc("conv2", 1)).Evaluate(ctx));
        Assert.Throws<ArgumentOutOfRangeException>(() => Objectives.Neuron(NeuronUnit.Fc("fc5", 12)).Evaluate(ctx));
    }
}
