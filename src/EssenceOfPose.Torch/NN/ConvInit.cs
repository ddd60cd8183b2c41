namespace EssenceOfPose.Torch.NN;

/// <summary>The default initialisation of _ConvNd and Linear.</summary>
internal static class ConvInit
{
    internal static void Reset(Tensor weight, Tensor? bias)
    {
        Init.kaiming_uniform_(weight, a: Math.Sqrt(5));
        if (bias is null) return;
        var (fanIn, _) = Init.calculate_fan_in_and_fan_out(weight);
        var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
        Init.uniform_(bias, -bound, bound);
    }
}
