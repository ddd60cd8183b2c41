using System.Security.Cryptography;
using System.Text;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.Manifests;
using EssenceOfPose.Data.StreetView;
using EssenceOfPose.Data.SyntheticCity;

namespace EssenceOfPose.Tests.Data;

/// <summary>
/// data-manifests/synthetic-city.json describes the default city (<see cref="SyntheticCityOptions.Default"/>).
/// Its reference files are the first three views, which belong to the first targets and so can be
/// re-rendered in milliseconds: any change to what the generator writes shows here.
/// </summary>
public class SyntheticCityManifestTests
{
    private static string ManifestPath()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var path = Path.Combine(d.FullName, "data-manifests", "synthetic-city.json");
            if (File.Exists(path)) return path;
        }
        throw new FileNotFoundException("data-manifests/synthetic-city.json not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void ShippedManifestIsTheDefaultCityOfThisGeneratorVersion()
    {
        var manifest = DatasetManifest.Load(ManifestPath());
        Assert.Equal(ManifestKind.Synthetic, manifest.Kind);
        Assert.Equal(SyntheticCityOptions.Default, CityManifest.Options(manifest));
        Assert.Equal(SyntheticCityGenerator.Version.ToString(), manifest.Generator!.Version);
        Assert.Equal(1000, manifest.Counts!.Targets);
    }

    [Fact]
    public void ReferenceFilesAreWhatTheGeneratorRendersNow()
    {
        var manifest = DatasetManifest.Load(ManifestPath());
        // The first three views belong to the first targets, whose plans do not depend on the target count.
        var plan = SyntheticCityPlan.Create(SyntheticCityOptions.Default with { Targets = 3 });
        var settings = RenderSettings.From(plan.Options);
        var rgb = new byte[settings.Size * settings.Size * 3];
        var rendered = new Dictionary<string, string>();
        foreach (var view in plan.Views.Take(3))
        {
            ViewRenderer.Render(plan.City, view.Pose, settings, rgb);
            rendered[view.Name.ImageFileName] = Sha256(ImageEncoder.Jpeg(rgb, settings.Size, settings.Size, plan.Options.JpegQuality));
            rendered[view.Name.TextFileName] = Sha256(Encoding.UTF8.GetBytes(StreetViewText.Write(ViewRecords.Create(plan, view))));
        }
        Assert.True(manifest.ReferenceFiles.OrderBy(p => p.Key).SequenceEqual(rendered.OrderBy(p => p.Key)),
            "the generator's output changed: bump SyntheticCityGenerator.Version, run `eop dataset synth --out DIR` with the defaults " +
            "and copy DIR/city.json to data-manifests/synthetic-city.json");
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
