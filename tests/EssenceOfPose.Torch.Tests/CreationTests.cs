using EssenceOfPose.Torch;
using static EssenceOfPose.Torch.Tests.Expect;

namespace EssenceOfPose.Torch.Tests;

public class CreationTests
{
    [Fact]
    public void Zeros_ones_empty_have_shape_default_float32_and_values()
    {
        using var scope = torch.NewDisposeScope();
        var z = torch.zeros(2, 3);
        Assert.Equal(ScalarType.Float32, z.dtype);
        Close([0, 0, 0, 0, 0, 0], z, shape: [2, 3]);
        var o = torch.ones([2], dtype: torch.float64);
        Assert.Equal(ScalarType.Float64, o.dtype);
        Assert.Equal(new double[] { 1, 1 }, o.ToArray<double>());
        var e = torch.empty([4, 1], dtype: torch.int64);
        Assert.Equal(new long[] { 4, 1 }, e.shape);
        Assert.Equal(ScalarType.Int64, e.dtype);
        Assert.Equal(Device.CPU, torch.zeros([1], device: Device.CPU).device);
        var s = torch.zeros();
        Assert.Empty(s.shape);
        Assert.Equal(1, s.numel());
    }

    [Fact]
    public void Full_takes_its_dtype_from_the_fill_value_as_pytorch()
    {
        using var scope = torch.NewDisposeScope();
        var f = torch.full([2], 3.5);
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal(new float[] { 3.5f, 3.5f }, f.ToArray<float>());
        var i = torch.full([2], 7);
        Assert.Equal(ScalarType.Int64, i.dtype);
        Assert.Equal(new long[] { 7, 7 }, i.ToArray<long>());
        // All 64 bits of an integer fill survive (a double would round 2^53 + 1).
        Assert.Equal(new long[] { 9007199254740993 }, torch.full([1], 9007199254740993L).ToArray<long>());
        Bools([true, true, true], torch.full([3], true));
        var d = torch.full([1, 2], 2, dtype: torch.float64);
        Assert.Equal(new double[] { 2, 2 }, d.ToArray<double>());
    }

    [Fact]
    public void Arange_of_integers_is_int64_and_of_doubles_float32()
    {
        using var scope = torch.NewDisposeScope();
        Longs([0, 1, 2, 3, 4], torch.arange(5));
        Longs([1, 3, 5], torch.arange(1, 7, 2));
        Longs([5, 3, 1], torch.arange(5, 0, -2));
        var f = torch.arange(0.0, 1.0, 0.25);
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal(new float[] { 0, 0.25f, 0.5f, 0.75f }, f.ToArray<float>());
        Assert.Equal(new float[] { 0, 1, 2 }, torch.arange(3.0).ToArray<float>());
        Assert.Equal(new double[] { 2, 3 }, torch.arange(2, 4, dtype: torch.float64).ToArray<double>());
        Expect.Throws("step must be nonzero", () => torch.arange(0, 10, 0));
    }

    [Fact]
    public void Linspace_includes_both_ends_and_eye_is_identity()
    {
        using var scope = torch.NewDisposeScope();
        Close([0, 0.25, 0.5, 0.75, 1], torch.linspace(0, 1, 5), shape: [5]);
        Close([-1, 1], torch.linspace(-1, 1, 2, dtype: torch.float64), shape: [2]);
        Close([1, 0, 0, 0, 1, 0, 0, 0, 1], torch.eye(3), shape: [3, 3]);
        Close([1, 0, 0, 0, 1, 0], torch.eye(2, 3), shape: [2, 3]);
        Expect.Throws("number of steps must be non-negative", () => torch.linspace(0, 1, -1));
    }

    [Fact]
    public void Scalar_tensor_has_no_dimensions()
    {
        using var scope = torch.NewDisposeScope();
        var s = torch.scalar_tensor(2.5);
        Assert.Empty(s.shape);
        Assert.Equal(ScalarType.Float32, s.dtype);
        Assert.Equal(2.5, s.item());
        Assert.Empty(torch.scalar_tensor(-1, torch.float64).shape);
    }

    [Fact]
    public void Requires_grad_makes_a_leaf()
    {
        using var scope = torch.NewDisposeScope();
        var w = torch.ones([3], requires_grad: true);
        Assert.True(w.requires_grad);
        Assert.True(w.is_leaf);
        Assert.False(torch.ones(3).requires_grad);
        Assert.True(torch.full([2], 0.5, requires_grad: true).requires_grad);
        Assert.True(torch.zeros_like(w, requires_grad: true).requires_grad);
        // Integer tensors cannot require gradients; libtorch says so and the process goes on.
        Expect.Throws("floating point", () => torch.zeros([2], dtype: torch.int64, requires_grad: true));
        Assert.Equal(3, torch.zeros(3).numel());
    }

    [Fact]
    public void Like_factories_keep_shape_dtype_and_device_unless_told()
    {
        using var scope = torch.NewDisposeScope();
        var m = torch.tensor(new long[] { 1, 2, 3, 4, 5, 6 }, 2, 3);
        var z = torch.zeros_like(m);
        Longs([0, 0, 0, 0, 0, 0], z, shape: [2, 3]);
        var o = torch.ones_like(m, dtype: torch.float64);
        Assert.Equal(ScalarType.Float64, o.dtype);
        Close([1, 1, 1, 1, 1, 1], o, shape: [2, 3]);
        var f = torch.full_like(torch.zeros(2), 2.5);
        Assert.Equal(new float[] { 2.5f, 2.5f }, f.ToArray<float>());
        var e = torch.empty_like(m, device: Device.CPU);
        Assert.Equal(new long[] { 2, 3 }, e.shape);
        Assert.Equal(ScalarType.Int64, e.dtype);
        Assert.False(z.requires_grad);
    }

    [Fact]
    public void Negative_size_and_missing_cuda_raise_libtorch_errors()
    {
        using var scope = torch.NewDisposeScope();
        Expect.Throws("negative dimension -1", () => torch.zeros(2, -1));
        if (!torch.cuda.is_available())
            Assert.Throws<TorchException>(() => torch.zeros([1], device: Device.CUDA()));
        Close([1], torch.ones(1));
    }
}
