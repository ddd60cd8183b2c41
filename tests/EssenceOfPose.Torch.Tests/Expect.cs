using EssenceOfPose.Torch;

namespace EssenceOfPose.Torch.Tests;

/// <summary>Assertions on tensor values against hand-computed numbers, and short tensor literals.</summary>
internal static class Expect
{
    /// <summary>A 1-D float64 tensor.</summary>
    public static Tensor D(params double[] values) => torch.tensor(values);

    /// <summary>A 1-D int64 tensor.</summary>
    public static Tensor L(params long[] values) => torch.tensor(values);

    /// <summary>A 1-D bool tensor.</summary>
    public static Tensor B(params bool[] values) => torch.tensor(values);

    /// <summary>Shape, then values (row-major) within an absolute tolerance, whatever the dtype.</summary>
    public static void Close(double[] expected, Tensor actual, double tolerance = 1e-9, long[]? shape = null)
    {
        if (shape is not null) Assert.Equal(shape, actual.shape);
        using var d = actual.to(ScalarType.Float64);
        var values = d.ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(expected[i])) Assert.True(double.IsNaN(values[i]), $"[{i}]: expected NaN, got {values[i]}");
            else if (double.IsInfinity(expected[i])) Assert.Equal(expected[i], values[i]);
            else Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {values[i]} (all: {string.Join(", ", values)})");
        }
    }

    /// <summary>The value of a zero-dimensional tensor.</summary>
    public static void Scalar(double expected, Tensor actual, double tolerance = 1e-9) => Close([expected], actual, tolerance, shape: []);

    public static void Longs(long[] expected, Tensor actual, long[]? shape = null)
    {
        Assert.Equal(ScalarType.Int64, actual.dtype);
        if (shape is not null) Assert.Equal(shape, actual.shape);
        Assert.Equal(expected, actual.ToArray<long>());
    }

    public static void Bools(bool[] expected, Tensor actual, long[]? shape = null)
    {
        Assert.Equal(ScalarType.Bool, actual.dtype);
        if (shape is not null) Assert.Equal(shape, actual.shape);
        Assert.Equal(expected, actual.ToArray<bool>());
    }

    /// <summary>Runs an op that must fail inside libtorch with a message containing <paramref name="message"/>.</summary>
    public static TorchException Throws(string message, Func<object> op)
    {
        var ex = Assert.Throws<TorchException>(op);
        Assert.Contains(message, ex.Message);
        return ex;
    }
}
