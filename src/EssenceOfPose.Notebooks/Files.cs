namespace EssenceOfPose.Notebooks;

internal static class Files
{
    /// <summary>Writes beside the target and renames, so that a reader (or a crash) never sees half a
    /// file; the temporary is removed when the write fails.</summary>
    public static void WriteAtomically(string path, string text)
    {
        if (Directory.Exists(path)) throw new IOException($"{path}: is a folder, expected a file path to write");
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }
}
