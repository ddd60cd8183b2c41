using EssenceOfPose.Models;

namespace EssenceOfPose.Inversion;

/// <summary>How <see cref="Objectives.LayerL2"/> reduces the squared activations of one image.</summary>
internal enum LayerReduction
{
    /// <summary>½·Σ a²: DeepDream's objective_L2, whose gradient is the activations themselves.</summary>
    Sum,

    /// <summary>½·mean a²: the same up to the blob's size, comparable across layers.</summary>
    Mean,
}

public static partial class Objectives
{
    /// <summary>
    /// DeepDream's layer objective (google/deepdream, <c>objective_L2</c>: the backward pass starts
    /// from dst.diff = dst.data, the gradient of ½·Σ a²). The loss is −½·Σ a² per image, or
    /// −½·mean a² with <see cref="LayerReduction.Mean"/>. <see cref="Attribution.DeepDream"/>'s plan
    /// minimises it (the sum), which ascends ½‖a‖².
    /// </summary>
    internal static Objective LayerL2(TapName tap, LayerReduction reduction = LayerReduction.Sum) =>
        new($"layer_l2({tap},½{(reduction == LayerReduction.Sum ? "sum" : "mean")})", ctx =>
        {
            var sq = ctx.Tap(tap).flatten(1).square();
            return (reduction == LayerReduction.Sum ? sq.sum(1) : sq.mean([1])) * -0.5;
        });
}
