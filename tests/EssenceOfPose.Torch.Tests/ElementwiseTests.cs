using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Expect;

namespace EssenceOfPose.Torch.Tests;

public class ElementwiseTests
{
    const double Ln2 = 0.69314718055994531, Ln3 = 1.0986122886681098, E = 2.7182818284590452;

    [Fact]
    public void Powers_roots_exponentials_and_logs()
    {
        using var scope = torch.NewDisposeScope();
        Close([1.5, 2], D(-1.5, 2).abs());
        Close([2, 3], D(4, 9).sqrt());
        Close([0.5, 2], torch.rsqrt(D(4, 0.25)));
        Close([1, E], D(0, 1).exp(), 1e-12);
        Close([0, 1], torch.log(D(1, E)), 1e-12);
        Close([0, 1], D(0, E - 1).log1p(), 1e-12);
        Close([0, 1], D(0, Ln2).expm1(), 1e-12);
        Close([9, 0.25], D(-3, 0.5).square());
        Close([0.5, -0.25], D(2, -4).reciprocal());
        Close([4, 9], D(2, 3).pow(2));
        Close([8, 9], D(2, 3).pow(D(3, 2)));
        Close([2, 8, 0.5], torch.pow(2, D(1, 3, -1)));
        Assert.Equal(ScalarType.Float32, L(4, 9).sqrt().dtype);
        Close([2, 3], L(4, 9).sqrt(), 1e-6);
    }

    [Fact]
    public void Trigonometry_and_squashing()
    {
        using var scope = torch.NewDisposeScope();
        Close([0, 1], D(0, Math.PI / 2).sin(), 1e-12);
        Close([1, -1], D(0, Math.PI).cos(), 1e-12);
        Close([1], D(Math.PI / 4).tan(), 1e-12);
        Close([Math.PI / 4, -Math.PI / 4], D(1, -1).atan(), 1e-12);
        // atan2(y, x) puts (x, y) = (-1, 1) and (-1, -1) in the second and third quadrants.
        Close([3 * Math.PI / 4, -3 * Math.PI / 4], D(1, -1).atan2(D(-1, -1)), 1e-12);
        // tanh(ln 3) = (9 - 1) / (9 + 1); sigmoid(ln 3) = 3 / 4.
        Close([0, 0.8], D(0, Ln3).tanh(), 1e-12);
        Close([0.5, 0.75], torch.sigmoid(D(0, Ln3)), 1e-12);
    }

    [Fact]
    public void Rounding_family()
    {
        using var scope = torch.NewDisposeScope();
        Close([-1, 0, 1], D(-2, 0, 3).sign());
        Close([-2, 1], D(-1.5, 1.5).floor());
        Close([-1, 2], D(-1.5, 1.5).ceil());
        Close([0, 2, 2, -0.0, -2], D(0.5, 1.5, 2.5, -0.5, -1.5).round()); // half to even
        Close([3.14], D(3.14159).round(2), 1e-12);
        Close([20, 20], D(15, 24).round(-1), 1e-12);
        Close([-1, 1], D(-1.7, 1.7).trunc());
        Close([-0.75, 0.25], D(-1.75, 1.25).frac());
    }

    [Fact]
    public void Binary_math_broadcasts()
    {
        using var scope = torch.NewDisposeScope();
        Close([3, 5], D(1, 5).maximum(D(3, 2)));
        Close([1, 2], torch.minimum(D(1, 5), D(3, 2)));
        Close([3, 5], torch.max(D(1, 5), D(3, 2)));
        Close([-1, 1], D(-7, 7).fmod(3));
        Close([2, 1], D(-7, 7).remainder(3));
        Close([-1, 1], torch.fmod(D(-7, 7), D(3, 3)));
        Close([2, 1], torch.remainder(D(-7, 7), D(3, 3)));
        // 1 + 0.5 * 2 * 4 = 5, 1 + 0.5 * 3 * 5 = 8.5
        Close([5, 8.5], D(1, 1).addcmul(D(2, 3), D(4, 5), 0.5));
        // 1 + 2 * 2 / 4 = 2, 1 + 2 * 3 / 6 = 2
        Close([2, 2], torch.addcdiv(D(1, 1), D(2, 3), D(4, 6), 2));
        Close([2.5, 12.5], D(0, 10).lerp(D(10, 20), 0.25));
        Close([0, 20], D(0, 10).lerp(D(10, 20), D(0, 1)));
        // A row broadcasts against every row of a matrix.
        Close([2.5, 2, 3, 4], torch.tensor(new double[] { 1, 2, 3, 4 }, 2, 2).maximum(D(2.5, 0)), shape: [2, 2]);
        Expect.Throws("must match the size of tensor b", () => D(1, 2, 3).maximum(D(1, 2)));
    }

