namespace EssenceOfPose.Notebooks;

/// <summary>How <see cref="NotebookRunner"/> runs notebooks: profile, parameters, where the executed
/// copies and the report go, and how long one cell may take.</summary>
public sealed record NotebookRunOptions
{
    public static readonly IReadOnlyList<string> Profiles = ["quick", "full"];

    /// <summary>"quick" (minutes on a CPU, what CI runs) or "full" (the paper-scale run); injected as <c>Profile</c>.</summary>
    public string Profile { get; init; } = "quick";

    /// <summary>Values injected after the cell tagged <c>parameters</c>; see <see cref="NotebookParameters.Parse"/>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Receives the executed notebooks and the HTML report (index.html).</summary>
    public string OutputDirectory { get; init; } = Path.Combine("artifacts", "notebooks");

    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>plotly.js for the report's charts. Null looks in the usual places ($EOP_PLOTLY_JS, then
    /// .tools/node_modules/plotly.js-dist-min above the working folder); a path is used as given, and
    /// when it does not exist the report shows chart JSON under a banner.</summary>
    public string? PlotlyScriptPath { get; init; }

    internal IReadOnlyDictionary<string, string> InjectedValues()
    {
        if (!Profiles.Contains(Profile)) throw new ArgumentException($"Unknown profile '{Profile}'; expected {string.Join(" or ", Profiles)}.");
        var values = new OrderedDictionary<string, string>(StringComparer.Ordinal) { ["Profile"] = Profile };
        foreach (var (name, value) in Parameters) values[name] = value;
        return values;
    }
}
