using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Expect;

namespace EssenceOfPose.Torch.Tests;

public class IndexingTests
{
    // [[0, 1, 2, 3],
    //  [4, 5, 6, 7],
    //  [8, 9, 10, 11]]
    static Tensor X() => torch.arange(12.0, dtype: torch.float64).reshape(3, 4);

    [Fact]
    public void Integers_slices_and_ranges_read_as_in_python()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        Close([4, 5, 6, 7], x[1], shape: [4]);
        Close([8, 9, 10, 11], x[-1], shape: [4]);
        Scalar(6, x[1, 2]);
        Close([1, 5, 9], x[.., 1], shape: [3]);                       // x[:, 1]
        Close([4, 5, 6, 7, 8, 9, 10, 11], x[1..], shape: [2, 4]);     // x[1:]
        Close([0, 1, 2, 3, 4, 5, 6, 7], x[..^1], shape: [2, 4]);      // x[:-1]
        Close([8, 9, 10, 11], x[^1..], shape: [1, 4]);                // x[-1:]
        Assert.Equal(new long[] { 0, 4 }, x[^0..].shape);             // x[3:] is empty
        Close([1, 2, 5, 6, 9, 10], x[.., 1..3], shape: [3, 2]);       // x[:, 1:3]
        Close([0, 1, 2, 3, 8, 9, 10, 11], x[TensorIndex.Slice(step: 2)], shape: [2, 4]);   // x[::2]
        Close([3, 7, 11], x[TensorIndex.Ellipsis, -1], shape: [3]);  // x[..., -1]
        Assert.Equal(new long[] { 1, 3, 4 }, x[TensorIndex.None].shape);                   // x[None]
        Assert.Equal(new long[] { 3, 1, 4 }, x[TensorIndex.Colon, TensorIndex.None].shape); // x[:, None]
        Assert.Equal(new long[] { 1, 3, 4 }, x[true].shape);
        Assert.Equal("1:-1:2", TensorIndex.Slice(1, -1, 2).ToString());
        Expect.Throws("index 5 is out of bounds for dimension 0 with size 3", () => x[5, 0]);
        Expect.Throws("too many indices for tensor of dimension 2", () => x[0, 0, 0]);
        Assert.Throws<ArgumentException>(() => TensorIndex.Slice(step: 0));
    }

    [Fact]
    public void Tensor_indices_gather()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        Close([6, 7, 8, 9, 10, 11], x[x > 5.5], shape: [6]);
        Close([8, 9, 10, 11, 0, 1, 2, 3], x[L(2, 0)], shape: [2, 4]);
        Close([1, 11], x[L(0, 2), L(1, 3)], shape: [2]);              // pairs (0, 1) and (2, 3)
        Close([4, 6], x[1, L(0, 2)], shape: [2]);
        Close([0, 8], x[B(true, false, true), 0], shape: [2]);
    }

    [Fact]
    public void Assignment_writes_into_the_tensor()
    {
        using var scope = torch.NewDisposeScope();
        var x = X();
        x[0] = D(-1, -2, -3, -4);
        Close([-1, -2, -3, -4], x[0]);
        x[.., 0] = D(7); // broadcast
        Close([7, 7, 7], x[.., 0]);
        x[x > 9.5] = torch.scalar_tensor(0, torch.float64);
        Close([7, -2, -3, -4, 7, 5, 6, 7, 7, 9, 0, 0], x);
        Assert.Same(x, x.index_put_([1, 1..3], 1.5));
        Close([7, 1.5, 1.5, 7], x[1]);
        x.index_put_([L(0, 2), L(3, 3)], D(30, 31));
        Close([30, 31], x[.., 3].index(TensorIndex.Slice(0, null, 2)));
        Expect.Throws("shape mismatch", () => x[L(0, 1)] = D(1, 2, 3));
    }

    [Fact]
    public void Indexing_is_differentiable()
    {
        using var scope = torch.NewDisposeScope();
        var w = D(1, 2, 3, 4).requires_grad_();
        w[1..3].sum().backward();
        Close([0, 1, 1, 0], w.grad!);
    }
}
