using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Expect;

namespace EssenceOfPose.Torch.Tests;

public class ShapeTests
{
    // [[0, 1, 2],
    //  [3, 4, 5]]
    static Tensor M() => torch.arange(6.0, dtype: torch.float64).reshape(2, 3);

    [Fact]
    public void Reshape_view_permute_transpose()
    {
        using var scope = torch.NewDisposeScope();
        var m = M();
        Close([0, 1, 2, 3, 4, 5], m, shape: [2, 3]);
        Assert.Equal(new long[] { 3, 2 }, m.reshape(-1, 2).shape);
        Assert.Equal(new long[] { 6 }, torch.reshape(m, 6).shape);
        Close([0, 3, 1, 4, 2, 5], m.t(), shape: [3, 2]);
        Close([0, 3, 1, 4, 2, 5], m.transpose(0, 1), shape: [3, 2]);
        Close([0, 3, 1, 4, 2, 5], torch.transpose(m, -1, -2).contiguous(), shape: [3, 2]);
        // A transpose is not contiguous: view refuses it, reshape copies.
        Expect.Throws("view size is not compatible with input tensor's size and stride", () => m.t().view(6));
        Close([0, 3, 1, 4, 2, 5], m.t().reshape(6), shape: [6]);
        var v = m.view(3, 2);
        v.fill_(1); // a view writes through
        Close([1, 1, 1, 1, 1, 1], m);
        var c = torch.arange(24).reshape(2, 3, 4);
        Assert.Equal(new long[] { 4, 2, 3 }, c.permute(2, 0, 1).shape);
        // p[k, i, j] = c[i, j, k]
        Assert.Equal(1L, torch.permute(c, 2, 0, 1)[1, 0, 0].item_long());
        Assert.Equal(12L, c.permute(2, 0, 1)[0, 1, 0].item_long());
        Expect.Throws("shape '[4, 2]' is invalid for input of size 6", () => m.reshape(4, 2));
    }

