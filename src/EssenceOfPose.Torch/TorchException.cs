namespace EssenceOfPose.Torch;

/// <summary>An error raised inside libtorch (a wrong shape, a bad dtype, ...), carrying libtorch's own message.</summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message) { }

    internal static TorchException FromNative() => new(Native.LastError());
}
