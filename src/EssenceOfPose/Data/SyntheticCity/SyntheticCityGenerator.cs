using System.Diagnostics;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.Manifests;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>How far a generation has got.</summary>
public readonly record struct SyntheticCityProgress(int ImagesDone, int ImagesTotal);

/// <summary>What a generation wrote and how long it took.</summary>
public sealed record SyntheticCityResult(string OutputDirectory, int Targets, int Images, int StreetViews, long BytesOnDisk, double Seconds)
{
    public double ImagesPerSecond => Images / Math.Max(Seconds, 1e-9);
}

/// <summary>
/// The suite's embedded default dataset: a procedural city rendered into exactly the 3D Street
/// View format (FACTS.md, "The dataset"), one <c>.jpg</c> and one <c>.txt</c> per view, named
/// <c>&lt;DatasetID&gt;_&lt;ImageID&gt;_&lt;ViewID&gt;_&lt;TargetID&gt;</c>, and <c>city.json</c>.
/// Same options, same bytes, whatever <c>maxDegreeOfParallelism</c> is.
/// </summary>
public static class SyntheticCityGenerator
{
    /// <summary>
    /// Bumped whenever the same options would give different files. 2: JPEGs written by Skia's
    /// encoder (libjpeg-turbo) instead of stb_image_write; same renderings, different JPEG bytes.
    /// </summary>
    public const int Version = 2;

    /// <summary>Renders the city into <paramref name="outputDirectory"/> (created if missing).</summary>
    /// <param name="maxDegreeOfParallelism">Images rendered at once; −1 uses every core.</param>
    /// <exception cref="IOException">The folder holds files but no earlier <c>city.json</c>: not ours to overwrite.</exception>
    public static SyntheticCityResult Generate(SyntheticCityOptions options, string outputDirectory, int maxDegreeOfParallelism = -1,
        IProgress<SyntheticCityProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var plan = SyntheticCityPlan.Create(options, maxDegreeOfParallelism, cancel);
        var root = Path.GetFullPath(outputDirectory);
        PrepareFolder(root);

        var settings = RenderSettings.From(options);
        var pixels = settings.Size * settings.Size * 3;
        long bytes = 0;
        var done = 0;
        var step = Math.Max(1, plan.Views.Count / 100);
        Parallel.For(0, plan.Views.Count,
            new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancel },
            () => new byte[pixels],
            (i, _, rgb) =>
            {
                var view = plan.Views[i];
                ViewRenderer.Render(plan.City, view.Pose, settings, rgb);
                var jpeg = ImageEncoder.Jpeg(rgb, settings.Size, settings.Size, options.JpegQuality);
                var text = System.Text.Encoding.UTF8.GetBytes(StreetViewText.Write(ViewRecords.Create(plan, view)));
                AtomicFile.WriteAllBytes(Path.Combine(root, view.Name.ImageFileName), jpeg);
                AtomicFile.WriteAllBytes(Path.Combine(root, view.Name.TextFileName), text);
                Interlocked.Add(ref bytes, jpeg.Length + text.Length);
                var n = Interlocked.Increment(ref done);
                if (n % step == 0 || n == plan.Views.Count) progress?.Report(new SyntheticCityProgress(n, plan.Views.Count));
                return rgb;
            },
            _ => { });

        var references = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in plan.Views.Take(3))
        {
            references[v.Name.ImageFileName] = ManifestVerifier.Sha256(Path.Combine(root, v.Name.ImageFileName));
            references[v.Name.TextFileName] = ManifestVerifier.Sha256(Path.Combine(root, v.Name.TextFileName));
        }
        var json = CityManifest.Create(plan, new Dictionary<string, string>(references)).ToJson() + "\n";
        AtomicFile.WriteAllText(Path.Combine(root, CityManifest.FileName), json);
        bytes += System.Text.Encoding.UTF8.GetByteCount(json);
        var streetViews = plan.Views.Select(v => v.Panorama).Distinct().Count();
        return new SyntheticCityResult(root, plan.Targets.Count, plan.Views.Count, streetViews, bytes, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// A new or empty folder is used as is. A folder holding only an earlier city (views, its
    /// city.json, temporary files of an interrupted run) is cleared first. Anything else is not
    /// ours, and is left alone.
    /// </summary>
    private static void PrepareFolder(string root)
    {
        Directory.CreateDirectory(root);
        var entries = Directory.EnumerateFileSystemEntries(root).ToList();
        var foreign = entries.FirstOrDefault(e => !IsOurs(e));
        if (foreign is not null)
            throw new IOException($"'{root}' holds '{Path.GetFileName(foreign)}', which is not part of a synthetic city: refusing to write into a folder that is not empty");
        foreach (var file in entries) File.Delete(file);
    }

    private static bool IsOurs(string path)
    {
        if (!File.Exists(path)) return false; // a folder
        var name = Path.GetFileName(path);
        if (name == CityManifest.FileName) return true;
        if (name.EndsWith(".tmp", StringComparison.Ordinal)) name = name[..name.IndexOf('.')]; // AtomicFile's <name>.<pid>.<thread>.tmp
        else if (!name.EndsWith(".jpg", StringComparison.Ordinal) && !name.EndsWith(".txt", StringComparison.Ordinal)) return false;
        return StreetViewName.TryParse(name, out _);
    }
}
