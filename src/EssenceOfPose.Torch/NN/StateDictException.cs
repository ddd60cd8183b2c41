namespace EssenceOfPose.Torch.NN;

/// <summary>Everything wrong with a state dictionary that load_state_dict refused; the module was left unchanged.</summary>
public sealed class StateDictException : Exception
{
    public StateDictException(string moduleName, IReadOnlyList<string> missingKeys, IReadOnlyList<string> unexpectedKeys,
        IReadOnlyList<string> sizeMismatches)
        : base(Describe(moduleName, missingKeys, unexpectedKeys, sizeMismatches))
    {
        MissingKeys = missingKeys;
        UnexpectedKeys = unexpectedKeys;
        SizeMismatches = sizeMismatches;
    }

    /// <summary>The module's keys absent from the dictionary.</summary>
    public IReadOnlyList<string> MissingKeys { get; }

    /// <summary>The dictionary's keys the module does not have.</summary>
    public IReadOnlyList<string> UnexpectedKeys { get; }

    /// <summary>One line per key whose shapes differ: "conv1.weight: expected [20, 3, 7, 7], got [20, 3, 5, 5]".</summary>
    public IReadOnlyList<string> SizeMismatches { get; }

    static string Describe(string module, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> sizes)
    {
        var lines = new List<string> { $"Error(s) in loading state_dict for {module}:" };
        if (missing.Count > 0) lines.Add("  Missing key(s): " + string.Join(", ", missing.Select(k => $"\"{k}\"")));
        if (unexpected.Count > 0) lines.Add("  Unexpected key(s): " + string.Join(", ", unexpected.Select(k => $"\"{k}\"")));
        foreach (var s in sizes) lines.Add("  Size mismatch: " + s);
        return string.Join(Environment.NewLine, lines);
    }
}
