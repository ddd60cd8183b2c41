using System.Text;

namespace EssenceOfPose.Data.Manifests;

/// <summary>
/// The shell commands that download a real dataset's parts with aria2c (8 connections per file,
/// resumable), for a person to read and run: they are printed, never executed here. The links
/// file lists each URL with the path it is saved under (aria2c's <c>out=</c> option), so the
/// download reproduces the server's layout (<c>dataset_aligned/0000.tar</c> …).
/// </summary>
public sealed record FetchPlan(string Destination, IReadOnlyList<FetchItem> Files, string LinksFile, IReadOnlyList<string> Commands)
{
    /// <summary>Plans the download of the parts named in <paramref name="parts"/> (all parts when null or empty).</summary>
    public static FetchPlan Create(DatasetManifest manifest, string destination, IReadOnlyCollection<string>? parts = null)
    {
        if (manifest.Kind != ManifestKind.Real || manifest.BaseUrl is null)
            throw new InvalidOperationException($"{manifest.Name} has no download links: a synthetic dataset is generated, not fetched");
        var known = manifest.Parts.Select(p => p.Name).ToList();
        var unknown = (parts ?? []).Where(p => !known.Contains(p)).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown part(s) {string.Join(", ", unknown)}; {manifest.Name} has {string.Join(", ", known)}", nameof(parts));

        var chosen = manifest.Parts.Where(p => parts is null || parts.Count == 0 || parts.Contains(p.Name));
        var files = chosen.SelectMany(p => p.AllFiles().Select(f => new FetchItem(p.Name, Url(manifest.BaseUrl, f.Path), f.Path, f.Sha256))).ToList();

        var links = new StringBuilder();
        foreach (var f in files)
        {
            links.Append(f.Url).Append('\n');
            links.Append("  out=").Append(f.Path).Append('\n');
            if (f.Sha256 is not null) links.Append("  checksum=sha-256=").Append(f.Sha256).Append('\n');
        }

        var linksPath = destination.TrimEnd('/') + "/links.txt";
        var commands = new List<string>
        {
            $"mkdir -p {Quote(destination)}",
            $"cat > {Quote(linksPath)} <<'EOF'\n{links}EOF",
            $"aria2c -x 8 -c -i {Quote(linksPath)} -d {Quote(destination)}",
        };
        return new FetchPlan(destination, files, links.ToString(), commands);
    }

    /// <summary>The commands, one after the other, as a script to paste.</summary>
    public string Script => string.Join("\n", Commands) + "\n";

    private static string Url(string baseUrl, string path) => baseUrl.TrimEnd('/') + "/" + path.TrimStart('/');

    /// <summary>POSIX shell single quoting: safe for any path.</summary>
    internal static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}

/// <summary>One file to download: its part, URL, path under the destination, and hash where published.</summary>
public sealed record FetchItem(string Part, string Url, string Path, string? Sha256);
