using EssenceOfPose.Torch.Optim;

namespace EssenceOfPose.Torch.Tests;

public class OptimTests
{
    static readonly double[] P0 = [1.0, -2.0, 3.0];

    // Three different gradients, the later ones smaller, so that AMSGrad's running maximum matters.
    static readonly double[][] Grads = [[0.5, -1.0, 2.0], [0.1, 0.2, -0.3], [-0.05, 0.3, 0.01]];

    static Tensor Param() => torch.tensor((double[])P0.Clone(), 3).requires_grad_();

    /// <summary>Three steps, each with the next fixed gradient set directly on the parameter.</summary>
    static double[] Run(Func<Tensor, Optimizer> make, double[][]? grads = null)
    {
        using var scope = torch.NewDisposeScope();
        var p = Param();
        using var opt = make(p);
        foreach (var g in grads ?? Grads)
        {
            p.grad = torch.tensor(g, 3);
            opt.step();
        }
        return p.ToArray<double>();
    }

    static void Close(double[] expected, double[] actual, double tolerance = 1e-13)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {actual[i]:R}");
    }

    [Fact]
    public void Sgd_plain_first_step_is_p_minus_lr_g()
    {
        var one = Run(p => new SGD([p], lr: 0.1), [Grads[0]]);
        Close([1 - 0.1 * 0.5, -2 + 0.1 * 1.0, 3 - 0.1 * 2.0], one);
        Close(OptimReference.Sgd(P0, Grads, lr: 0.1), Run(p => new SGD([p], lr: 0.1)));
    }

    [Fact]
    public void Sgd_momentum_with_dampening_matches_formula()
    {
        // Step 1: buf = g1; step 2: buf = 0.9·g1 + 0.75·g2.
        var two = Run(p => new SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.25), Grads[..2]);
        var buf2 = new[] { 0.9 * 0.5 + 0.75 * 0.1, 0.9 * -1.0 + 0.75 * 0.2, 0.9 * 2.0 + 0.75 * -0.3 };
        Close([1 - 0.1 * 0.5 - 0.1 * buf2[0], -2 + 0.1 - 0.1 * buf2[1], 3 - 0.2 - 0.1 * buf2[2]], two);
        Close(OptimReference.Sgd(P0, Grads, lr: 0.1, momentum: 0.9, dampening: 0.25),
            Run(p => new SGD([p], lr: 0.1, momentum: 0.9, dampening: 0.25)));
    }

    [Fact]
    public void Sgd_nesterov_matches_formula_and_differs_from_heavy_ball()
    {
        var nesterov = Run(p => new SGD([p], lr: 0.1, momentum: 0.9, nesterov: true));
        Close(OptimReference.Sgd(P0, Grads, lr: 0.1, momentum: 0.9, nesterov: true), nesterov);
        Assert.NotEqual(Run(p => new SGD([p], lr: 0.1, momentum: 0.9)), nesterov);
    }

    [Fact]
    public void Sgd_weight_decay_adds_decay_times_parameter_to_gradient()
    {
        var one = Run(p => new SGD([p], lr: 0.1, weight_decay: 0.5), [Grads[0]]);
        Close([1 - 0.1 * (0.5 + 0.5 * 1), -2 - 0.1 * (-1 + 0.5 * -2), 3 - 0.1 * (2 + 0.5 * 3)], one);
        Close(OptimReference.Sgd(P0, Grads, lr: 0.1, momentum: 0.5, weight_decay: 0.5),
            Run(p => new SGD([p], lr: 0.1, momentum: 0.5, weight_decay: 0.5)));
    }

    [Fact]
    public void Sgd_maximize_ascends()
    {
        var negated = Grads.Select(g => g.Select(x => -x).ToArray()).ToArray();
        Close(OptimReference.Sgd(P0, negated, lr: 0.1, momentum: 0.9), Run(p => new SGD([p], lr: 0.1, momentum: 0.9, maximize: true)));
    }

    [Fact]
    public void Adam_first_step_moves_each_element_by_lr_then_matches_bias_corrected_formula()
    {
        // With bias correction, step 1 is p - lr·g/(|g| + eps·…) ≈ p - lr·sign(g).
        var one = Run(p => new Adam([p], lr: 0.01), [Grads[0]]);
        Close([1 - 0.01, -2 + 0.01, 3 - 0.01], one, 1e-7);
        Close(OptimReference.Adam(P0, Grads, 0.01, 0.9, 0.999, 1e-8), Run(p => new Adam([p], lr: 0.01)));
    }

    [Fact]
    public void Adam_with_weight_decay_and_custom_betas_matches_formula()
    {
        Close(OptimReference.Adam(P0, Grads, 0.05, 0.8, 0.99, 1e-6, weight_decay: 0.1),
            Run(p => new Adam([p], lr: 0.05, betas: (0.8, 0.99), eps: 1e-6, weight_decay: 0.1)));
    }

    [Fact]
    public void Adam_amsgrad_uses_running_maximum_of_second_moment()
    {
        var ams = Run(p => new Adam([p], lr: 0.05, amsgrad: true));
        Close(OptimReference.Adam(P0, Grads, 0.05, 0.9, 0.999, 1e-8, amsgrad: true), ams);
        Assert.NotEqual(Run(p => new Adam([p], lr: 0.05)), ams);
    }

    [Fact]
    public void AdamW_decays_parameter_before_the_adam_step()
    {
        var w = Run(p => new AdamW([p], lr: 0.05, weight_decay: 0.2));
        Close(OptimReference.Adam(P0, Grads, 0.05, 0.9, 0.999, 1e-8, weight_decay: 0.2, decoupled: true), w);
        Assert.NotEqual(Run(p => new Adam([p], lr: 0.05, weight_decay: 0.2)), w);
        Close(OptimReference.Adam(P0, Grads, 0.05, 0.9, 0.999, 1e-8, weight_decay: 0.2, amsgrad: true, decoupled: true),
            Run(p => new AdamW([p], lr: 0.05, weight_decay: 0.2, amsgrad: true)));
    }

    [Fact]
    public void Param_groups_use_their_own_lr_and_the_defaults_for_the_rest()
    {
        using var scope = torch.NewDisposeScope();
        var a = Param();
        var b = Param();
        using var opt = new SGD([new ParamGroup([a]), new ParamGroup([b]) { lr = 0.01 }], lr: 0.1, momentum: 0.9);
        Assert.Equal(0.1, opt.param_groups[0].lr);
        Assert.Equal(0.01, opt.param_groups[1].lr);
        Assert.Equal(0.9, opt.param_groups[1].momentum);
        foreach (var g in Grads)
        {
            a.grad = torch.tensor(g, 3);
            b.grad = torch.tensor(g, 3);
            opt.step();
        }
        Close(OptimReference.Sgd(P0, Grads, lr: 0.1, momentum: 0.9), a.ToArray<double>());
        Close(OptimReference.Sgd(P0, Grads, lr: 0.01, momentum: 0.9), b.ToArray<double>());
        Assert.Equal(3, opt.state[a].step);
        Assert.True(opt.state[b].tensors.ContainsKey("momentum_buffer"));
    }

    [Fact]
    public void Lr_changed_between_steps_takes_effect()
    {
        using var scope = torch.NewDisposeScope();
        var p = Param();
        using var opt = new SGD([p], lr: 0.1);
        p.grad = torch.tensor(Grads[0], 3);
        opt.step();
        opt.param_groups[0]["lr"] = 0.5;
        opt.step();
        Close([1 - 0.6 * 0.5, -2 + 0.6, 3 - 0.6 * 2], p.ToArray<double>());
    }

    [Fact]
    public void Bad_groups_and_options_are_rejected()
    {
        using var scope = torch.NewDisposeScope();
        var p = Param();
        Assert.Contains("more than one parameter group", Assert.Throws<ArgumentException>(() => new SGD([new ParamGroup([p]), new ParamGroup([p])], lr: 0.1)).Message);
        Assert.Contains("no option 'betas'", Assert.Throws<ArgumentException>(() => new SGD([new ParamGroup([p]) { ["betas"] = 1 }], lr: 0.1)).Message);
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => new SGD([p], lr: 0.1, nesterov: true)).Message);
        Assert.Contains("beta parameter at index 1", Assert.Throws<ArgumentException>(() => new Adam([p], betas: (0.9, 1.0))).Message);
        Assert.Contains("empty parameter list", Assert.Throws<ArgumentException>(() => new Adam(Array.Empty<ParamGroup>())).Message);
    }

    [Fact]
    public void Parameters_without_gradient_are_skipped_and_get_no_state()
    {
        using var scope = torch.NewDisposeScope();
        var p = Param();
        var q = Param();
        using var opt = new Adam([p, q], lr: 0.1);
        p.grad = torch.tensor(Grads[0], 3);
        opt.step();
        Assert.Equal(P0, q.ToArray<double>());
        Assert.NotEqual(P0, p.ToArray<double>());
        Assert.False(opt.state.ContainsKey(q));
        Assert.Equal(1, opt.state[p].step);
    }

    [Fact]
    public void Zero_grad_sets_gradients_to_none_or_to_zero()
    {
        using var scope = torch.NewDisposeScope();
        var p = Param();
        using var opt = new SGD([p], lr: 0.1);
        p.grad = torch.tensor(Grads[0], 3);
        opt.zero_grad(set_to_none: false);
        Assert.Equal(new double[3], p.grad!.ToArray<double>());
        opt.zero_grad();
        Assert.Null(p.grad);
    }

    [Fact]
    public void Optimizer_state_survives_the_callers_dispose_scope()
    {
        var p = Param();
        using var opt = new SGD([p], lr: 0.1, momentum: 0.9);
        using (torch.NewDisposeScope())
        {
            p.grad = torch.tensor(Grads[0], 3);
            opt.step();
        }
        p.grad = torch.tensor(Grads[1], 3);
        opt.step();
        Close(OptimReference.Sgd(P0, Grads[..2], lr: 0.1, momentum: 0.9), p.ToArray<double>());
        p.Dispose();
    }
}
