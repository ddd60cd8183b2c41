namespace EssenceOfPose.Notebooks;

// File names in the output folder: one stem per notebook (name.ipynb, name.html), made unique
// when two notebooks share a name, never index (the report's own page), and never a path that
// would overwrite a source notebook (when the output folder is the notebooks' folder).
internal sealed class OutputNames(string outputDirectory, IEnumerable<string> sourcePaths)
{
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase) { "index", "plotly.min" };
    private readonly HashSet<string> _sources = [.. sourcePaths.Select(Path.GetFullPath)];

    public string Reserve(string sourcePath)
    {
        var stem = Path.GetFileNameWithoutExtension(sourcePath);
        for (var k = 1; ; k++)
        {
            var candidate = k == 1 ? stem : $"{stem}-{k}";
            if (_sources.Contains(Path.Combine(outputDirectory, candidate + ".ipynb"))) continue;
            if (_used.Add(candidate)) return candidate;
        }
    }
}
