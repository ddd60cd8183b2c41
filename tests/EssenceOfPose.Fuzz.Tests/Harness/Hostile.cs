using System.Runtime.InteropServices;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>The file-system entries every loader is offered in place of a file: a named pipe, a folder, a device, a huge sparse file, a dangling link.</summary>
internal static class Hostile
{
    public static IEnumerable<(string Name, string Path)> Entries(string dir, string fileName)
    {
        var fifo = Path.Combine(dir, "fifo-" + fileName);
        if (mkfifo(fifo, Convert.ToUInt32("644", 8)) != 0) throw new IOException($"mkfifo {fifo} failed");
        yield return ("named pipe", fifo);

        var folder = Path.Combine(dir, "folder-" + fileName);
        Directory.CreateDirectory(folder);
        yield return ("folder", folder);

        var zero = Path.Combine(dir, "zero-" + fileName);
        File.CreateSymbolicLink(zero, "/dev/zero");
        yield return ("link to /dev/zero", zero);

        var dangling = Path.Combine(dir, "dangling-" + fileName);
        File.CreateSymbolicLink(dangling, Path.Combine(dir, "nothing-here"));
        yield return ("dangling link", dangling);

        // 5 GB of holes: no disk used, but read whole it would take 5 GB of memory.
        var huge = Path.Combine(dir, "huge-" + fileName);
        using (var f = new FileStream(huge, FileMode.Create)) f.SetLength(5L << 30);
        yield return ("5 GB sparse file", huge);

        var empty = Path.Combine(dir, "empty-" + fileName);
        File.WriteAllBytes(empty, []);
        yield return ("empty file", empty);

        yield return ("missing file", Path.Combine(dir, "missing-" + fileName));
    }

    [DllImport("libc", SetLastError = true)]
    static extern int mkfifo(string path, uint mode);
}

/// <summary>Seeded byte-level mutations: flips, truncations, overwrites.</summary>
internal static class Mutate
{
    public static byte[] Flip(byte[] data, Random rng, int start, int end, int flips)
    {
        var copy = (byte[])data.Clone();
        for (var i = 0; i < flips; i++) copy[rng.Next(start, end)] ^= (byte)(1 << rng.Next(8));
        return copy;
    }

    public static byte[] Truncate(byte[] data, int length) => data[..Math.Clamp(length, 0, data.Length)];

    public static byte[] Overwrite(byte[] data, int at, ReadOnlySpan<byte> bytes)
    {
        var copy = (byte[])data.Clone();
        bytes.CopyTo(copy.AsSpan(at));
        return copy;
    }
}
