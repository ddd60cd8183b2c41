namespace EssenceOfPose.Caffe;

/// <summary>Which part of a siamese PoseNet-family net a layer belongs to; parts run in this order.</summary>
enum CaffePart
{
    /// <summary><c>slice_pair</c>: a 6-channel pair cut into <c>data</c> and <c>data_p</c>.</summary>
    PairSlice,
    /// <summary>The tower on <c>data</c>; the suite's model holds its weights.</summary>
    Tower,
    /// <summary>The second tower on <c>data_p</c> (<c>conv1_p</c>, ...), sharing the tower's weights.</summary>
    Twin,
    /// <summary><c>concat_*</c> → <c>common_fc</c> → <c>relu_common</c>.</summary>
    Merge,
    /// <summary><c>pose_fc</c>; its number of outputs is free (it decides the label kind).</summary>
    PoseHead,
    /// <summary><c>ptch_fc</c>, the 2-way matching logits.</summary>
    MatchHead,
}

/// <summary>A layer the suite's model computes, as its Caffe prototxt spells it.</summary>
sealed record CaffeExpectedLayer(string Name, string Type, string[] Bottoms, string[] Tops, CaffeLayerParameters Parameters, CaffePart Part);
