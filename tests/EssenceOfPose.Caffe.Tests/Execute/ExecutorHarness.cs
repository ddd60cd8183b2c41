namespace EssenceOfPose.Caffe.Tests;

/// <summary>Small nets written inline, run by <see cref="CaffeExecutor"/> with random weights, compared with reference values.</summary>
internal static class ExecutorHarness
{
    /// <summary>The net of <paramref name="prototxt"/> with random weights; also returns the model so references can read the weights.</summary>
    public static (CaffeNet Net, CaffeModel Model, CaffeExecutor Executor) Build(string prototxt, int seed = 1)
    {
        var net = CaffeNet.Parse(prototxt, "test.prototxt");
        var model = RandomCaffeModel.For(net, seed: seed, scale: 0.5);
        return (net, model, CaffeExecutor.Load(net, model));
    }

    public static Tensor Tensor(Nd x) => torch.tensor(x.Floats, x.Shape.Select(d => (long)d).ToArray());

    public static Tensor Tensor(float[] values, params long[] shape) => torch.tensor(values, shape);

    public static Nd Blob(CaffeModel model, string layer, int index)
    {
        var blob = model.Layer(layer)!.Blobs[index];
        return new Nd(blob.Shape, blob.Data.Select(v => (double)v).ToArray());
    }

    /// <summary>Same shape, and every value within <paramref name="tolerance"/> relative to max(1, |expected|).</summary>
    public static void Near(Nd expected, Tensor actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Shape.Select(d => (long)d), actual.shape);
        var values = actual.ToArray<float>();
        for (var i = 0; i < values.Length; i++)
        {
            var allowed = tolerance * Math.Max(1, Math.Abs(expected.Data[i]));
            Assert.True(Math.Abs(values[i] - expected.Data[i]) <= allowed,
                $"element {i}: expected {expected.Data[i]}, got {values[i]} (tolerance {allowed:g3})");
        }
    }

    public static void Near(double[] expected, Tensor actual, double tolerance = 1e-6)
    {
        var values = actual.ToArray<float>();
        Assert.Equal(expected.Length, values.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(values[i] - expected[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                $"element {i}: expected {expected[i]}, got {values[i]}");
    }
}
