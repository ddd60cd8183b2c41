using EssenceOfPose.Torch;

namespace EssenceOfPose.Torch.Tests;

/// <summary>Float64 test tensors and element-wise comparisons with a tolerance.</summary>
internal static class Approx
{
    /// <summary>A float64 tensor of exactly this shape (no shape: zero-dimensional).</summary>
    internal static Tensor D(double[] values, params long[] shape) => GradCheck.Make(values, shape);

    /// <summary>0, 1, 2, ... n-1 as float64 with this shape.</summary>
    internal static Tensor Range(params long[] shape)
    {
        var n = shape.Aggregate(1L, (a, b) => a * b);
        return D(Enumerable.Range(0, (int)n).Select(i => (double)i).ToArray(), shape);
    }

    internal static void Equal(double[] expected, Tensor actual, double tolerance = 1e-9)
    {
        var a = actual.dtype == ScalarType.Float64 ? actual.ToArray<double>() : actual.ToArray<float>().Select(v => (double)v).ToArray();
        Assert.Equal(expected.Length, a.Length);
        for (var i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]:R}, got {a[i]:R}\nexpected [{string.Join(", ", expected)}]\nactual   [{string.Join(", ", a)}]");
    }

    internal static void Equal(double expected, Tensor actual, double tolerance = 1e-9) => Equal([expected], actual, tolerance);
}
