using System.Text;

namespace EssenceOfPose.Notebooks;

// Console.Out and Console.Error are process-wide, but a cell may await and resume on another
// thread, or start tasks of its own. So the console writers are replaced once by routers that
// look up the running cell (CellContext, an AsyncLocal that flows with the cell's execution
// context); writes from anywhere else (the runner's own log) go to the original writer.
internal sealed class ConsoleRouter : TextWriter
{
    private static readonly Lock s_installLock = new();
    private static bool s_installed;

    private readonly TextWriter _fallback;
    private readonly string _streamName;

    private ConsoleRouter(TextWriter fallback, string streamName)
    {
        _fallback = fallback;
        _streamName = streamName;
    }

    public override Encoding Encoding => _fallback.Encoding;

    public static void EnsureInstalled()
    {
        lock (s_installLock)
        {
            if (s_installed) return;
            Console.SetOut(new ConsoleRouter(Console.Out, "stdout"));
            Console.SetError(new ConsoleRouter(Console.Error, "stderr"));
            s_installed = true;
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (value is null) return;
        if (CellContext.Current?.Outputs is { } outputs) outputs.AppendStream(_streamName, value);
        else _fallback.Write(value);
    }

    public override void WriteLine(string? value) => Write(value + NewLine);

    public override void Flush()
    {
        if (CellContext.Current is null) _fallback.Flush();
    }
}
