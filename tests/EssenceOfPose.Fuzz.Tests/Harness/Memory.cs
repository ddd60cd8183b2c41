namespace EssenceOfPose.Fuzz.Tests;

/// <summary>Peak resident memory, from Linux's /proc.</summary>
internal static class Memory
{
    /// <summary>Resets this process's peak-RSS counter (VmHWM) to the current RSS, which it returns.</summary>
    public static long ResetPeak()
    {
        File.WriteAllText("/proc/self/clear_refs", "5");
        return StatusField("/proc/self/status", "VmRSS:") ?? 0;
    }

    /// <summary>This process's VmHWM since the last <see cref="ResetPeak"/>.</summary>
    public static long PeakSinceReset() => StatusField("/proc/self/status", "VmHWM:") ?? 0;

    /// <summary>The VmHWM of a running process, or null once it is gone.</summary>
    public static long? PeakOf(int pid) => StatusField($"/proc/{pid}/status", "VmHWM:");

    static long? StatusField(string path, string field)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The process is gone.
        }
        return null;
    }
}
