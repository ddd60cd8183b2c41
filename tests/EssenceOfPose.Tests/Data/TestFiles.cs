using System.Formats.Tar;

namespace EssenceOfPose.Tests.Data;

/// <summary>Fixture paths and scratch folders for the data tests.</summary>
internal static class TestFiles
{
    /// <summary>tests/fixtures/streetview/0011, found by walking up from the test binaries.</summary>
    public static string StreetViewFixture => Path.Combine(FixturesRoot(), "streetview", "0011");

    /// <summary>data-manifests/3d-street-view.json of the repository.</summary>
    public static string RealManifest => Path.Combine(RepoRoot(), "data-manifests", "3d-street-view.json");

    private static string FixturesRoot() => Path.Combine(RepoRoot(), "tests", "fixtures");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "tests", "fixtures"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Writes a tar holding the fixture's files under <paramref name="prefix"/>, in ordinal order.</summary>
    public static void WriteFixtureTar(string tarPath, string prefix = "0011/", TarEntryFormat format = TarEntryFormat.Pax)
    {
        using var stream = File.Create(tarPath);
        using var writer = new TarWriter(stream, format);
        foreach (var file in Directory.EnumerateFiles(StreetViewFixture).Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".md", StringComparison.Ordinal)) continue;
            writer.WriteEntry(file, prefix + Path.GetFileName(file));
        }
    }
}

/// <summary>A fresh folder under the temp directory, removed on dispose.</summary>
internal sealed class ScratchDir : IDisposable
{
    public ScratchDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "eop-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    /// <summary>Copies the fixture views into <paramref name="relative"/> and returns that folder.</summary>
    public string CopyFixture(string relative = "0011")
    {
        var dest = File(relative);
        Directory.CreateDirectory(dest);
        foreach (var f in Directory.EnumerateFiles(TestFiles.StreetViewFixture))
            System.IO.File.Copy(f, System.IO.Path.Combine(dest, System.IO.Path.GetFileName(f)));
        return dest;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}
