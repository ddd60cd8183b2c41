namespace EssenceOfPose;

/// <summary>Tensor elements as .NET arrays, whatever the tensor's dtype, device or layout.</summary>
public static class TensorData
{
    /// <summary>
    /// The elements in row-major order, converted to <typeparamref name="T"/> on the CPU.
    /// (TorchSharp's <c>data&lt;T&gt;()</c> reads only a CPU tensor whose dtype already is T.)
    /// </summary>
    public static T[] ToArray<T>(this Tensor tensor) where T : unmanaged
    {
        var type = typeof(T) switch
        {
            var t when t == typeof(float) => ScalarType.Float32,
            var t when t == typeof(double) => ScalarType.Float64,
            var t when t == typeof(byte) => ScalarType.Byte,
            var t when t == typeof(int) => ScalarType.Int32,
            var t when t == typeof(long) => ScalarType.Int64,
            var t when t == typeof(bool) => ScalarType.Bool,
            var t => throw new NotSupportedException($"no tensor dtype for {t.Name}"),
        };
        using var detached = tensor.detach();
        using var converted = detached.to(type, torch.CPU);
        using var contiguous = converted.contiguous();
        return contiguous.data<T>().ToArray();
    }
}
