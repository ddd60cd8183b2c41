using System.CommandLine;
using System.Text.Json;

namespace EssenceOfPose.Cli.Tests;

/// <summary>`eop dataset verify` and `eop dataset fetch`: exit codes, printed summary, JSON numbers.</summary>
public class DatasetCommandsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "eop-cli-" + Guid.NewGuid().ToString("N"));

    public DatasetCommandsTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Repo(params string[] parts)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (Directory.Exists(Path.Combine(d.FullName, "data-manifests"))) return Path.Combine([d.FullName, .. parts]);
        throw new DirectoryNotFoundException("data-manifests not found");
    }

    private static (int Code, string Out, string Err) Eop(params string[] args) => InProcessEop.Run(args);

    [Fact]
    public void VerifyPassesOnACopyWithAParsingTarAndWritesItsNumbers()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "copy", "dataset_aligned"));
        using (var tar = File.Create(Path.Combine(_dir, "copy", "dataset_aligned", "0000.tar")))
            System.Formats.Tar.TarFile.CreateFromDirectory(Repo("tests", "fixtures", "streetview", "0011"), tar, includeBaseDirectory: true);
        var json = Path.Combine(_dir, "report.json");

        var (code, output, _) = Eop("dataset", "verify", "--manifest", Repo("data-manifests", "3d-street-view.json"), "--root", Path.Combine(_dir, "copy"), "--json", json);

        Assert.Equal(0, code);
        Assert.Contains(": OK", output);
        Assert.Contains("7 views, 3 targets, 0 bad records", output);
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(7, doc.RootElement.GetProperty("views").GetInt32());
    }

    [Fact]
    public void VerifyExitsOneOnMismatch()
    {
        var (code, output, _) = Eop("dataset", "verify", "--manifest", Repo("data-manifests", "3d-street-view.json"), "--root", _dir);
        Assert.Equal(1, code);
        Assert.Contains("MISMATCH", output);
    }

    [Fact]
    public void FetchPrintsTheCommandsAndTheirJson()
    {
        var json = Path.Combine(_dir, "plan.json");
        var dest = Path.Combine(_dir, "download");
        var (code, output, _) = Eop("dataset", "fetch", "--manifest", Repo("data-manifests", "3d-street-view.json"), "--out", dest, "--part", "aligned", "--json", json);
        Assert.Equal(0, code);
        Assert.Contains($"aria2c -x 8 -c -i '{dest}/links.txt' -d '{dest}'", output);
        Assert.Contains("https://datasets.epfl.ch/vilab/eccv16/dataset_aligned/0038.tar", output);
        Assert.Contains("assumed", output);
        Assert.False(Directory.Exists(dest)); // printed, not run: not even the folder is made
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(39, doc.RootElement.GetProperty("files").GetInt32());
    }

    [Fact]
    public void BadManifestExitsTwoWithOneLine()
    {
        var (code, _, err) = Eop("dataset", "fetch", "--manifest", Path.Combine(_dir, "missing.json"), "--out", "/x");
        Assert.Equal(2, code);
        Assert.StartsWith("eop dataset: ", err);
    }
}
