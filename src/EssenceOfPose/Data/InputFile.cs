using System.Runtime.InteropServices;
using System.Text;

namespace EssenceOfPose.Data;

/// <summary>
/// Every file the suite reads passes here first: it must be a regular file (a link is followed) no
/// larger than the limit for what it is, checked with stat(2) before the file is opened. A named
/// pipe would block the open forever, <c>/dev/zero</c> or a huge file named <c>.txt</c> would be
/// read until memory runs out, a directory gives "access denied"; each is refused here in one line
/// naming the file, what it was meant to be, and the limit.
/// </summary>
/// <remarks>
/// Public in EssenceOfPose (the CLI checks the files it hands to other assemblies' readers);
/// compiled again, internal, into EssenceOfPose.Notebooks as a linked file.
/// </remarks>
#if EOP_NOTEBOOKS
internal
#else
public
#endif
static class InputFile
{
    /// <summary>A view's <c>.txt</c> is two lines of numbers (about 1 kB).</summary>
    public const long TextLimit = 1 << 20;

    /// <summary>An encoded image (a Street View JPEG is about 20 kB; a figure's PNG a few MB).</summary>
    public const long ImageLimit = 256L << 20;

    /// <summary>JSON documents: manifests, notebooks, saved training state.</summary>
    public const long DocumentLimit = 64L << 20;

    /// <summary>Checkpoints and other weight files: the size of a disk, since tensors are checked against the file's length.</summary>
    public const long WeightsLimit = 64L << 30;

    /// <summary>
    /// Throws <see cref="InputFileException"/> unless <paramref name="path"/> is a regular file of at
    /// most <paramref name="maxBytes"/>; <paramref name="what"/> names its role in the message ("a view's .txt").
    /// Returns its length in bytes.
    /// </summary>
    public static long Check(string path, string what, long maxBytes)
    {
        if (string.IsNullOrEmpty(path)) throw new InputFileException(path ?? "", $"{what}: no path given");
        var (kind, size) = Stat(path);
        var problem = kind switch
        {
            FileKind.Missing => "file not found",
            FileKind.Directory => $"is a folder, expected {what} (a regular file)",
            FileKind.Fifo => $"is a named pipe (FIFO), expected {what} (a regular file); refused before opening, since reading it would wait for a writer",
            FileKind.CharDevice or FileKind.BlockDevice => $"is a device, expected {what} (a regular file)",
            FileKind.Socket => $"is a socket, expected {what} (a regular file)",
            FileKind.Other => $"is not a regular file, expected {what}",
            _ when size > maxBytes => $"is {Bytes(size)}, over the limit of {Bytes(maxBytes)} for {what}; refused before reading",
            _ => null,
        };
        return problem is null ? size : throw new InputFileException(path, problem);
    }

    /// <summary>The whole file after <see cref="Check"/>; reads at most <paramref name="maxBytes"/> even if it grows meanwhile.</summary>
    public static byte[] ReadAllBytes(string path, string what, long maxBytes)
    {
        Check(path, what, maxBytes);
        using var stream = OpenChecked(path, what);
        var length = stream.Length;
        if (length > maxBytes) throw new InputFileException(path, $"is {Bytes(length)}, over the limit of {Bytes(maxBytes)} for {what}; refused before reading");
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        return buffer;
    }

    /// <summary>The whole file as strict UTF-8 (a byte-order mark is dropped); invalid UTF-8 is refused with the byte offset.</summary>
    public static string ReadAllText(string path, string what, long maxBytes) => DecodeUtf8(path, what, ReadAllBytes(path, what, maxBytes));

    /// <summary>Strict UTF-8 text of <paramref name="bytes"/>; <paramref name="name"/> names them in the message.</summary>
    public static string DecodeUtf8(string name, string what, ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        try
        {
            return Strict.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputFileException(name, $"is not UTF-8 text (invalid byte at offset {e.Index}), expected {what}");
        }
    }

    /// <summary>A read-only stream over the file after <see cref="Check"/>.</summary>
    public static FileStream OpenRead(string path, string what, long maxBytes, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        Check(path, what, maxBytes);
        return OpenChecked(path, what, bufferSize, options);
    }

    static FileStream OpenChecked(string path, string what, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, options);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputFileException(path, $"cannot be read: permission denied ({what})", e);
        }
    }

    static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Bytes(long n) => n switch
    {
        >= 1L << 30 => $"{n / (double)(1L << 30):0.#} GiB ({n:N0} bytes)",
        >= 1L << 20 => $"{n / (double)(1L << 20):0.#} MiB ({n:N0} bytes)",
        >= 1L << 10 => $"{n / 1024.0:0.#} KiB ({n:N0} bytes)",
        _ => $"{n} bytes",
    };

    enum FileKind { Missing, Regular, Directory, Fifo, CharDevice, BlockDevice, Socket, Other }

    /// <summary>stat(2) through the runtime's own System.Native (the mode's S_IFMT bits are the kernel's); FileInfo elsewhere.</summary>
    static (FileKind Kind, long Size) Stat(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                return NativeStat(path);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // A runtime without System.Native's stat: fall back to what FileInfo can tell.
            }
        }
        if (Directory.Exists(path)) return (FileKind.Directory, 0);
        var info = new FileInfo(path);
        return info.Exists ? (FileKind.Regular, info.Length) : (FileKind.Missing, 0);
    }

    static unsafe (FileKind Kind, long Size) NativeStat(string path)
    {
        // System.Native's FileStatus starts { int32 Flags; int32 Mode; uint32 Uid; uint32 Gid; int64 Size; ... };
        // the buffer is larger than the whole struct, and only these leading fields are read.
        var status = stackalloc byte[512];
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        int result;
        fixed (byte* p = bytes) result = SystemNativeStat(p, status);
        if (result != 0) return (FileKind.Missing, 0);
        var mode = *(int*)(status + 4);
        var size = *(long*)(status + 16);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
        return (kind, size);
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    static extern unsafe int SystemNativeStat(byte* path, byte* status);
}

/// <summary>A file that is not what it should be (missing, not a regular file, too large, not UTF-8), with the file named.</summary>
#if EOP_NOTEBOOKS
internal
#else
public
#endif
sealed class InputFileException(string path, string problem, Exception? inner = null) : IOException($"{path}: {problem}", inner)
{
    public string FilePath { get; } = path;

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; } = problem;
}
