namespace EssenceOfPose.Notebooks;

// Which language a code cell is in, by the conventions Polyglot Notebooks writes:
// cell metadata (dotnet_interactive.language or polyglot_notebook.kernelName), else a
// leading magic line (#!pwsh, #!fsharp, ...), else the notebook's kernel.
internal static class CellLanguage
{
    private static readonly HashSet<string> s_csharpNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#", "cs" };

    private static readonly HashSet<string> s_otherKernels = new(StringComparer.OrdinalIgnoreCase)
    {
        "fsharp", "f#", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md", "sql", "kql",
        "mermaid", "http", "python", "r", "value", "vscode", "bash",
    };

    public static bool IsCSharp(string? language) => language is null || s_csharpNames.Contains(language) || language == ".net-csharp";

    /// <summary>The cell's language, or null when it is the notebook's own (C#).</summary>
    public static string? Of(NotebookCell cell)
    {
        var fromMetadata = (string?)cell.Metadata["polyglot_notebook"]?["kernelName"]
                           ?? (string?)cell.Metadata["dotnet_interactive"]?["language"];
        if (fromMetadata is not null) return fromMetadata;
        return MagicLine(cell.Source) is { } magic && (s_csharpNames.Contains(magic) || s_otherKernels.Contains(magic)) ? magic : null;
    }

    /// <summary>The code Roslyn should see: a leading #!csharp line becomes blank so that line numbers still match the cell.</summary>
    public static string CodeOf(NotebookCell cell)
    {
        var source = cell.Source;
        if (MagicLine(source) is not { } magic || !s_csharpNames.Contains(magic)) return source;
        var end = source.IndexOf('\n');
        return end < 0 ? "" : source[end..];
    }

    private static string? MagicLine(string source)
    {
        var trimmed = source.TrimStart(' ', '\t');
        if (!trimmed.StartsWith("#!", StringComparison.Ordinal)) return null;
        var end = trimmed.IndexOfAny(['\r', '\n', ' ', '\t']);
        return end < 0 ? trimmed[2..] : trimmed[2..end];
    }
}
