using EssenceOfPose.Torch;

namespace EssenceOfPose.Torch.Tests;

public class CoreTests
{
    [Fact]
    public void Data_round_trips_with_shape_and_dtype()
    {
        using var t = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        Assert.Equal(new long[] { 2, 3 }, t.shape);
        Assert.Equal(ScalarType.Float32, t.dtype);
        Assert.Equal(Device.CPU, t.device);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t.ToArray<float>());
    }

    [Fact]
    public void Operators_follow_broadcasting()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        var b = torch.tensor(new double[] { 10, 20 }, 2);
        Assert.Equal(new double[] { 11, 22, 13, 24 }, (a + b).ToArray<double>());
        Assert.Equal(new double[] { -9, -18, -7, -16 }, (a - b).ToArray<double>());
        Assert.Equal(new double[] { 2, 1, 2.0 / 3, 0.5 }, (2.0 / a).ToArray<double>());
        Assert.Equal(new double[] { 7, 10, 15, 22 }, a.matmul(a).ToArray<double>());
    }

    [Fact]
    public void Wrong_shape_throws_libtorch_message_and_process_keeps_working()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.tensor(new float[] { 1, 2, 3 }, 3);
        var b = torch.tensor(new float[] { 1, 2 }, 2);
        var ex = Assert.Throws<TorchException>(() => a + b);
        Assert.Contains("size of tensor a (3) must match the size of tensor b (2)", ex.Message);
        var m = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var mm = Assert.Throws<TorchException>(() => m.mm(m));
        Assert.Contains("cannot be multiplied", mm.Message);
        Assert.Equal(new float[] { 2, 4, 6 }, (a + a).ToArray<float>());
    }

    [Fact]
    public void Disposed_tensor_throws()
    {
        var a = torch.tensor(new float[] { 1 }, 1);
        a.Dispose();
        Assert.True(a.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => a + a);
        a.Dispose(); // twice is harmless
    }

    [Fact]
    public void Scope_frees_all_but_moved_out_tensors()
    {
        Tensor kept, inner;
        using (var outer = torch.NewDisposeScope())
        {
            using (var scope = torch.NewDisposeScope())
            {
                var a = torch.tensor(new float[] { 1, 2 }, 2);
                inner = a * 2.0;
                kept = scope.MoveToOuter(a + inner);
                Assert.Equal(2, scope.Count);
                Assert.Same(outer, kept.Owner);
            }
            Assert.True(inner.IsDisposed);
            Assert.False(kept.IsDisposed);
            Assert.Equal(new float[] { 3, 6 }, kept.ToArray<float>());
        }
        Assert.True(kept.IsDisposed);
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public async Task Scope_follows_await_across_threads()
    {
        using var scope = torch.NewDisposeScope();
        // Task.Run continues on a pool thread; the scope travels with the execution context.
        var t = await Task.Run(async () =>
        {
            await Task.Yield();
            return torch.tensor(new float[] { 1 }, 1);
        });
        Assert.Same(scope, DisposeScope.Current);
        Assert.Same(scope, t.Owner);
    }

    [Fact]
    public void Backward_accumulates_gradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3 }, 3).requires_grad_();
        var y = (x * x).matmul(torch.tensor(new double[] { 1, 1, 1 }, 3));
        y.backward();
        Assert.Equal(new double[] { 2, 4, 6 }, x.grad!.ToArray<double>());
        x.grad = null;
        Assert.Null(x.grad);
        using (torch.no_grad())
        {
            Assert.False((x * 2.0).requires_grad);
        }
        Assert.True((x * 2.0).requires_grad);
    }

    [Fact]
    public void Integral_tensors_take_whole_number_scalars()
    {
        using var scope = torch.NewDisposeScope();
        var counts = torch.tensor(new long[] { 1, 2 }, 2);
        counts.add_(1);
        Assert.Equal(new long[] { 2, 3 }, counts.ToArray<long>());
        Assert.Equal(new long[] { 4, 6 }, counts.add(counts, alpha: 1).ToArray<long>());
        Assert.Equal(new long[] { 6, 9 }, (counts * 3.0).ToArray<long>());
        Assert.Throws<TorchException>(() => counts.add_(counts, alpha: 0.5));
    }
}
