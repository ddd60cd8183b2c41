using System.Security.Cryptography;
using EssenceOfPose.Data.Images;
using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.Manifests;

/// <summary>
/// Checks a copy of a dataset against its manifest. Synthetic: the counts of targets and views,
/// the views-per-target range, no bad record, and every reference file's sha256. Real (3D Street
/// View): which published files are present, that every view found (loose or in a present tar of
/// a view part) parses and pairs <c>.jpg</c> with <c>.txt</c>, and published hashes where known.
/// Views are streamed, not kept, so a full copy can be surveyed.
/// </summary>
public static class ManifestVerifier
{
    public const int MaxListedProblems = 100;

    /// <param name="decodeImages">
    /// Decode every image, as training will (the default): an empty, truncated or oversized JPEG is a
    /// bad record. False only checks that each image is present and not empty, and says so in the report.
    /// </param>
    public static VerifyReport Verify(DatasetManifest manifest, string root, bool decodeImages = true)
    {
        var checks = new List<VerifyCheck>();
        var partFiles = new List<PartFileStatus>();
        var survey = new Survey(decodeImages);
        var exists = Directory.Exists(root);
        checks.Add(new VerifyCheck("root", exists, "an existing folder", exists ? root : $"no folder {root}"));
        if (exists)
        {
            if (manifest.Kind == ManifestKind.Synthetic)
                survey.Add(StreetViewScanner.Scan(root, LoadOptions.Lenient));
            else
                SurveyReal(manifest, root, survey, partFiles, checks);
            checks.Add(new VerifyCheck("bad records", survey.BadRecords == 0, "0", survey.BadRecords.ToString(Inv)));
            checks.Add(new VerifyCheck(decodeImages ? "images decode" : "images not empty (decoding skipped)", survey.BadImages == 0,
                decodeImages ? "every image decodes" : "every image non-empty", $"{survey.BadImages} of {survey.Views + survey.BadImages} bad"));
            if (manifest.Kind == ManifestKind.Synthetic) CheckSynthetic(manifest, root, survey, checks);
            else checks.Add(new VerifyCheck("views", survey.Views > 0, "at least one view that parses", survey.Views.ToString(Inv)));
        }
        return new VerifyReport
        {
            Manifest = manifest.Name,
            Kind = manifest.Kind,
            Root = root,
            Views = survey.Views,
            Targets = survey.PerTarget.Count,
            ViewsPerTarget = survey.PerTarget.Values.GroupBy(n => n).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            BadRecords = survey.BadRecords,
            Problems = survey.Problems,
            Checks = checks,
            PartFiles = partFiles,
        };
    }

    /// <summary>Lowercase hex sha256 of a file.</summary>
    public static string Sha256(string path)
    {
        using var stream = InputFile.OpenRead(path, "a file the manifest lists", long.MaxValue, 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void SurveyReal(DatasetManifest manifest, string root, Survey survey, List<PartFileStatus> partFiles, List<VerifyCheck> checks)
    {
        foreach (var part in manifest.Parts)
        {
            foreach (var file in part.AllFiles())
            {
                var path = Path.Combine(root, file.Path);
                var present = File.Exists(path);
                partFiles.Add(new PartFileStatus(part.Name, file.Path, present, present ? new FileInfo(path).Length : null));
                if (!present) continue;
                if (file.Sha256 is { } expected)
                {
                    var actual = Sha256(path);
                    checks.Add(new VerifyCheck("sha256 " + file.Path, string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase), expected, actual));
                }
                if (part.ContainsViews && path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase))
                    survey.Add(StreetViewScanner.Scan(path, LoadOptions.Lenient));
            }
        }
        // Extracted views anywhere under the root, except in the folders of parts of another format.
        var skip = manifest.Parts.Where(p => !p.ContainsViews && p.Directory.Length > 0)
            .Select(p => Path.GetFullPath(Path.Combine(root, p.Directory)).TrimEnd(Path.DirectorySeparatorChar))
            .ToHashSet(StringComparer.Ordinal);
        survey.Add(StreetViewScanner.Scan(root, LoadOptions.Lenient with { ReadArchives = false },
            dir => !skip.Contains(Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar))));
    }

    private static void CheckSynthetic(DatasetManifest manifest, string root, Survey survey, List<VerifyCheck> checks)
    {
        if (manifest.Counts?.Targets is { } targets)
            checks.Add(new VerifyCheck("targets", targets == survey.PerTarget.Count, targets.ToString(Inv), survey.PerTarget.Count.ToString(Inv)));
        if (manifest.Counts?.Views is { } views)
            checks.Add(new VerifyCheck("views", views == survey.Views, views.ToString(Inv), survey.Views.ToString(Inv)));
        if (manifest.Layout is { MinViewsPerTarget: { } min, MaxViewsPerTarget: { } max } && survey.PerTarget.Count > 0)
        {
            var (lo, hi) = (survey.PerTarget.Values.Min(), survey.PerTarget.Values.Max());
            checks.Add(new VerifyCheck("views per target", lo >= min && hi <= max, $"{min}–{max}", lo == hi ? $"{lo}" : $"{lo}–{hi}"));
        }
        foreach (var (relative, expected) in manifest.ReferenceFiles.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(root, relative);
            var actual = File.Exists(path) ? Sha256(path) : "no such file";
            checks.Add(new VerifyCheck("sha256 " + relative, string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase), expected, actual));
        }
    }

    private static readonly IFormatProvider Inv = System.Globalization.CultureInfo.InvariantCulture;

    /// <summary>Counts views per target and keeps the first problems, without holding the views.</summary>
    private sealed class Survey(bool decodeImages)
    {
        public int Views;
        public int BadRecords;
        public int BadImages;
        public readonly Dictionary<TargetKey, int> PerTarget = [];
        public readonly List<LoadProblem> Problems = [];

        public void Add(IEnumerable<ScanResult> results)
        {
            foreach (var r in results)
            {
                if (r.View is { } view && ImageProblem(view) is { } bad)
                {
                    BadImages++;
                    BadRecords++;
                    if (Problems.Count < MaxListedProblems) Problems.Add(LoadProblem.From(bad));
                }
                else if (r.View is { } v)
                {
                    Views++;
                    PerTarget[v.Target] = PerTarget.GetValueOrDefault(v.Target) + 1;
                }
                else if (r.Problem is { } p)
                {
                    BadRecords++;
                    if (Problems.Count < MaxListedProblems) Problems.Add(LoadProblem.From(p));
                }
            }
        }

        private StreetViewFormatException? ImageProblem(DatasetView view)
        {
            try
            {
                if (decodeImages) RgbImage.Decode(view.Image.ReadAllBytes(), view.Image.Description);
                else if (view.Image.Length == 0) throw new ImageDecodeException(view.Image.Description, "empty file (0 bytes)");
                return null;
            }
            catch (IOException e)
            {
                var reason = e is ImageDecodeException d ? d.Reason : e is InputFileException f ? f.Problem : e.Message;
                return new StreetViewFormatException(view.Image.Description, 0, "image", decodeImages ? "an image that decodes" : "a non-empty image", reason, e);
            }
        }
    }
}
