namespace EssenceOfPose.Models;

/// <summary>
/// A tap: a named blob of one tower, as Caffe exposes it. "fc5" is the value after the
/// in-place ReLU (what Caffe's blob holds after the forward pass); "fc5:pre" the value before.
/// </summary>
public readonly record struct TapName(string Layer, bool PreActivation)
{
    public static TapName Parse(string text)
    {
        var s = text.Trim();
        var pre = s.EndsWith(":pre", StringComparison.Ordinal);
        var layer = pre ? s[..^4] : s;
        if (layer.Length == 0 || layer.Contains(':'))
            throw new FormatException($"tap '{text}': expected a layer name such as fc5, or fc5:pre for the value before its ReLU");
        return new TapName(layer, pre);
    }

    public static implicit operator TapName(string text) => Parse(text);

    public override string ToString() => PreActivation ? Layer + ":pre" : Layer;
}
