namespace EssenceOfPose.Caffe;

/// <summary>
/// A blob the net takes from outside: from the legacy header (<c>input</c> + <c>input_dim</c> or
/// <c>input_shape</c>), an <c>Input</c> layer, or, for a deploy net, a skipped data layer's top.
/// <see cref="Shape"/> is null when the file does not give one; shape inference then needs it.
/// </summary>
sealed record CaffeInput(string Name, int[]? Shape)
{
    public override string ToString() => Shape is null ? Name : $"{Name} {string.Join('×', Shape)}";
}
