using System.Diagnostics;
using System.Text.Json;
using EssenceOfPose.Models;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// Runs a loader on one input inside the test process, on a thread of its own so that a hang is a
/// result (the thread is abandoned) and not a stuck suite. Memory: the kernel's peak-RSS counter is
/// reset before the case (<c>/proc/self/clear_refs</c>, "5") and read after it, so the growth is this
/// case's alone; cases run one at a time (AssemblyInfo.cs disables parallel tests).
/// </summary>
internal static class InProcessRunner
{
    /// <summary>The most a single in-process case may raise the test process's resident memory.</summary>
    public const long CeilingBytes = 256L << 20;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    /// <summary>Exceptions the loaders document for bad input; anything else escaping is a crash.</summary>
    static bool Documented(Exception e) => e is IOException or FormatException or InvalidDataException or JsonException
        or SafetensorsException or CheckpointException or ArgumentException or UnauthorizedAccessException;

    public static CaseResult Run(FuzzCase c, Action load)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = Memory.ResetPeak();
        Exception? error = null;
        var watch = Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            try
            {
                load();
            }
            catch (Exception e)
            {
                error = e;
            }
        }, 16 << 20) { IsBackground = true };
        thread.Start();
        var finished = thread.Join(TimeLimit);
        watch.Stop();
        var grown = Math.Max(0, Memory.PeakSinceReset() - before);
        if (!finished) return new CaseResult(c, Outcome.Hang, $"still running after {TimeLimit.TotalSeconds} s", grown, watch.Elapsed);
        if (grown > CeilingBytes) return new CaseResult(c, Outcome.BlowUp, $"resident memory grew by {grown >> 20} MiB (ceiling {CeilingBytes >> 20} MiB)", grown, watch.Elapsed);
        if (error is null) return new CaseResult(c, Classify.Acceptance(c), "accepted", grown, watch.Elapsed);
        if (error is SilentException silent) return new CaseResult(c, Classify.Acceptance(c), silent.Message, grown, watch.Elapsed);
        if (error is OutOfMemoryException || !Documented(error))
            return new CaseResult(c, Outcome.Crash, $"{error.GetType().Name}: {error.Message}", grown, watch.Elapsed);
        return new CaseResult(c, Classify.RefusalOf(c, error.Message), error.Message, grown, watch.Elapsed);
    }
}
