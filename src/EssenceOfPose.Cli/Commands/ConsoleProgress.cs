namespace EssenceOfPose.Cli;

/// <summary>
/// Long work's progress: one rewritten line on a terminal, and a plain line every few seconds when
/// output goes to a file or a CI log.
/// </summary>
internal sealed class ConsoleProgress<T>(Func<T, string> describe, double plainEverySeconds = 10) : IProgress<T>
{
    readonly bool terminal = !Console.IsOutputRedirected;
    DateTime lastPlain = DateTime.MinValue;

    public void Report(T value)
    {
        var text = describe(value);
        if (terminal)
        {
            var width = Math.Max(20, Console.WindowWidth - 1);
            Console.Write("\r" + (text.Length > width ? text[..width] : text.PadRight(width)));
            return;
        }
        if ((DateTime.UtcNow - lastPlain).TotalSeconds < plainEverySeconds) return;
        lastPlain = DateTime.UtcNow;
        Console.WriteLine(text);
    }

    /// <summary>Ends the rewritten line on a terminal.</summary>
    public void Done()
    {
        if (terminal) Console.WriteLine();
    }
}
