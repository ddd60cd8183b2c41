using System.Formats.Tar;
using System.Text;
using EssenceOfPose.Data.Manifests;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// The 3D Street View format: a copy of the fixture folder with one view's <c>.txt</c> replaced
/// (every field made NaN, infinite or out of range, wrong counts, bad bytes, hostile file-system
/// entries), loaded strictly as training does; copies checked with <c>dataset verify</c>'s
/// verifier (empty and broken JPEGs); and the fixture as a <c>.tar</c>, cut, with bad checksums,
/// absurd sizes and flipped bytes.
/// </summary>
internal static class StreetViewCorpus
{
    public const string TextLoader = "street view .txt";
    public const string TarLoader = "street view .tar";

    const string Victim = "0011_1003_1_45.txt";

    public static IEnumerable<(FuzzCase Case, Action Load)> Text(string dir)
    {
        var good = File.ReadAllText(Path.Combine(Fixture, Victim)).TrimEnd('\n');
        var tokens = good.Split(' ');
        var n = 0;
        (FuzzCase, Action) Case(string name, byte[] content, Expect expect = Expect.Reject)
        {
            var folder = CopyFixture(Path.Combine(dir, $"case{n++:D3}"));
            var file = Path.Combine(folder, Victim);
            File.WriteAllBytes(file, content);
            return (new FuzzCase(TextLoader, name, expect, Victim), () => Check(StreetViewDataset.Load(Path.GetDirectoryName(folder)!, LoadOptions.Strict)));
        }
        (FuzzCase, Action) Field(string name, int index, string value, Expect expect = Expect.Reject)
        {
            var t = (string[])tokens.Clone();
            t[index] = value;
            return Case($"{name} = {value}", Encoding.UTF8.GetBytes(string.Join(' ', t) + "\n"), expect);
        }

        yield return Case("the fixture's text (control)", Encoding.UTF8.GetBytes(good + "\n"), Expect.Accept);
        yield return Case("CRLF and a trailing blank line (control)", Encoding.UTF8.GetBytes(good + "\r\n\r\n"), Expect.Accept);
        yield return Case("UTF-8 BOM (control)", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(good)], Expect.Accept);
        // Fields 5.. of the d line: targetLat, targetLon, targetHeight, normal x y z, cameraLat, cameraLon, cameraHeight, distance, heading, pitch, roll.
        string[] names = ["targetLat", "targetLon", "targetHeight", "normal.x", "normal.y", "normal.z", "cameraLat", "cameraLon", "cameraHeight", "distance", "heading", "pitch", "roll"];
        for (var i = 0; i < names.Length; i++)
        {
            yield return Field(names[i], 5 + i, "NaN");
            yield return Field(names[i], 5 + i, i % 2 == 0 ? "inf" : "-Infinity");
        }
        yield return Field("targetLat", 5, "90.0001");
        yield return Field("cameraLat", 11, "-91");
        yield return Field("targetLon", 6, "180.5");
        yield return Field("cameraLon", 12, "-1e3");
        yield return Field("distance", 14, "-3");
        yield return Field("distance", 14, "1e400");
        yield return Field("pitch", 16, "120");
        yield return Field("heading", 15, "720");
        yield return Field("targetHeight", 7, "1e300");
        yield return Field("targetLat", 5, "-0", Expect.Accept);
        yield return Field("targetLat", 5, "0x10");
        yield return Field("targetLat", 5, "4O.44");
        yield return Field("datasetId", 1, "00/11");
        yield return Field("targetId", 2, "46");
        yield return Case("16 values", Encoding.UTF8.GetBytes(string.Join(' ', tokens[..^1]) + "\n"));
        yield return Case("18 values", Encoding.UTF8.GetBytes(good + " 0\n"));
        yield return Case("two d lines", Encoding.UTF8.GetBytes(good + "\n" + good + "\n"));
        yield return Case("an a line of 3 values", Encoding.UTF8.GetBytes(good + "\na 1 2 3\n"));
        yield return Case("empty", []);
        yield return Case("only blank lines", "\n\n  \n"u8.ToArray());
        yield return Case("invalid UTF-8", [.. Encoding.UTF8.GetBytes(good[..20]), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(good[20..])]);
        yield return Case("UTF-16 with a BOM", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(good)).ToArray());
        yield return Case("NUL bytes", new byte[512]);
        yield return Case("2 MiB of spaces then the line", [.. Enumerable.Repeat((byte)' ', 2 << 20), .. Encoding.UTF8.GetBytes(good)]);
        yield return Case("one line of 200000 numbers", Encoding.UTF8.GetBytes("d " + string.Join(' ', Enumerable.Repeat("1", 200_000))));
        var rng = new Random(14);
        var bytes = Encoding.UTF8.GetBytes(good + "\n");
        for (var i = 0; i < 12; i++) yield return Case($"byte flips, seed 14 #{i}", Mutate.Flip(bytes, rng, 0, bytes.Length, 1 + i % 3), Expect.Either);

        // Hostile entries in place of the .txt.
        foreach (var what in new[] { "named pipe", "link to /dev/zero", "5 GB sparse file", "dangling link" })
        {
            var folder = CopyFixture(Path.Combine(dir, $"case{n++:D3}"));
            var file = Path.Combine(folder, Victim);
            File.Delete(file);
            var entry = Hostile.Entries(folder, "x.txt").First(e => e.Name == what);
            File.Move(entry.Path, file);
            foreach (var other in Directory.EnumerateFileSystemEntries(folder).Where(p => !p.EndsWith(".jpg") && !p.EndsWith(".txt")))
                if (Directory.Exists(other)) Directory.Delete(other); else File.Delete(other);
            yield return (new FuzzCase(TextLoader, $".txt is a {what}", Expect.Reject, Victim), () => Check(StreetViewDataset.Load(Path.GetDirectoryName(folder)!, LoadOptions.Strict)));
        }

        // `dataset verify`: every image is decoded (or, with --skip-decode, checked to be non-empty).
        var manifest = new DatasetManifest
        {
            Name = "fuzz-city",
            Kind = ManifestKind.Synthetic,
            Generator = new ManifestGenerator { Name = "fixture", Version = "1", Seed = 0 },
        };
        (FuzzCase, Action) Verify(string name, Action<string> edit, string mustName, Expect expect = Expect.Reject, bool decode = true)
        {
            var folder = CopyFixture(Path.Combine(dir, $"case{n++:D3}"));
            edit(folder);
            var root = Path.GetDirectoryName(folder)!;
            return (new FuzzCase(TextLoader, "dataset verify: " + name, expect, mustName), () => VerifyReport(ManifestVerifier.Verify(manifest, root, decode), mustName));
        }
        yield return Verify("the fixture (control)", _ => { }, "", Expect.Accept);
        yield return Verify("every JPEG empty", f => { foreach (var j in Directory.EnumerateFiles(f, "*.jpg")) File.WriteAllBytes(j, []); }, "0011_1001_1_45.jpg");
        yield return Verify("every JPEG empty, --skip-decode", f => { foreach (var j in Directory.EnumerateFiles(f, "*.jpg")) File.WriteAllBytes(j, []); }, "0011_1001_1_45.jpg", decode: false);
        yield return Verify("one JPEG cut in half", f => Cut(Path.Combine(f, "0011_1002_2_45.jpg")), "0011_1002_2_45.jpg");
        yield return Verify("one JPEG replaced by text", f => File.WriteAllText(Path.Combine(f, "0011_1004_1_46.jpg"), "hello"), "0011_1004_1_46.jpg");
        yield return Verify("one JPEG a named pipe", f => { var p = Path.Combine(f, "0011_1004_1_46.jpg"); File.Delete(p); File.Move(Hostile.Entries(f, "y.jpg").First().Path, p); }, "0011_1004_1_46.jpg");
        yield return Verify("one .txt a link to /dev/zero", f => { var p = Path.Combine(f, Victim); File.Delete(p); File.CreateSymbolicLink(p, "/dev/zero"); }, Victim);
        yield return Verify("NaN latitude", f => File.WriteAllText(Path.Combine(f, Victim), good.Replace(tokens[5], "NaN")), Victim);
    }

    public static IEnumerable<(FuzzCase Case, Action Load)> Tars(string dir)
    {
        var valid = Path.Combine(dir, "valid.tar");
        using (var stream = File.Create(valid))
        using (var writer = new TarWriter(stream, TarEntryFormat.Ustar))
            foreach (var file in Directory.EnumerateFiles(Fixture).Order(StringComparer.Ordinal).Where(f => !f.EndsWith(".md")))
                writer.WriteEntry(file, "0011/" + Path.GetFileName(file));
        var bytes = File.ReadAllBytes(valid);
        var n = 0;
        (FuzzCase, Action) Case(string name, byte[] content, Expect expect = Expect.Reject)
        {
            var path = Path.Combine(dir, $"case{n++:D3}.tar");
            File.WriteAllBytes(path, content);
            return (new FuzzCase(TarLoader, name, expect, Path.GetFileName(path)), () => Check(StreetViewDataset.Load(path, LoadOptions.Strict)));
        }

        yield return Case("the fixture as a tar (control)", bytes, Expect.Accept);
        yield return Case("header checksum wrong", Mutate.Overwrite(bytes, 148, "0000000\0"u8));
        yield return Case("name changed, checksum not updated", Mutate.Overwrite(bytes, 0, "X"u8));
        yield return Case("second entry's checksum wrong", Mutate.Overwrite(bytes, SecondHeader(bytes) + 148, "1234567\0"u8));
        yield return Case("size field 8 GB", Checksummed(Mutate.Overwrite(bytes, 124, "77777777777\0"u8)));
        yield return Case("size field not octal", Checksummed(Mutate.Overwrite(bytes, 124, "zzzzzzzzzzz\0"u8)));
        yield return Case("size field negative (base-256)", Checksummed(Mutate.Overwrite(bytes, 124, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])));
        yield return Case("entry type 'Z'", Checksummed(Mutate.Overwrite(bytes, 156, "Z"u8)), Expect.Either);
        yield return Case("a .txt entry of 2 MiB", TarWith("0011/0011_1003_1_45.txt", new byte[2 << 20]));
        yield return Case("a .txt entry of invalid UTF-8", TarWith("0011/0011_1003_1_45.txt", [0xC3, 0x28, 0xFF]));
        yield return Case("a .jpg entry of 0 bytes (located, not decoded here)", TarWith("0011/0011_1003_1_45.jpg", []), Expect.Either);
        yield return Case("no end-of-archive blocks", bytes[..^1024]);
        foreach (var cut in new[] { 0, 100, 511, 512, 700, bytes.Length / 2, bytes.Length - 1025 })
            yield return Case($"cut to {cut} bytes", Mutate.Truncate(bytes, cut), cut == 0 ? Expect.Either : Expect.Reject);
        yield return Case("1 MiB of zeros", new byte[1 << 20], Expect.Either);
        yield return Case("1 MiB of 0xFF", Enumerable.Repeat((byte)0xFF, 1 << 20).ToArray());
        var rng = new Random(14);
        for (var i = 0; i < 14; i++)
            yield return Case($"header byte flips, seed 14 #{i}", Mutate.Flip(bytes, rng, 0, 512, 1 + i % 3), Expect.Either);
        foreach (var (what, path) in Hostile.Entries(dir, "data.tar"))
        {
            // A folder is a dataset root too (an empty one), and 5 GB of zeros is an empty archive read in one block.
            var expect = what is "empty file" or "folder" or "5 GB sparse file" ? Expect.Either : Expect.Reject;
            yield return (new FuzzCase(TarLoader, what, expect, Path.GetFileName(path)), () => Check(StreetViewDataset.Load(path, LoadOptions.Strict)));
        }
    }

    /// <summary>A dataset that loads must hold views: a non-empty input read as nothing is silent acceptance.</summary>
    static void Check(StreetViewDataset d)
    {
        if (d.Views.Count == 0) throw new SilentException($"{d.Root}: loaded with 0 views");
    }

    static void VerifyReport(VerifyReport report, string mustName)
    {
        if (report.Ok) return;
        // The report is the refusal: its first failed problem must name the file.
        var line = report.Problems.Select(p => p.Message).FirstOrDefault(m => m.Contains(mustName, StringComparison.Ordinal))
            ?? report.Checks.First(c => !c.Ok).ToString();
        throw new InvalidDataException(line);
    }

    static void Cut(string path) => File.WriteAllBytes(path, File.ReadAllBytes(path)[..(int)(new FileInfo(path).Length / 2)]);

    static string CopyFixture(string root)
    {
        var folder = Path.Combine(root, "0011");
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.EnumerateFiles(Fixture).Where(f => !f.EndsWith(".md")))
            File.Copy(f, Path.Combine(folder, Path.GetFileName(f)));
        return folder;
    }

    static byte[] TarWith(string name, byte[] content)
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(Fixture).Order(StringComparer.Ordinal).Where(f => !f.EndsWith(".md")))
                if ("0011/" + Path.GetFileName(file) != name) writer.WriteEntry(file, "0011/" + Path.GetFileName(file));
            writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }
        return stream.ToArray();
    }

    static int SecondHeader(byte[] tar)
    {
        var size = Convert.ToInt64(Encoding.ASCII.GetString(tar, 124, 11).Trim('\0', ' '), 8);
        return 512 + (int)((size + 511) / 512 * 512);
    }

    /// <summary>The first header's checksum recomputed after an edit, so that the edit itself is what the reader meets.</summary>
    static byte[] Checksummed(byte[] tar)
    {
        var copy = (byte[])tar.Clone();
        "        "u8.CopyTo(copy.AsSpan(148));
        var sum = copy.AsSpan(0, 512).ToArray().Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(copy, 148);
        return copy;
    }

    static string Fixture => s_fixture.Value;

    static readonly Lazy<string> s_fixture = new(() =>
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tests", "fixtures", "streetview", "0011");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("tests/fixtures/streetview/0011 not found above " + AppContext.BaseDirectory);
    });
}

/// <summary>Thrown by a check when a loader took invalid input without a word.</summary>
internal sealed class SilentException(string message) : Exception(message);
