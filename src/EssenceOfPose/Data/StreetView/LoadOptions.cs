namespace EssenceOfPose.Data.StreetView;

/// <summary>What the reader does with a bad record (a malformed <c>.txt</c>, a bad name, an image without its text or the reverse).</summary>
public enum LoadPolicy
{
    /// <summary>Throw a <see cref="StreetViewFormatException"/> at the first bad record.</summary>
    Stop,

    /// <summary>Leave the record out, and list the problem in <see cref="StreetViewDataset.Problems"/>.</summary>
    Skip,
}

/// <summary>How <see cref="StreetViewDataset.Load"/> reads a folder or an archive.</summary>
public sealed record LoadOptions
{
    public LoadPolicy Policy { get; init; } = LoadPolicy.Stop;

    /// <summary>Read <c>.tar</c> files found in the tree as if they were folders.</summary>
    public bool ReadArchives { get; init; } = true;

    /// <summary>Require the DatasetID and TargetID of the <c>d</c> line to equal those of the file name.</summary>
    public bool CheckNameAgainstRecord { get; init; } = true;

    public static LoadOptions Strict { get; } = new();

    public static LoadOptions Lenient { get; } = new() { Policy = LoadPolicy.Skip };
}

/// <summary>One skipped record: which file, which line (0 when not inside the text), which field, and the full message.</summary>
public sealed record LoadProblem(string File, int Line, string Field, string Message)
{
    internal static LoadProblem From(StreetViewFormatException e) => new(e.File, e.Line, e.Field, e.Message);

    public override string ToString() => Message;
}
