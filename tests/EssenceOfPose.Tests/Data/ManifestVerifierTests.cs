using EssenceOfPose.Data.Manifests;

namespace EssenceOfPose.Tests.Data;

public class ManifestVerifierTests
{
    // Computed with sha256sum from the committed fixture files.
    private const string Jpg1001 = "68972b8c28ca33a221b0aa368483ba94a6c7abaa9b60de01ff2e25c3e4a6171c";
    private const string Txt1003 = "6027eb4d99b2c8df9a436d76cf20008f065932c8288648ad34b7e941ef756a56";

    private static DatasetManifest Synthetic() => new()
    {
        Name = "fixture-city",
        Kind = ManifestKind.Synthetic,
        Generator = new ManifestGenerator { Name = "hand", Version = "1", Seed = 0 },
        Counts = new ManifestCounts { Targets = 3, Views = 7 },
        Layout = new ManifestLayout { MinViewsPerTarget = 2, MaxViewsPerTarget = 7 },
        ReferenceFiles = new Dictionary<string, string>
        {
            ["0011/0011_1001_1_45.jpg"] = Jpg1001,
            ["0011/0011_1003_1_45.txt"] = Txt1003,
        },
    };

    [Fact]
    public void SyntheticCopyThatMatches()
    {
        using var dir = new ScratchDir();
        dir.CopyFixture();
        var r = ManifestVerifier.Verify(Synthetic(), dir.Path);
        Assert.True(r.Ok, r.Summary());
        Assert.Equal((7, 3, 0), (r.Views, r.Targets, r.BadRecords));
        Assert.Equal(new Dictionary<int, int> { [2] = 2, [3] = 1 }, r.ViewsPerTarget);
        Assert.Contains(r.Checks, c => c.Name == "sha256 0011/0011_1001_1_45.jpg" && c.Ok);
        Assert.Contains("OK", r.Summary());
    }

    [Fact]
    public void SyntheticCopyWithAChangedReferenceFile()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        var jpg = Path.Combine(folder, "0011_1001_1_45.jpg");
        var bytes = File.ReadAllBytes(jpg);
        bytes[^3] ^= 1;
        File.WriteAllBytes(jpg, bytes);
        var r = ManifestVerifier.Verify(Synthetic(), dir.Path);
        Assert.False(r.Ok);
        var failed = Assert.Single(r.Checks, c => !c.Ok);
        Assert.Equal("sha256 0011/0011_1001_1_45.jpg", failed.Name);
        Assert.Contains("MISMATCH", r.Summary());
    }

    [Fact]
    public void SyntheticCopyMissingAFile()
    {
        using var dir = new ScratchDir();
        var folder = dir.CopyFixture();
        File.Delete(Path.Combine(folder, "0011_1005_3_46.txt"));
        var r = ManifestVerifier.Verify(Synthetic(), dir.Path);
        Assert.False(r.Ok);
        Assert.Equal(["bad records", "views", "views per target"], r.Checks.Where(c => !c.Ok).Select(c => c.Name));
        Assert.Equal((6, 3, 1), (r.Views, r.Targets, r.BadRecords));
        Assert.Equal("pair", Assert.Single(r.Problems).Field);
    }

    [Fact]
    public void RealCopyWithSomeTarsPresent()
    {
        using var dir = new ScratchDir();
        Directory.CreateDirectory(dir.File("dataset_aligned"));
        Directory.CreateDirectory(dir.File("test_set"));
        TestFiles.WriteFixtureTar(dir.File("dataset_aligned/0000.tar"));
        File.WriteAllText(dir.File("test_set/test_matching.tar"), "not parsed: the test tars' layout is not documented");
        File.WriteAllText(dir.File("test_set/pairs.txt"), "a file of another format, in a folder the verifier skips");

        var r = ManifestVerifier.Verify(DatasetManifest.Load(TestFiles.RealManifest), dir.Path);

        Assert.True(r.Ok, r.Summary());
        Assert.Equal((7, 3), (r.Views, r.Targets));
        Assert.Equal(39 + 54 + 2, r.PartFiles.Count);
        Assert.Equal(["dataset_aligned/0000.tar", "test_set/test_matching.tar"], r.PartFiles.Where(p => p.Present).Select(p => p.Path));
        Assert.Contains("part aligned: 1 of 39 files present", r.Summary());
    }

    [Fact]
    public void RealCopyWithATruncatedTarOrNothingAtAll()
    {
        using var dir = new ScratchDir();
        Directory.CreateDirectory(dir.File("dataset_unaligned"));
        var tar = dir.File("dataset_unaligned/0007.tar");
        TestFiles.WriteFixtureTar(tar);
        using (var f = new FileStream(tar, FileMode.Open)) f.SetLength(f.Length - 1400);
        var manifest = DatasetManifest.Load(TestFiles.RealManifest);

        var r = ManifestVerifier.Verify(manifest, dir.Path);
        Assert.False(r.Ok);
        Assert.Equal("archive", Assert.Single(r.Problems).Field);

        using var empty = new ScratchDir();
        Assert.Equal(["views"], ManifestVerifier.Verify(manifest, empty.Path).Checks.Where(c => !c.Ok).Select(c => c.Name));
        Assert.Equal(["root"], ManifestVerifier.Verify(manifest, empty.File("nope")).Checks.Where(c => !c.Ok).Select(c => c.Name));
    }

    [Fact]
    public void ReportSerialisesItsNumbers()
    {
        using var dir = new ScratchDir();
        dir.CopyFixture();
        var json = ManifestVerifier.Verify(Synthetic(), dir.Path).ToJson();
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(7, doc.RootElement.GetProperty("views").GetInt32());
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("synthetic", doc.RootElement.GetProperty("kind").GetString());
    }
}
