namespace EssenceOfPose.Data.StreetView;

/// <summary>
/// A loaded part of the 3D Street View dataset: every view found under a folder tree or in
/// <c>.tar</c> bundles, grouped into <see cref="Target"/>s by TargetID (FACTS.md, "The dataset").
/// Images stay on disk; each view's <see cref="DatasetView.Image"/> reads them on demand.
/// </summary>
public sealed class StreetViewDataset
{
    private readonly Dictionary<TargetKey, Target> _byKey;

    private StreetViewDataset(string root, List<DatasetView> views, List<LoadProblem> problems)
    {
        Root = root;
        Views = views;
        Problems = problems;
        Targets = views
            .GroupBy(v => v.Target)
            .OrderBy(g => g.Key.DatasetId).ThenBy(g => g.Key.TargetId)
            .Select(g => new Target(g.Key, g.OrderBy(v => v.Name.Stem, StringComparer.Ordinal).ToList()))
            .ToList();
        _byKey = Targets.ToDictionary(t => t.Key);
    }

    public string Root { get; }

    /// <summary>Views in scan order (folders and files in ordinal order, archives in entry order).</summary>
    public IReadOnlyList<DatasetView> Views { get; }

    /// <summary>Targets ordered by DatasetID then TargetID; views within a target by name.</summary>
    public IReadOnlyList<Target> Targets { get; }

    /// <summary>The records left out under <see cref="LoadPolicy.Skip"/>; empty under <see cref="LoadPolicy.Stop"/>.</summary>
    public IReadOnlyList<LoadProblem> Problems { get; }

    public int SkippedCount => Problems.Count;

    public bool TryGetTarget(TargetKey key, out Target target) => _byKey.TryGetValue(key, out target!);

    /// <summary>Loads a folder (recursively, reading any <c>.tar</c> in it) or a single <c>.tar</c>.</summary>
    /// <exception cref="StreetViewFormatException">Under <see cref="LoadPolicy.Stop"/>, the first bad record.</exception>
    public static StreetViewDataset Load(string path, LoadOptions? options = null)
    {
        options ??= LoadOptions.Strict;
        var views = new List<DatasetView>();
        var problems = new List<LoadProblem>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in StreetViewScanner.Scan(path, options))
        {
            var problem = result.Problem;
            if (result.View is { } view && !seen.TryAdd(view.Name.Stem, view.TextSource))
                problem = new StreetViewFormatException(view.TextSource, 0, "name", "each view once in the dataset", $"a second copy of {seen[view.Name.Stem]}");
            if (problem is null)
            {
                views.Add(result.View!);
                continue;
            }
            if (options.Policy == LoadPolicy.Stop) throw problem;
            problems.Add(LoadProblem.From(problem));
        }
        return new StreetViewDataset(path, views, problems);
    }

    public override string ToString() => $"{Root}: {Views.Count} views, {Targets.Count} targets, {SkippedCount} skipped";
}
