using System.Formats.Tar;

namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// Walks a folder tree and the dataset's <c>.tar</c> bundles (read in one streaming pass with
/// <see cref="TarReader"/>; images are only located, never read), yielding views and problems in
/// a deterministic order: folders and files in ordinal name order, archives in entry order.
/// </summary>
internal static class StreetViewScanner
{
    /// <param name="includeFolder">Sub-folders for which this returns false are not entered (the root always is).</param>
    public static IEnumerable<ScanResult> Scan(string path, LoadOptions options, Func<string, bool>? includeFolder = null)
    {
        if (Directory.Exists(path)) return ScanFolder(path, options, includeFolder ?? (_ => true));
        if (File.Exists(path) && IsArchive(path)) return ScanArchive(path, options);
        throw new DirectoryNotFoundException($"{path}: neither a folder nor a .tar file");
    }

    private static IEnumerable<ScanResult> ScanFolder(string root, LoadOptions options, Func<string, bool> includeFolder)
    {
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            var pairer = new ViewPairer(options);
            foreach (var file in Sorted(Directory.EnumerateFiles(dir)))
            {
                if (IsArchive(file))
                {
                    if (!options.ReadArchives) continue;
                    foreach (var r in ScanArchive(file, options)) yield return r;
                    continue;
                }
                var ext = Path.GetExtension(file);
                var stem = Path.GetFileNameWithoutExtension(file);
                ScanResult? result = null;
                if (ext.Equals(".txt", StringComparison.OrdinalIgnoreCase))
                    result = ReadText(file) is var (text, problem) && problem is null
                        ? pairer.AddText(dir, stem, file, text!)
                        : new ScanResult(null, problem);
                else if (ext.Equals(".jpg", StringComparison.OrdinalIgnoreCase))
                    result = pairer.AddImage(dir, stem, new FileImageSource(file));
                if (result is { } r1) yield return r1;
            }
            foreach (var r in pairer.Flush()) yield return r;
            // Pushed in reverse so that sub-folders are visited in ordinal order.
            foreach (var sub in Sorted(Directory.EnumerateDirectories(dir)).Reverse())
                if (includeFolder(sub)) pending.Push(sub);
        }
    }

    /// <summary>A loose <c>.txt</c>, read only if it is a regular file of at most <see cref="InputFile.TextLimit"/> bytes of UTF-8.</summary>
    private static (string? Text, StreetViewFormatException? Problem) ReadText(string file)
    {
        try
        {
            return (InputFile.ReadAllText(file, "a view's .txt", InputFile.TextLimit), null);
        }
        catch (InputFileException e)
        {
            return (null, new StreetViewFormatException(file, 0, "file", $"a regular UTF-8 file of at most {InputFile.Bytes(InputFile.TextLimit)}", e.Problem, e));
        }
    }

    private static IEnumerable<ScanResult> ScanArchive(string archive, LoadOptions options)
    {
        using var stream = InputFile.OpenRead(archive, "a dataset .tar", long.MaxValue, 1 << 16);
        using var reader = new TarReader(stream, leaveOpen: true);
        var pairer = new ViewPairer(options);
        long end = 0;
        while (true)
        {
            TarEntry? entry;
            StreetViewFormatException? broken = null;
            try
            {
                // TarReader does not verify header checksums (and takes a zero checksum for the end): checked here first.
                entry = HeaderProblem(stream, end) is { } bad ? throw new InvalidDataException(bad) : reader.GetNextEntry(copyData: false);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentOutOfRangeException)
            {
                entry = null;
                broken = Truncated(archive, $"an unreadable header after byte {end} ({e.Message})", e);
            }
            if (broken is null && entry is null && stream.Length < end + 512)
                broken = Truncated(archive, $"{stream.Length} bytes, no end-of-archive block after the last entry (ends at byte {end})", null);
            // TarReader also ends quietly at a header whose checksum is wrong: only a block of zeros ends an archive.
            else if (broken is null && entry is null && !IsZeroBlock(stream, end))
                broken = Truncated(archive, $"an unreadable header at byte {end} (a bad checksum, or not a tar header), where the archive should continue or end with zero blocks", null);
            if (broken is not null)
            {
                yield return new ScanResult(null, broken);
                break;
            }
            if (entry is null) break;
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile)) continue;

            var name = TarNames.Normalise(entry.Name);
            var dataEnd = entry.DataOffset + entry.Length;
            if (dataEnd > stream.Length)
            {
                yield return new ScanResult(null, Truncated(archive, $"entry '{name}' of {entry.Length} bytes cut at byte {stream.Length}", null));
                break;
            }
            end = (dataEnd + 511) / 512 * 512;

            var slash = name.LastIndexOf('/');
            var folderKey = slash < 0 ? "" : name[..slash];
            var fileName = name[(slash + 1)..];
            var ext = Path.GetExtension(fileName);
            var stem = Path.GetFileNameWithoutExtension(fileName);
            ScanResult? result = null;
            var origin = TarNames.Describe(archive, name);
            if (ext.Equals(".txt", StringComparison.OrdinalIgnoreCase))
            {
                if (entry.Length > InputFile.TextLimit)
                    result = new ScanResult(null, new StreetViewFormatException(origin, 0, "file", $"a .txt of at most {InputFile.Bytes(InputFile.TextLimit)}", $"{InputFile.Bytes(entry.Length)}"));
                else
                    result = EntryText(entry, origin) is var (text, problem) && problem is null
                        ? pairer.AddText(folderKey, stem, origin, text!)
                        : new ScanResult(null, problem);
            }
            else if (ext.Equals(".jpg", StringComparison.OrdinalIgnoreCase))
            {
                result = entry.Length > InputFile.ImageLimit
                    ? new ScanResult(null, new StreetViewFormatException(origin, 0, "file", $"a .jpg of at most {InputFile.Bytes(InputFile.ImageLimit)}", $"{InputFile.Bytes(entry.Length)}"))
                    : pairer.AddImage(folderKey, stem, new TarEntryImageSource(archive, name, entry.DataOffset, entry.Length));
            }
            if (result is { } r) yield return r;
        }
        foreach (var r in pairer.Flush()) yield return r;
    }

    private static (string? Text, StreetViewFormatException? Problem) EntryText(TarEntry entry, string origin)
    {
        var bytes = new byte[entry.Length];
        entry.DataStream!.ReadExactly(bytes);
        try
        {
            return (InputFile.DecodeUtf8(origin, "a view's .txt", bytes), null);
        }
        catch (InputFileException e)
        {
            return (null, new StreetViewFormatException(origin, 0, "file", "UTF-8 text", e.Problem, e));
        }
    }

    private static bool IsZeroBlock(FileStream stream, long at) => Block(stream, at) is not { } block || !block.AsSpan().ContainsAnyExcept((byte)0);

    /// <summary>The 512-byte block at <paramref name="at"/>, read without moving the reader's position; null past the end.</summary>
    private static byte[]? Block(FileStream stream, long at)
    {
        var block = new byte[512];
        return RandomAccess.Read(stream.SafeFileHandle, block, at) == block.Length ? block : null;
    }

    /// <summary>Null when the block at <paramref name="at"/> is all zeros (the end), absent, or a header whose checksum matches.</summary>
    private static string? HeaderProblem(FileStream stream, long at)
    {
        if (Block(stream, at) is not { } block || !block.AsSpan().ContainsAnyExcept((byte)0)) return null;
        var field = System.Text.Encoding.ASCII.GetString(block, 148, 8).Trim('\0', ' ');
        long stored;
        try
        {
            stored = Convert.ToInt64(field, 8);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return $"the header at byte {at} has checksum field '{StreetViewText.Shorten(field)}', not an octal number";
        }
        long sum = 0;
        for (var i = 0; i < 512; i++) sum += i is >= 148 and < 156 ? ' ' : block[i];
        return sum == stored ? null : $"the header at byte {at} has checksum {stored}, but its bytes sum to {sum}";
    }

    private static StreetViewFormatException Truncated(string archive, string got, Exception? inner) =>
        new(archive, 0, "archive", "a complete tar archive", got, inner);

    private static bool IsArchive(string path) => path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal);
}
