namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// Where a view's JPEG lies, opened only when asked: a file on disk or an entry inside one of the
/// dataset's <c>.tar</c> bundles (FACTS.md, "The dataset"). Nothing is decoded here; the bytes go
/// to the image decoder of the preprocessing step.
/// </summary>
public abstract class ImageSource
{
    /// <summary>Path (or <c>archive.tar::entry</c>) for messages and displays.</summary>
    public abstract string Description { get; }

    /// <summary>Size of the encoded image in bytes.</summary>
    public abstract long Length { get; }

    public abstract byte[] ReadAllBytes();

    public Stream OpenRead() => new MemoryStream(ReadAllBytes(), writable: false);

    public override string ToString() => Description;
}

/// <summary>A JPEG file on disk.</summary>
internal sealed class FileImageSource(string path) : ImageSource
{
    public string Path { get; } = path;

    public override string Description => Path;

    public override long Length => InputFile.Check(Path, "a view's image", InputFile.ImageLimit);

    public override byte[] ReadAllBytes() => InputFile.ReadAllBytes(Path, "a view's image", InputFile.ImageLimit);
}

/// <summary>
/// A JPEG stored in a tar archive: the archive path, the entry name and where its data lie, so it
/// is read with one positioned read and no second pass over the archive.
/// </summary>
internal sealed class TarEntryImageSource(string archivePath, string entryName, long dataOffset, long length) : ImageSource
{
    public string ArchivePath { get; } = archivePath;

    public string EntryName { get; } = entryName;

    public long DataOffset { get; } = dataOffset;

    public override long Length { get; } = length;

    public override string Description => TarNames.Describe(ArchivePath, EntryName);

    public override byte[] ReadAllBytes()
    {
        if (Length > InputFile.ImageLimit)
            throw new InputFileException(Description, $"is {InputFile.Bytes(Length)}, over the limit of {InputFile.Bytes(InputFile.ImageLimit)} for a view's image; refused before reading");
        var buffer = new byte[checked((int)Length)];
        InputFile.Check(ArchivePath, "a dataset .tar", long.MaxValue);
        using var handle = File.OpenHandle(ArchivePath);
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(done), DataOffset + done);
            if (n == 0)
                throw new EndOfStreamException($"{Description}: the archive ends {buffer.Length - done} bytes before the end of this entry");
            done += n;
        }
        return buffer;
    }
}

internal static class TarNames
{
    /// <summary>How an entry inside an archive is named in messages: <c>0000.tar::0011/0011_1_2_45.txt</c>.</summary>
    public static string Describe(string archivePath, string entryName) => $"{archivePath}::{entryName}";

    /// <summary>Entry names as written by tar: forward slashes, no leading <c>./</c>.</summary>
    public static string Normalise(string entryName)
    {
        var n = entryName.Replace('\\', '/');
        while (n.StartsWith("./", StringComparison.Ordinal)) n = n[2..];
        return n;
    }
}
