using System.Formats.Tar;
using System.Text;

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
                    result = pairer.AddText(dir, stem, file, File.ReadAllText(file, Encoding.UTF8));
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

    private static IEnumerable<ScanResult> ScanArchive(string archive, LoadOptions options)
    {
        using var stream = new FileStream(archive, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new TarReader(stream, leaveOpen: true);
        var pairer = new ViewPairer(options);
        long end = 0;
        while (true)
        {
            TarEntry? entry;
            StreetViewFormatException? broken = null;
            try
            {
                entry = reader.GetNextEntry(copyData: false);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or ArgumentOutOfRangeException)
            {
                entry = null;
                broken = Truncated(archive, $"an unreadable header after byte {end} ({e.Message})", e);
            }
            if (broken is null && entry is null && stream.Length < end + 512)
                broken = Truncated(archive, $"{stream.Length} bytes, no end-of-archive block after the last entry (ends at byte {end})", null);
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
            if (ext.Equals(".txt", StringComparison.OrdinalIgnoreCase))
            {
                using var text = new StreamReader(entry.DataStream!, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
                result = pairer.AddText(folderKey, stem, TarNames.Describe(archive, name), text.ReadToEnd());
            }
            else if (ext.Equals(".jpg", StringComparison.OrdinalIgnoreCase))
            {
                result = pairer.AddImage(folderKey, stem, new TarEntryImageSource(archive, name, entry.DataOffset, entry.Length));
            }
            if (result is { } r) yield return r;
        }
        foreach (var r in pairer.Flush()) yield return r;
    }

    private static StreetViewFormatException Truncated(string archive, string got, Exception? inner) =>
        new(archive, 0, "archive", "a complete tar archive", got, inner);

    private static bool IsArchive(string path) => path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Sorted(IEnumerable<string> paths) => paths.Order(StringComparer.Ordinal);
}