    [Fact]
    public void Squeeze_and_unsqueeze()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.zeros(1, 3, 1);
        Assert.Equal(new long[] { 3 }, x.squeeze().shape);
        Assert.Equal(new long[] { 3, 1 }, x.squeeze(0).shape);
        Assert.Equal(new long[] { 1, 3 }, torch.squeeze(x, -1).shape);
        Assert.Equal(new long[] { 1, 3, 1 }, x.squeeze(1).shape); // size 3: unchanged
        Assert.Equal(new long[] { 1, 1, 3, 1 }, x.unsqueeze(0).shape);
        Assert.Equal(new long[] { 1, 3, 1, 1 }, torch.unsqueeze(x, -1).shape);
        Expect.Throws("Dimension out of range", () => x.unsqueeze(5));
    }

    [Fact]
    public void Cat_and_stack()
    {
        using var scope = torch.NewDisposeScope();
        var a = D(1, 2).reshape(1, 2);
        var b = D(3, 4, 5, 6).reshape(2, 2);
        Close([1, 2, 3, 4, 5, 6], torch.cat([a, b]), shape: [3, 2]);
        Close([1, 2, 1, 2], torch.cat([a, a], dim: -1), shape: [1, 4]);
        Close([1, 2, 3, 4], torch.stack([D(1, 2), D(3, 4)]), shape: [2, 2]);
        Close([1, 3, 2, 4], torch.stack([D(1, 2), D(3, 4)], dim: 1), shape: [2, 2]);
        Expect.Throws("Sizes of tensors must match except in dimension 0", () => torch.cat([a, D(1, 2, 3).reshape(1, 3)]));
        Expect.Throws("stack expects each tensor to be equal size", () => torch.stack([D(1), D(1, 2)]));
    }

    [Fact]
    public void Narrow_slice_select_share_storage()
    {
        using var scope = torch.NewDisposeScope();
        var m = M();
        Close([1, 2, 4, 5], m.narrow(1, 1, 2), shape: [2, 2]);
        Close([0, 2, 3, 5], m.slice(1, null, null, 2), shape: [2, 2]);
        Close([1, 2, 4, 5], m.slice(1, -2), shape: [2, 2]);
        Close([0, 3], m.slice(1, 0, 1), shape: [2, 1]);
        Close([2, 5], m.select(1, -1), shape: [2]);
        Close([3, 4, 5], torch.select(m, 0, 1), shape: [3]);
        m.narrow(0, 1, 1).fill_(9);
        Close([0, 1, 2, 9, 9, 9], m);
        Expect.Throws("start (3) + length (1) exceeds dimension size (3)", () => m.narrow(1, 3, 1));
        Expect.Throws("select(): index 2 out of range for tensor of size [2, 3] at dimension 0", () => m.select(0, 2));
    }

    [Fact]
    public void Index_select_gather_masked_select()
    {
        using var scope = torch.NewDisposeScope();
        var m = M();
        Close([3, 4, 5, 0, 1, 2], m.index_select(0, L(1, 0)), shape: [2, 3]);
        Close([2, 0, 5, 3], torch.index_select(m, 1, L(2, 0)), shape: [2, 2]);
        // out[i][j] = x[i][index[i][j]]
        var x = torch.tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        Close([1, 1, 4, 3], x.gather(1, torch.tensor(new long[] { 0, 0, 1, 0 }, 2, 2)), shape: [2, 2]);
        Close([3, 2], torch.gather(x, 0, torch.tensor(new long[] { 1, 0 }, 1, 2)), shape: [1, 2]);
        Close([3, 4, 5], m.masked_select(m > 2.5), shape: [3]);
        Close([1, 4], torch.masked_select(m, torch.tensor(new[] { false, true, false }, 1, 3)), shape: [2]);
        Expect.Throws("index_select(): Expected dtype int32 or int64 for index", () => m.index_select(0, D(0)));
        Expect.Throws("index 5 is out of bounds", () => x.gather(1, torch.tensor(new long[] { 5, 0, 0, 0 }, 2, 2)));
    }

    [Fact]
    public void Scatter_scatter_add_masked_fill()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.zeros([2, 3], dtype: torch.float64);
        var index = torch.tensor(new long[] { 0, 2, 1, 0 }, 2, 2);
        var src = torch.tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        // row 0: columns 0 and 2 get 1 and 2; row 1: columns 1 and 0 get 3 and 4.
        Close([1, 0, 2, 4, 3, 0], z.scatter(1, index, src), shape: [2, 3]);
        Close([9, 0, 9, 9, 9, 0], torch.scatter(z, 1, index, 9));
        Close([0, 0, 0, 0, 0, 0], z); // out of place
        Close([4, 2, 4], torch.scatter_add(torch.zeros([3], dtype: torch.float64), 0, L(0, 1, 0, 2), D(1, 2, 3, 4)));
        Assert.Same(z, z.scatter_(1, index, src));
        Close([1, 0, 2, 4, 3, 0], z);
        z.scatter_add_(1, index, src);
        Close([2, 0, 4, 8, 6, 0], z);
        var m = M();
        Close([0, 1, 2, -1, -1, -1], m.masked_fill(m > 2.5, -1));
        Close([7, 1, 2, 7, 4, 5], torch.masked_fill(m, torch.tensor(new[] { true, false, false }, 3), 7));
        Close([0, -2, -2, 3, -2, -2], m.masked_fill(torch.tensor(new[] { false, true, true }, 3), torch.scalar_tensor(-2, torch.float64)));
        Assert.Same(m, m.masked_fill_(m < 1, 5));
        Close([5, 1, 2, 3, 4, 5], m);
        Expect.Throws("masked_fill_ only supports a 0-dimensional value tensor", () => m.masked_fill(m > 0, D(1, 2)));
        Expect.Throws("The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 1", () => m.masked_fill(B(true, false), 0));
    }

    [Fact]
    public void Flip_roll_expand_repeat()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        Close([3, 4, 1, 2], x.flip(0));
        Close([4, 3, 2, 1], torch.flip(x, 0, 1));
        Close([4, 1, 2, 3], x.roll(1), shape: [2, 2]); // no dims: along the flattened tensor
        Close([3, 4, 1, 2], x.roll(1, 0));
        Close([2, 1, 4, 3], torch.roll(x, -1, 1));
        Close([4, 3, 2, 1], x.roll([1, 1], [0, 1]));
        var col = D(1, 2).reshape(2, 1);
        var e = col.expand(2, 3);
        Close([1, 1, 1, 2, 2, 2], e, shape: [2, 3]);
        Assert.Equal(0L, e.stride()[1]); // a view: nothing copied
        Close([1, 1, 2, 2], col.expand(-1, 2), shape: [2, 2]);
        Close([1, 1, 1, 2, 2, 2], col.expand_as(torch.zeros(2, 3)), shape: [2, 3]);
        Close([1, 2, 1, 2], torch.broadcast_to(D(1, 2), 2, 2), shape: [2, 2]);
        Close([1, 2, 1, 2, 1, 2, 1, 2], D(1, 2).repeat(2, 2), shape: [2, 4]);
        Expect.Throws("The expanded size of the tensor (3) must match the existing size (2)", () => col.expand(3, 3));
    }

    [Fact]
    public void Chunk_split_unbind_return_views()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.arange(5.0, dtype: torch.float64);
        var c = x.chunk(2);
        Assert.Equal(2, c.Length);
        Close([0, 1, 2], c[0]);
        Close([3, 4], c[1]);
        Assert.Equal(3, torch.chunk(torch.arange(6), 4).Length); // sizes 2, 2, 2: fewer than asked
        var s = x.split(2);
        Assert.Equal(3, s.Length);
        Close([4], s[2]);
        var w = torch.split(x, [1, 4]);
        Close([0], w[0]);
        Close([1, 2, 3, 4], w[1]);
        var rows = M().unbind(1);
        Assert.Equal(3, rows.Length);
        Close([1, 4], rows[1], shape: [2]);
        c[1].fill_(-1);
        Close([0, 1, 2, -1, -1], x);
        Expect.Throws("split_with_sizes expects split_sizes to sum exactly to 5", () => x.split([1, 1]));
        Expect.Throws("chunk expects `chunks` to be greater than 0", () => x.chunk(0));
    }

    [Fact]
    public void Diag_tril_triu()
    {
        using var scope = torch.NewDisposeScope();
        Close([1, 0, 0, 2], D(1, 2).diag(), shape: [2, 2]);
        Close([0, 1, 0, 0, 0, 2, 0, 0, 0], torch.diag(D(1, 2), 1), shape: [3, 3]);
        var m = torch.arange(1.0, 10.0, dtype: torch.float64).reshape(3, 3);
        Close([1, 5, 9], m.diag());
        Close([2, 6], m.diag(1));
        Close([1, 0, 0, 4, 5, 0, 7, 8, 9], m.tril());
        Close([0, 0, 0, 4, 0, 0, 7, 8, 0], torch.tril(m, -1));
        Close([1, 2, 3, 0, 5, 6, 0, 0, 9], m.triu());
        Close([0, 2, 3, 0, 0, 6, 0, 0, 0], torch.triu(m, 1));
    }

    [Fact]
    public void Products_and_einsum()
    {
        using var scope = torch.NewDisposeScope();
        Close([3, 4, 5, 6, 8, 10], D(1, 2).outer(D(3, 4, 5)), shape: [2, 3]);
        Scalar(32, D(1, 2, 3).dot(D(4, 5, 6)));
        Scalar(32, torch.dot(D(1, 2, 3), D(4, 5, 6)));
        // batch 0: [1 2] · [[1],[1]] = 3; batch 1: [3 4] · [[2],[0]] = 6
        var a = torch.tensor(new double[] { 1, 2, 3, 4 }, 2, 1, 2);
        var b = torch.tensor(new double[] { 1, 1, 2, 0 }, 2, 2, 1);
        Close([3, 6], a.bmm(b), shape: [2, 1, 1]);
        var p = torch.tensor(new double[] { 1, 2, 3, 4 }, 2, 2);
        var q = torch.tensor(new double[] { 5, 6, 7, 8 }, 2, 2);
        Close([19, 22, 43, 50], torch.einsum("ij,jk->ik", p, q), shape: [2, 2]);
        Scalar(5, torch.einsum("ii", p));
        Close([3, 4, 6, 8], torch.einsum("i,j->ij", D(1, 2), D(3, 4)), shape: [2, 2]);
        Close([3, 7], torch.einsum("bij->b", torch.tensor(new double[] { 1, 2, 3, 4 }, 2, 1, 2)), shape: [2]);
        Expect.Throws("dot : expected both vectors to have same dtype", () => D(1).dot(torch.ones(1)));
        Expect.Throws("einsum()", () => torch.einsum("ij->i", D(1, 2)));
        Expect.Throws("batch1 must be a 3D tensor", () => p.bmm(q));
    }
}
