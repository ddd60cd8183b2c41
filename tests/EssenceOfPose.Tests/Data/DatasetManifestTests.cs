using System.Text.Json;
using System.Text.Json.Nodes;
using EssenceOfPose.Data.Manifests;

namespace EssenceOfPose.Tests.Data;

public class DatasetManifestTests
{
    [Fact]
    public void RealManifestListsThePublishedFiles()
    {
        var m = DatasetManifest.Load(TestFiles.RealManifest);
        Assert.Equal(ManifestKind.Real, m.Kind);
        Assert.Contains("non-commercial", m.Licence);
        Assert.Equal((800_000_000_000L, 25_000_000L, 118_000_000L, 8), (m.Size!.ApproxBytes, m.Size.Images, m.Size.Pairs, m.Size.Cities));
        Assert.Equal("https://datasets.epfl.ch/vilab/eccv16/", m.BaseUrl);

        var aligned = m.Parts.Single(p => p.Name == "aligned").AllFiles().Select(f => f.Path).ToList();
        Assert.Equal(39, aligned.Count);
        Assert.Equal("dataset_aligned/0000.tar", aligned[0]);
        Assert.Equal("dataset_aligned/0038.tar", aligned[^1]);
        var unaligned = m.Parts.Single(p => p.Name == "unaligned").AllFiles().Select(f => f.Path).ToList();
        Assert.Equal(54, unaligned.Count);
        Assert.Equal("dataset_unaligned/0053.tar", unaligned[^1]);
        Assert.Equal(["test_set/test_matching.tar", "test_set/test_poseregression.tar"],
            m.Parts.Single(p => p.Name == "test").AllFiles().Select(f => f.Path));

        Assert.False(m.Parts.Single(p => p.Name == "aligned").NumberingVerified);
        Assert.Contains("assumed", m.Parts.Single(p => p.Name == "aligned").Note);
        Assert.False(m.Parts.Single(p => p.Name == "test").ContainsViews);
        Assert.Equal((2, 7, 640), (m.Layout!.MinViewsPerTarget, m.Layout.MaxViewsPerTarget, m.Layout.ImageWidth));
    }

    [Fact]
    public void SyntheticManifestRoundTripsThroughJson()
    {
        var m = new DatasetManifest
        {
            Name = "synth-city-quick",
            Kind = ManifestKind.Synthetic,
            Generator = new ManifestGenerator
            {
                Name = "EssenceOfPose.SyntheticCity",
                Version = "1.0.0",
                Seed = 1234,
                Parameters = new JsonObject { ["blocks"] = 4, ["facadeTexture"] = "bricks" },
            },
            Counts = new ManifestCounts { Targets = 3, Views = 7 },
            Layout = new ManifestLayout { MinViewsPerTarget = 2, MaxViewsPerTarget = 7 },
            ReferenceFiles = new Dictionary<string, string> { ["0011/0011_1001_1_45.jpg"] = "ab12" },
        };
        var json = m.ToJson();
        Assert.Contains("\"kind\": \"synthetic\"", json);
        Assert.Contains("\"referenceFiles\"", json);
        Assert.DoesNotContain("baseUrl", json); // nulls are left out
        var back = DatasetManifest.FromJson(json);
        Assert.Equal((m.Name, m.Kind, 1234L, "bricks"), (back.Name, back.Kind, back.Generator!.Seed, (string?)back.Generator.Parameters!["facadeTexture"]));
        Assert.Equal(7, back.Counts!.Views);
        Assert.Equal("ab12", back.ReferenceFiles["0011/0011_1001_1_45.jpg"]);
    }

    [Fact]
    public void LoadNamesTheFileOfABadManifest()
    {
        using var dir = new ScratchDir();
        var path = dir.File("m.json");
        File.WriteAllText(path, "{ \"kind\": \"real\" }");
        var e = Assert.Throws<JsonException>(() => DatasetManifest.Load(path));
        Assert.StartsWith(path + ": not a dataset manifest", e.Message);
    }
}

public class FetchPlanTests
{
    [Fact]
    public void TestPartGivesTheExactCommands()
    {
        var plan = FetchPlan.Create(DatasetManifest.Load(TestFiles.RealManifest), "/data/3dsv", ["test"]);
        Assert.Equal(
            [
                "mkdir -p '/data/3dsv'",
                "cat > '/data/3dsv/links.txt' <<'EOF'\n" +
                "https://datasets.epfl.ch/vilab/eccv16/test_set/test_matching.tar\n" +
                "  out=test_set/test_matching.tar\n" +
                "https://datasets.epfl.ch/vilab/eccv16/test_set/test_poseregression.tar\n" +
                "  out=test_set/test_poseregression.tar\n" +
                "EOF",
                "aria2c -x 8 -c -i '/data/3dsv/links.txt' -d '/data/3dsv'",
            ],
            plan.Commands);
    }

    [Fact]
    public void AllPartsListEveryFileOnce()
    {
        var plan = FetchPlan.Create(DatasetManifest.Load(TestFiles.RealManifest), "/d");
        Assert.Equal(39 + 54 + 2, plan.Files.Count);
        Assert.Equal(plan.Files.Count, plan.Files.Select(f => f.Url).Distinct().Count());
        Assert.Contains(plan.Files, f => f.Url == "https://datasets.epfl.ch/vilab/eccv16/dataset_aligned/0038.tar" && f.Path == "dataset_aligned/0038.tar");
        Assert.Equal(plan.Files.Count * 2, plan.LinksFile.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(39, FetchPlan.Create(DatasetManifest.Load(TestFiles.RealManifest), "/d", ["aligned"]).Files.Count);
    }

    [Fact]
    public void QuotesAwkwardDestinationsAndAddsPublishedHashes()
    {
        var m = DatasetManifest.Load(TestFiles.RealManifest) with
        {
            Parts = [new ManifestPart { Name = "x", Directory = "d/", Files = [new ManifestFile { Path = "a.tar", Sha256 = "00ff" }] }],
        };
        var plan = FetchPlan.Create(m, "/tmp/it's here");
        Assert.Equal("mkdir -p '/tmp/it'\\''s here'", plan.Commands[0]);
        Assert.Contains("  checksum=sha-256=00ff\n", plan.LinksFile);
    }

    [Fact]
    public void RefusesSyntheticDataAndUnknownParts()
    {
        var synthetic = new DatasetManifest { Name = "s", Kind = ManifestKind.Synthetic };
        Assert.Throws<InvalidOperationException>(() => FetchPlan.Create(synthetic, "/d"));
        var e = Assert.Throws<ArgumentException>(() => FetchPlan.Create(DatasetManifest.Load(TestFiles.RealManifest), "/d", ["aligned", "bogus"]));
        Assert.Contains("bogus", e.Message);
    }
}
