namespace EssenceOfPose.Notebooks;

/// <summary>Why a kernel process ended in the middle of a notebook, from its exit status and what the
/// runtime wrote to its stderr before it aborted.</summary>
internal static class ExitReason
{
    /// <param name="inCell">Whether a cell was running (else the process ended while it started).</param>
    public static string Describe(int exitCode, IReadOnlyList<string> stderr, bool inCell = true)
    {
        // The runtime writes these itself, to the real stderr, then aborts (SIGABRT: exit 128 + 6).
        if (stderr.Any(l => l.StartsWith("Stack overflow.", StringComparison.Ordinal)))
            return $"stack overflow (exit {exitCode})";
        var terminated = stderr.ToList().FindIndex(l => l.StartsWith("Process terminated.", StringComparison.Ordinal));
        if (terminated >= 0)
        {
            // "Process terminated." then the FailFast message, then the stack.
            var message = terminated + 1 < stderr.Count && !stderr[terminated + 1].StartsWith("   at ", StringComparison.Ordinal) ? stderr[terminated + 1].Trim() : "";
            return message.Length > 0 ? $"Environment.FailFast: {message} (exit {exitCode})" : $"Environment.FailFast (exit {exitCode})";
        }
        // An exception no one caught: thrown on a thread a cell started, or in the kernel process itself.
        if (stderr.FirstOrDefault(l => l.StartsWith("Unhandled exception. ", StringComparison.Ordinal)) is { } unhandled)
            return $"{unhandled.Trim()} (exit {exitCode})";
        if (stderr.Any(l => l.Contains("Out of memory", StringComparison.OrdinalIgnoreCase)))
            return $"out of memory (exit {exitCode})";
        return exitCode switch
        {
            134 => "the process aborted (SIGABRT, exit 134)",
            137 => "the process was killed (SIGKILL, exit 137; out of memory?)",
            139 => "segmentation fault (SIGSEGV, exit 139)",
            > 128 and < 160 => $"the process was ended by signal {exitCode - 128} (exit {exitCode})",
            _ when inCell => $"the process exited with code {exitCode} while a cell was running (Environment.Exit in a cell?)",
            _ => $"the process exited with code {exitCode} before it ran a cell" +
                 (stderr.FirstOrDefault(l => l.Trim().Length > 0) is { } first ? $": {first.Trim()}" : ""),
        };
    }
}

/// <summary>The first and last lines of a kernel process's stderr: a stack overflow writes thousands.</summary>
internal sealed class StderrKeeper(int head = 40, int tail = 40)
{
    private readonly Lock _lock = new();
    private readonly List<string> _head = [];
    private readonly Queue<string> _tail = new();
    private long _dropped;

    public void Add(string line)
    {
        lock (_lock)
        {
            if (_head.Count < head)
            {
                _head.Add(line);
                return;
            }
            _tail.Enqueue(line);
            if (_tail.Count > tail)
            {
                _tail.Dequeue();
                _dropped++;
            }
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (_lock) return _dropped > 0 ? [.. _head, $"... ({_dropped} lines)", .. _tail] : [.. _head, .. _tail];
    }
}
