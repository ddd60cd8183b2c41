namespace EssenceOfPose.Data.Images;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new one: the bytes go
/// to a temporary file in the same folder (same file system, so the rename is atomic), which then
/// replaces the target. An interrupted run leaves no half-written file behind, and a failed one
/// (a folder in the way, a full disk) no temporary either. The CLI's <c>--json</c> files and
/// manifests are written the same way.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        // Checked first, so that nothing is written: File.Move would only fail after the whole temporary exists.
        if (Directory.Exists(full)) throw new IOException($"{path}: is a folder, expected a file path to write");
        var temp = $"{full}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
                stream.Write(bytes);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The write's own failure is the one to report.
            }
            throw;
        }
    }

    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
