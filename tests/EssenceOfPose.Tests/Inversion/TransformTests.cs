using EssenceOfPose.Inversion;

namespace EssenceOfPose.Tests.Inversion;

public class TransformTests
{
    [Fact]
    public void Jitter_crops_a_window_per_image_reproducibly()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(2 * 3 * 20 * 20, dtype: ScalarType.Float32).view(2, 3, 20, 20);
        var a = new Jitter(4).Apply(x, new Generator(1));
        var b = new Jitter(4).Apply(x, new Generator(1));
        Assert.Equal(new long[] { 2, 3, 16, 16 }, a.shape);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        for (var i = 0; i < 2; i++)
        {
            // The window's corner tells its offset; the window must be exactly that part of the input.
            var corner = (long)a[i, 0, 0, 0].ToDouble() - i * 3 * 400;
            long oy = corner / 20, ox = corner % 20;
            Assert.InRange(oy, 0, 4);
            Assert.InRange(ox, 0, 4);
            Assert.Equal(x[i].narrow(1, oy, 16).narrow(2, ox, 16).contiguous().ToArray<float>(), a[i].contiguous().ToArray<float>());
        }
        var offsets = Enumerable.Range(0, 50).Select(s => new Jitter(4).Apply(x, new Generator((ulong)s))[0, 0, 0, 0].ToDouble()).Distinct().Count();
        Assert.True(offsets > 10, $"only {offsets} distinct offsets in 50 seeds");
    }

    [Fact]
    public void Unit_scale_and_zero_rotation_are_the_identity()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn([2, 3, 12, 12], generator: new Generator(2));
        Assert.True((new RandomScale(1, 1).Apply(x, new Generator(3)) - x).abs().max().ToDouble() < 1e-4);
        Assert.True((new RandomRotate(0).Apply(x, new Generator(3)) - x).abs().max().ToDouble() < 1e-4);
    }

    [Fact]
    public void A_quarter_turn_moves_pixel_centres_onto_pixel_centres()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn([1, 2, 8, 8], generator: new Generator(4));
        // The map RandomRotate builds for +90°: out(x, y) samples in(−y, x).
        var r = RandomAffine.Warp(x, [0, -1, 0, 1, 0, 0]);
        Assert.True((r - x.transpose(2, 3).flip(2)).abs().max().ToDouble() < 1e-5);
        var a = new RandomRotate(30).Apply(x, new Generator(6));
        Assert.Equal(a.ToArray<float>(), new RandomRotate(30).Apply(x, new Generator(6)).ToArray<float>());
        Assert.True((a - x).abs().max().ToDouble() > 1e-3);
        Assert.True((new RandomScale(0.5, 2).Apply(x, new Generator(6)) - x).abs().max().ToDouble() > 1e-3);
    }

    [Fact]
    public void Roll_shifts_the_batch_by_one_draw_of_two_and_keeps_the_size()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(2 * 3 * 5 * 5, dtype: ScalarType.Float32).view(2, 3, 5, 5);
        using var g = new Generator(4);
        var rolled = new Roll(2).Apply(x, g);
        using var again = new Generator(4);
        var shift = torch.randint(-2, 3, [2], generator: again).ToArray<long>();
        Assert.Equal(x.roll(shift, new long[] { 2, 3 }).ToArray<float>(), rolled.ToArray<float>());
        Assert.Equal(0, new Roll(2).Margin);
    }

    [Fact]
    public void Resize_is_bilinear_to_the_size_and_passes_the_gradient_back()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.randn([1, 3, 7, 7], generator: new Generator(1)).requires_grad_();
        var y = new Resize(11).Apply(x, new Generator(0));
        Assert.Equal(new long[] { 1, 3, 11, 11 }, y.shape);
        var g = torch.autograd.grad([y.sum()], [x])[0];
        Assert.True(g.abs().sum().ToDouble() > 0);
    }

    [Fact]
    public void Chains_add_margins_and_names()
    {
        var t = new Jitter(8).Then(new RandomScale(0.9, 1.1)).Then(new RandomRotate(10)).Then(new Jitter(4));
        Assert.Equal(12, t.Margin);
        Assert.Equal("jitter(8), scale(0.9..1.1), rotate(±10°), jitter(4)", t.Name);
        Assert.Equal(0, Transform.None.Margin);
        Assert.Equal("none", Transform.None.Name);
        Assert.Equal(t, new Jitter(8).Then(new RandomScale(0.9, 1.1)).Then(new RandomRotate(10).Then(new Jitter(4))));
    }
}
