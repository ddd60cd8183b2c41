namespace EssenceOfPose.Notebooks;

// Where plotly.js comes from for the report: the report must open from disk with no network, so
// it draws charts with a local copy placed next to it. The setup installs the npm package
// plotly.js-dist-min under <repository>/.tools/node_modules.
internal static class PlotlyScript
{
    public const string FileName = "plotly.min.js";
    public const string EnvironmentVariable = "EOP_PLOTLY_JS";
    private static readonly string s_relative = Path.Combine(".tools", "node_modules", "plotly.js-dist-min", FileName);

    /// <summary>The explicit path if given (null if it does not exist), else $EOP_PLOTLY_JS, else
    /// .tools/ in a folder above the working directory or above this program; null when none exists.</summary>
    public static string? Find(string? explicitPath = null)
    {
        if (explicitPath is not null) return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : null;
        IEnumerable<string?> candidates =
        [
            Environment.GetEnvironmentVariable(EnvironmentVariable),
            .. Ancestors(Environment.CurrentDirectory).Select(d => Path.Combine(d, s_relative)),
            .. Ancestors(AppContext.BaseDirectory).Select(d => Path.Combine(d, s_relative)),
        ];
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
    }

    private static IEnumerable<string> Ancestors(string directory)
    {
        for (var d = new DirectoryInfo(directory); d is not null; d = d.Parent) yield return d.FullName;
    }
}
