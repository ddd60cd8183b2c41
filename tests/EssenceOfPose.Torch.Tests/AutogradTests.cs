using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Expect;

namespace EssenceOfPose.Torch.Tests;

public class AutogradTests
{
    [Fact]
    public void Grad_of_a_cube_and_its_second_derivative()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(1, 2, 3).requires_grad_();
        var y = x.pow(3).sum();
        var g = torch.autograd.grad([y], [x], create_graph: true);
        Assert.Single(g);
        Close([3, 12, 27], g[0]!); // 3x²
        Assert.True(g[0]!.requires_grad);
        var g2 = torch.autograd.grad(g[0]!.sum(), x);
        Close([6, 12, 18], g2!); // 6x
        Assert.Null(x.grad); // grad returns gradients, it does not accumulate them
    }

    [Fact]
    public void Grad_outputs_weight_a_vector_output()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(1, 2, 3).requires_grad_();
        var y = x * x;
        // Σ v·x² has gradient 2x·v
        var g = torch.autograd.grad([y], [x], [D(1, 0, 2)]);
        Close([2, 0, 12], g[0]!);
        Expect.Throws("grad can be implicitly created only for scalar outputs", () => torch.autograd.grad([(x * x)], [x]));
    }

    [Fact]
    public void Several_inputs_and_unused_ones()
    {
        using var scope = torch.NewDisposeScope();
        var a = D(2, 3).requires_grad_();
        var b = D(5, 7).requires_grad_();
        var unused = D(1).requires_grad_();
        var f = (a * b).sum();
        var g = torch.autograd.grad([f], [a, b, unused], retain_graph: true, allow_unused: true);
        Close([5, 7], g[0]!);
        Close([2, 3], g[1]!);
        Assert.Null(g[2]);
        Expect.Throws("One of the differentiated Tensors appears to not have been used in the graph", () => torch.autograd.grad([f], [a, unused]));
    }

    [Fact]
    public void The_graph_is_freed_unless_retained()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(1.5).requires_grad_();
        var y = (x * x).sum();
        Close([3], torch.autograd.grad([y], [x], retain_graph: true)[0]!);
        Close([3], torch.autograd.grad([y], [x])[0]!);
        Expect.Throws("Trying to backward through the graph a second time", () => torch.autograd.grad([y], [x]));
        Expect.Throws("element 0 of tensors does not require grad and does not have a grad_fn", () => torch.autograd.grad([D(1).sum()], [x]));
    }

    [Fact]
    public void Gradients_of_common_ops_match_hand_derivatives()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(0, Math.Log(3)).requires_grad_();
        // sigmoid' = s(1 - s): 0.25 at 0, 0.75 · 0.25 at ln 3
        Close([0.25, 0.1875], torch.autograd.grad(x.sigmoid().sum(), x)!, 1e-12);
        var v = D(3, -4).requires_grad_();
        // d|v|/dv = v / |v|
        Close([0.6, -0.8], torch.autograd.grad(v.norm(), v)!, 1e-12);
        var w = D(-1, 2).requires_grad_();
        // where picks w² on the positive side and -w on the other
        Close([-1, 4], torch.autograd.grad(torch.where(w > 0, w * w, -w).sum(), w)!);
        var m = D(1, 5, 3).requires_grad_();
        Close([0, 1, 0], torch.autograd.grad(m.max(), m)!);
    }

    [Fact]
    public void Retain_grad_keeps_a_non_leaf_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(1, 2, 3).requires_grad_();
        var h = x * 2.0;
        Assert.False(h.retains_grad);
        Assert.Same(h, h.retain_grad());
        Assert.True(h.retains_grad);
        (h * h).sum().backward();
        Close([4, 8, 12], h.grad!); // 2h
        Close([8, 16, 24], x.grad!); // 2h · 2
    }
}
