using System.Diagnostics;
using EssenceOfPose.Data;
using EssenceOfPose.Data.Images;

namespace EssenceOfPose.Tests.Data;

/// <summary>The file guard every loader goes through: what is refused, before it is opened, and in which words.</summary>
public class InputFileTests
{
    [Fact]
    public void A_named_pipe_is_refused_at_once_instead_of_blocking()
    {
        using var dir = new TempDir();
        var fifo = dir.File("view.txt");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<InputFileException>(() => InputFile.ReadAllText(fifo, "a view's .txt", InputFile.TextLimit));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal($"{fifo}: is a named pipe (FIFO), expected a view's .txt (a regular file); refused before opening, since reading it would wait for a writer", e.Message);
    }

    [Fact]
    public void A_link_to_a_device_a_folder_and_a_missing_file_are_named()
    {
        using var dir = new TempDir();
        var zero = dir.File("zero.txt");
        File.CreateSymbolicLink(zero, "/dev/zero");
        Assert.Contains("is a device, expected a view's .txt", Assert.Throws<InputFileException>(() => InputFile.ReadAllBytes(zero, "a view's .txt", InputFile.TextLimit)).Message);
        Assert.Contains("is a folder, expected a checkpoint", Assert.Throws<InputFileException>(() => InputFile.Check(dir.Path, "a checkpoint", 1)).Message);
        Assert.Equal($"{dir.File("nope")}: file not found", Assert.Throws<InputFileException>(() => InputFile.Check(dir.File("nope"), "a checkpoint", 1)).Message);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_with_the_limit_before_a_byte_is_read()
    {
        using var dir = new TempDir();
        var huge = dir.File("huge.txt");
        using (var f = new FileStream(huge, FileMode.Create)) f.SetLength(5L << 30); // sparse: no disk, no memory
        var e = Assert.Throws<InputFileException>(() => InputFile.ReadAllText(huge, "a view's .txt", InputFile.TextLimit));
        Assert.Equal($"{huge}: is 5 GiB (5,368,709,120 bytes), over the limit of 1 MiB (1,048,576 bytes) for a view's .txt; refused before reading", e.Message);
    }

    [Fact]
    public void Text_must_be_utf8_and_a_bom_is_dropped()
    {
        using var dir = new TempDir();
        var path = dir.File("a.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'d', (byte)' ', 0xFF]);
        Assert.Contains("is not UTF-8 text (invalid byte at offset 2)", Assert.Throws<InputFileException>(() => InputFile.ReadAllText(path, "a view's .txt", 100)).Message);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, (byte)'d']);
        Assert.Equal("d", InputFile.ReadAllText(path, "a view's .txt", 100));
    }

    [Fact]
    public void An_atomic_write_onto_a_folder_fails_and_leaves_nothing()
    {
        using var dir = new TempDir();
        var target = dir.File("out.json");
        Directory.CreateDirectory(target);
        Assert.Contains("is a folder", Assert.Throws<IOException>(() => AtomicFile.WriteAllText(target, "{}")).Message);
        Assert.Equal([target], Directory.EnumerateFileSystemEntries(dir.Path));
    }
}