    [Fact]
    public void Clamp_with_scalar_or_tensor_bounds()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(-2, 0.5, 3);
        Close([0, 0.5, 1], x.clamp(0, 1));
        Close([-2, 0, 0], x.clamp(max: 0));
        Close([0, 0.5, 3], torch.clamp(x, min: 0));
        Close([-1, 0.5, 2], x.clamp(D(-1, -1, -1), D(2, 2, 2)));
        Close([-1, 1, 3], x.clamp(D(-1, 1, 1)));
        Close([0, 0.5, 3], x.clamp_min(0));
        Close([-2, 0.5, 1], torch.clamp_max(x, 1));
        Close([-1, 1, 3], x.clamp_min(D(-1, 1, 1)));
        Close([-2, 0, 0], x.clamp_max(D(0, 0, 0)));
        Expect.Throws("At least one of 'min' or 'max' must not be None", () => x.clamp());
    }

    [Fact]
    public void Where_with_tensor_and_scalar_branches()
    {
        using var scope = torch.NewDisposeScope();
        var c = B(true, false, true);
        var a = D(1, 2, 3);
        var b = D(10, 20, 30);
        Close([1, 20, 3], torch.where(c, a, b));
        Close([1, -1, 3], torch.where(c, a, -1));
        Close([7, 20, 7], torch.where(c, 7, b));
        Close([1, 0, 1], torch.where(c, 1.0, 0.0));
        Close([1, 20, 3], a.where(c, b));
        Close([1, 0, 3], a.where(c, 0));
        // The condition broadcasts: a column against rows.
        Close([1, 2, 3, 10, 20, 30], torch.where(torch.tensor(new[] { true, false }, 2, 1), a, b), shape: [2, 3]);
    }

    [Fact]
    public void Non_finite_values_are_found_and_replaced()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1);
        Bools([true, false, false, false], x.isnan());
        Bools([false, true, true, false], torch.isinf(x));
        Bools([false, false, false, true], x.isfinite());
        Close([0, double.MaxValue, double.MinValue, 1], x.nan_to_num());
        Close([5, 100, -100, 1], x.nan_to_num(5, 100, -100));
        Close([0, double.MaxValue, -7, 1], torch.nan_to_num(x, neginf: -7));
    }

    [Fact]
    public void Comparisons_give_bool_tensors_and_operators_compare_elementwise()
    {
        using var scope = torch.NewDisposeScope();
        var a = D(1, 2, 3);
        var b = D(3, 2, 1);
        Bools([false, true, false], a.eq(b));
        Bools([true, false, true], a.ne(b));
        Bools([true, false, false], a.lt(b));
        Bools([true, true, false], a.le(b));
        Bools([false, false, true], a.gt(b));
        Bools([false, true, true], a.ge(b));
        Bools([false, true, false], a.eq(2));
        Bools([true, false, true], torch.ne(a, 2));
        Bools([true, false, false], a < 2.0);
        Bools([false, false, true], a > 2);
        Bools([true, true, false], a <= 2);
        Bools([false, true, true], a >= 2);
        Bools([false, false, true], 2 < a);
        Bools([true, true, false], 2 >= a);
        Bools([true, false, false], a < b);
        Bools([false, true, true], a >= b);
        // == stays reference equality; element-wise equality is eq().
        var same = a;
        Assert.True(a == same);
        Assert.False(a == a.clone());
    }

    [Fact]
    public void Logic_and_bitwise_operators()
    {
        using var scope = torch.NewDisposeScope();
        var p = B(true, true, false, false);
        var q = B(true, false, true, false);
        Bools([true, false, false, false], p.logical_and(q));
        Bools([true, true, true, false], torch.logical_or(p, q));
        Bools([false, true, true, false], p.logical_xor(q));
        Bools([false, false, true, true], p.logical_not());
        Bools([true, false, false, false], p & q);
        Bools([true, true, true, false], p | q);
        Bools([false, true, true, false], p ^ q);
        Bools([false, false, true, true], ~p);
        // Logical ops read non-zero numbers as true.
        Bools([true, false], D(2, 0).logical_and(D(-1, 5)));
        // On integers the operators are bitwise: 12 = 1100b, 10 = 1010b.
        Longs([8], L(12) & L(10));
        Longs([14], L(12) | L(10));
        Longs([6], L(12) ^ L(10));
        Longs([-1], ~L(0));
        Expect.Throws("bitwise_and", () => D(1) & D(1));
    }

    [Fact]
    public void In_place_forms_change_the_tensor_and_return_it()
    {
        using var scope = torch.NewDisposeScope();
        var x = D(1, 4);
        Assert.Same(x, x.add_(2));
        Close([3, 6], x);
        Assert.Same(x, x.sub_(D(1, 1), alpha: 2));
        Close([1, 4], x);
        x.sub_(1);
        Close([0, 3], x);
        x.mul_(D(2, 3));
        Close([0, 9], x);
        x.div_(D(1, 3));
        Close([0, 3], x);
        x.div_(2);
        Close([0, 1.5], x);
        x.addcmul_(D(2, 2), D(3, 1), 0.5);
        Close([3, 2.5], x);
        x.addcdiv_(D(1, 3), D(2, 6), 2);
        Close([4, 3.5], x);
        x.pow_(2);
        Close([16, 12.25], x);
        x.sqrt_();
        Close([4, 3.5], x);
        x.pow_(D(0, 1));
        Close([1, 3.5], x);
        x.neg_();
        Close([-1, -3.5], x);
        x.abs_();
        Close([1, 3.5], x);
        x.clamp_(max: 2);
        Close([1, 2], x);
        x.clamp_(D(1.5, 0), D(3, 3));
        Close([1.5, 2], x);
        x.lerp_(D(3.5, 4), 0.5);
        Close([2.5, 3], x);
        x.lerp_(D(0, 0), D(1, 0));
        Close([0, 3], x);
    }

    [Fact]
    public void In_place_on_a_leaf_that_requires_grad_is_refused()
    {
        using var scope = torch.NewDisposeScope();
        var w = D(1, 2).requires_grad_();
        Expect.Throws("a leaf Variable that requires grad is being used in an in-place operation", () => w.add_(1));
        using (torch.no_grad()) w.add_(1);
        Close([2, 3], w);
        Expect.Throws("result type Float can't be cast to the desired output type Long", () => L(1, 2).div_(D(2, 2).@float()));
    }
}
