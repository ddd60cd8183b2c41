namespace EssenceOfPose.Display;

// One convention formatter: the hosts read MimeType and Type and call Format by name.
// Members are public because the hosts bind them by reflection on public members only.
internal sealed class Formatter<T>(string mimeType, Func<T, string> format)
{
    public string MimeType { get; } = mimeType;

    public Type Type => typeof(T);

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not T value) return false;
        writer.Write(format(value));
        return true;
    }
}
