using EssenceOfPose.Torch.Optim;

namespace EssenceOfPose.Torch.Tests;

public class GradClipTests
{
    static Tensor WithGrad(double[] grad)
    {
        var p = torch.tensor(new double[grad.Length], grad.Length).requires_grad_();
        p.grad = torch.tensor(grad, grad.Length);
        return p;
    }

    static double Norm2(IEnumerable<Tensor> ps) => Math.Sqrt(ps.SelectMany(p => p.grad!.ToArray<double>()).Sum(x => x * x));

    [Fact]
    public void Clip_grad_norm_scales_joint_norm_to_max_norm_and_returns_the_old_norm()
    {
        using var scope = torch.NewDisposeScope();
        Tensor[] ps = [WithGrad([3, 4]), WithGrad([12]), torch.tensor(new double[] { 5 }, 1)];
        var total = GradClip.clip_grad_norm_(ps, max_norm: 2);
        Assert.Equal(13, total, 1e-12);
        var coef = 1 / (13 + 1e-6) * 2;
        var g0 = ps[0].grad!.ToArray<double>();
        Assert.Equal(3 * coef, g0[0], 1e-15);
        Assert.Equal(4 * coef, g0[1], 1e-15);
        Assert.Equal(12 * coef, ps[1].grad!.ToArray<double>()[0], 1e-15);
        Assert.Equal(2, Norm2(ps[..2]), 1e-6);
        Assert.Null(ps[2].grad);
    }

    [Fact]
    public void Clip_grad_norm_leaves_small_gradients_alone()
    {
        using var scope = torch.NewDisposeScope();
        var p = WithGrad([0.3, -0.4]);
        Assert.Equal(0.5, GradClip.clip_grad_norm_([p], max_norm: 1), 1e-12);
        Assert.Equal(new[] { 0.3, -0.4 }, p.grad!.ToArray<double>());
    }

    [Fact]
    public void Clip_grad_norm_supports_other_norms()
    {
        using var scope = torch.NewDisposeScope();
        var a = WithGrad([3, -4]);
        var b = WithGrad([-6]);
        Assert.Equal(6, GradClip.clip_grad_norm_([a, b], max_norm: 3, norm_type: double.PositiveInfinity), 1e-12);
        Assert.Equal(-3, b.grad!.ToArray<double>()[0], 1e-6);
        var c = WithGrad([1, -2]);
        var d = WithGrad([3]);
        Assert.Equal(6, GradClip.clip_grad_norm_([c, d], max_norm: 100, norm_type: 1), 1e-12);
        Assert.Equal(new[] { 1.0, -2.0 }, c.grad!.ToArray<double>());
    }

    [Fact]
    public void Clip_grad_norm_without_gradients_is_zero_and_nonfinite_can_throw()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(0, GradClip.clip_grad_norm_([torch.tensor(new double[] { 1 }, 1)], 1));
        var nan = WithGrad([double.NaN, 1]);
        Assert.Contains("non-finite", Assert.Throws<TorchException>(() => GradClip.clip_grad_norm_([nan], 1, error_if_nonfinite: true)).Message);
        Assert.True(double.IsNaN(GradClip.clip_grad_norm_([nan], 1)));
    }

    [Fact]
    public void Clip_grad_value_clamps_every_element()
    {
        using var scope = torch.NewDisposeScope();
        var a = WithGrad([-3, 0.2, 5]);
        var b = WithGrad([0.9, -0.9]);
        GradClip.clip_grad_value_([a, b], 0.5);
        Assert.Equal(new[] { -0.5, 0.2, 0.5 }, a.grad!.ToArray<double>());
        Assert.Equal(new[] { 0.5, -0.5 }, b.grad!.ToArray<double>());
    }
}
