namespace EssenceOfPose.Caffe;

/// <summary>
/// A Caffe file (prototxt or caffemodel) that cannot be read, or a net that cannot be built from it.
/// The message always names the file; for prototxt it starts with <c>file:line:column</c>.
/// </summary>
public sealed class CaffeFormatException : Exception
{
    public CaffeFormatException(string message) : base(message) { }

    public CaffeFormatException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Where in a prototxt the problem is; null for binary files and whole-net problems.</summary>
    internal TextLocation? Location { get; private init; }

    internal static CaffeFormatException At(TextLocation location, string message) =>
        new($"{location}: {message}") { Location = location };
}
