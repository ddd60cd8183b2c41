namespace EssenceOfPose.Caffe;

/// <summary>
/// One <c>param { }</c> entry of a layer (or, in V1 files, one <c>param:</c> name with its <c>blobs_lr</c> and
/// <c>weight_decay</c>). Layers that give the same non-empty <see cref="Name"/> share that blob:
/// this is how the siamese towers (<c>conv1</c> and <c>conv1_p</c>) share weights.
/// </summary>
sealed record CaffeParamSpec(string? Name = null, double LrMult = 1, double DecayMult = 1)
{
    public bool IsShared => !string.IsNullOrEmpty(Name);
}
