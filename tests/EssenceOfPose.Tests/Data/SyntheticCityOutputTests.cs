using System.Security.Cryptography;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.Manifests;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Tests.Data;

/// <summary>What lands on disk: determinism, the .txt records against the scene, city.json.</summary>
public sealed class SyntheticCityOutputTests : IDisposable
{
    private static readonly SyntheticCityOptions Tiny = SyntheticCityGeometryTests.Small with { Targets = 6, ImageSize = 64 };

    private readonly string _root = Directory.CreateTempSubdirectory("eop-city-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Dir(string name) => Path.Combine(_root, name);

    private static Dictionary<string, string> Hashes(string dir) => Directory.EnumerateFiles(dir).ToDictionary(
        f => Path.GetFileName(f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public void SameSeedGivesIdenticalBytesWithOneAndTwoThreads()
    {
        var one = SyntheticCityGenerator.Generate(Tiny, Dir("one"), maxDegreeOfParallelism: 1);
        SyntheticCityGenerator.Generate(Tiny, Dir("two"), maxDegreeOfParallelism: 2);
        var a = Hashes(Dir("one"));
        var b = Hashes(Dir("two"));
        Assert.Equal(2 * one.Images + 1, a.Count);
        Assert.Equal(a.OrderBy(kv => kv.Key), b.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void DifferentSeedGivesDifferentImages()
    {
        SyntheticCityGenerator.Generate(Tiny, Dir("a"));
        SyntheticCityGenerator.Generate(Tiny with { Seed = Tiny.Seed + 1 }, Dir("b"));
        var a = Hashes(Dir("a")).Where(kv => kv.Key.EndsWith(".jpg")).Select(kv => kv.Value).ToHashSet();
        var b = Hashes(Dir("b")).Where(kv => kv.Key.EndsWith(".jpg")).Select(kv => kv.Value).ToHashSet();
        Assert.Empty(a.Intersect(b));
    }

    [Fact]
    public void ImagesDecodeAtTheRequestedSizeAndShowMoreThanOneColour()
    {
        var result = SyntheticCityGenerator.Generate(Tiny, Dir("img"));
        var jpgs = Directory.GetFiles(Dir("img"), "*.jpg");
        Assert.Equal(result.Images, jpgs.Length);
        foreach (var f in jpgs)
        {
            var image = RgbImage.Decode(f);
            Assert.Equal((64, 64), (image.Width, image.Height));
            var distinct = new HashSet<int>();
            for (var i = 0; i < image.Pixels.Length; i += 3)
                distinct.Add(image.Pixels[i] >> 4 << 8 | image.Pixels[i + 1] >> 4 << 4 | image.Pixels[i + 2] >> 4);
            Assert.True(distinct.Count > 20, $"{f}: only {distinct.Count} colours");
        }
        Assert.Equal(result.BytesOnDisk, Directory.EnumerateFiles(Dir("img")).Sum(f => new FileInfo(f).Length));
    }

    [Fact]
    public void TextFilesParseBackAndAgreeWithTheScene()
    {
        var options = Tiny with { Targets = 10 };
        SyntheticCityGenerator.Generate(options, Dir("txt"));
        var plan = SyntheticCityPlan.Create(options);
        var geo = plan.City.Geo;
        var txts = Directory.GetFiles(Dir("txt"), "*.txt");
        Assert.Equal(plan.Views.Count, txts.Length);
        foreach (var view in plan.Views)
        {
            var path = Path.Combine(Dir("txt"), view.Name.TextFileName);
            var r = StreetViewText.Parse(path, File.ReadAllText(path));
            var name = StreetViewName.Parse(path);
            Assert.Equal((name.DatasetId, name.ImageId, name.ViewId, name.TargetId), (r.DatasetId, r.PatchId, r.StreetViewId, r.TargetId));
            Assert.Equal("9001", r.DatasetId);

            // Positions back from lat/lon/height agree with the scene, and the distance with them.
            var (te, tn, tu) = geo.FromGeo(r.TargetLat, r.TargetLon, r.TargetHeight);
            var (ce, cn, cu) = geo.FromGeo(r.CameraLat, r.CameraLon, r.CameraHeight);
            Assert.Equal(view.Target.Point.X, te, 1e-4);
            Assert.Equal(view.Target.Point.Y, tn, 1e-4);
            Assert.Equal(view.Target.Point.Z, tu, 1e-4);
            Assert.Equal(options.CameraHeight, cu, 1e-9);
            double dx = te - ce, dy = tn - cn, dz = tu - cu;
            Assert.Equal(Math.Sqrt(dx * dx + dy * dy + dz * dz), r.Distance, 1e-4);
            Assert.Equal(GeoFrame.Heading(dx, dy), r.Heading, 1e-4);
            Assert.Equal(GeoFrame.Pitch(dx, dy, dz), r.Pitch, 1e-4);
            Assert.Equal(0, r.Roll);

            // The normal is a horizontal unit axis pointing toward the camera's side of the wall.
            var n = r.TargetNormal;
            Assert.Equal(1, n.X * n.X + n.Y * n.Y + n.Z * n.Z, 1e-12);
            Assert.Equal(0, n.Z);
            Assert.True(-(n.X * dx + n.Y * dy) > 0, $"{path}: normal faces away from the camera");

            var a = r.Alignment!;
            Assert.Equal(new Point2(32, 32), a.CorrectedCentre);
            Assert.Equal(Matrix3.Identity, a.Warp);
            Assert.Equal(Matrix3.Identity, a.Registration);
            Assert.Equal(new Quad2(new(0, 0), new(64, 0), new(64, 64), new(0, 64)), a.BoundingBox);
            Assert.Equal(a.BoundingBox, a.CorrectedBoundingBox);
            Assert.Equal((0L, 1.0, 1.0, 1.0), (a.SiftFlowEnergy, a.RansacInlierRatio, a.Similarity, a.Distortion));
        }
        // Views of one target agree on its point; one StreetViewID is one camera position.
        var records = txts.Select(f => StreetViewText.Parse(f, File.ReadAllText(f))).ToList();
        Assert.All(records.GroupBy(r => r.TargetId), g => Assert.Single(g.Select(r => (r.TargetLat, r.TargetLon, r.TargetHeight)).Distinct()));
        Assert.All(records.GroupBy(r => r.StreetViewId), g => Assert.Single(g.Select(r => (r.CameraLat, r.CameraLon)).Distinct()));
    }

    [Fact]
    public void CityJsonIsASyntheticManifestThatVerifiesTheCopy()
    {
        var result = SyntheticCityGenerator.Generate(Tiny, Dir("m"));
        var manifest = DatasetManifest.Load(Path.Combine(Dir("m"), CityManifest.FileName));
        Assert.Equal(ManifestKind.Synthetic, manifest.Kind);
        Assert.Equal(Tiny, CityManifest.Options(manifest));
        Assert.Equal(60, CityManifest.Options(manifest).FieldOfViewDegrees);
        Assert.Equal(SyntheticCityGenerator.Version.ToString(), manifest.Generator!.Version);
        Assert.Equal((result.Targets, result.Images), (manifest.Counts!.Targets, manifest.Counts.Views));
        Assert.Equal(6, manifest.ReferenceFiles.Count);
        Assert.Contains(manifest.ReferenceFiles.Keys, k => k.StartsWith("9001_1_") && k.EndsWith(".jpg"));

        var report = ManifestVerifier.Verify(manifest, Dir("m"));
        Assert.True(report.Ok, string.Join("\n", report.Checks));
        Assert.Equal(result.Images, report.Views);

        // A changed image fails its hash check.
        var first = manifest.ReferenceFiles.Keys.First(k => k.EndsWith(".jpg"));
        var bytes = File.ReadAllBytes(Path.Combine(Dir("m"), first));
        bytes[^3] ^= 0x01;
        File.WriteAllBytes(Path.Combine(Dir("m"), first), bytes);
        Assert.False(ManifestVerifier.Verify(manifest, Dir("m")).Ok);
    }

    [Fact]
    public void RerunReplacesAnEarlierCityButNeverWritesIntoAForeignFolder()
    {
        SyntheticCityGenerator.Generate(Tiny with { Targets = 8 }, Dir("re"));
        var second = SyntheticCityGenerator.Generate(Tiny with { Targets = 3 }, Dir("re"));
        Assert.Equal(2 * second.Images + 1, Directory.GetFiles(Dir("re")).Length);

        // An interrupted run (views, no city.json yet) is ours too.
        File.Delete(Path.Combine(Dir("re"), CityManifest.FileName));
        File.WriteAllText(Path.Combine(Dir("re"), "9001_99_1_1.jpg.123.4.tmp"), "half");
        SyntheticCityGenerator.Generate(Tiny with { Targets = 3 }, Dir("re"));
        Assert.Equal(2 * second.Images + 1, Directory.GetFiles(Dir("re")).Length);

        Directory.CreateDirectory(Dir("foreign"));
        File.WriteAllText(Path.Combine(Dir("foreign"), "9001_1_1_1.jpg"), "looks like a view");
        File.WriteAllText(Path.Combine(Dir("foreign"), "notes.md"), "mine");
        var e = Assert.Throws<IOException>(() => SyntheticCityGenerator.Generate(Tiny, Dir("foreign")));
        Assert.Contains("notes.md", e.Message);
        Assert.Equal(2, Directory.GetFiles(Dir("foreign")).Length);
    }

    [Fact]
    public void ProgressReachesTheTotal()
    {
        var seen = new List<SyntheticCityProgress>();
        var result = SyntheticCityGenerator.Generate(Tiny, Dir("p"), 1, new SyncProgress(seen.Add));
        Assert.Equal(new SyntheticCityProgress(result.Images, result.Images), seen[^1]);
    }

    private sealed class SyncProgress(Action<SyntheticCityProgress> report) : IProgress<SyntheticCityProgress>
    {
        public void Report(SyntheticCityProgress value) => report(value);
    }
}
