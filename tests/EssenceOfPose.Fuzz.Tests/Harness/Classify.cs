namespace EssenceOfPose.Fuzz.Tests;

/// <summary>The rules that turn what a loader did into an <see cref="Outcome"/>.</summary>
internal static class Classify
{
    /// <summary>Texts that only a runtime or a library writes, never the suite: a message containing one is unclear.</summary>
    static readonly string[] RawRuntimeMessages =
    [
        "Sequence contains no elements",
        "Object reference not set",
        "Attempted to divide by zero",
        "Cannot transcode invalid UTF-8",
        "Access to the path",
        "Index was outside the bounds",
        "Specified argument was out of the range",
        "Arithmetic operation resulted in an overflow",
        "cannot be written as valid JSON",
        "Value cannot be null",
        "Unhandled exception",
        "   at ",
    ];

    /// <summary>A refusal: clear when <paramref name="message"/> is one line, names the input and is not a raw runtime message.</summary>
    public static Outcome Refusal(FuzzCase c, string message)
    {
        var text = message.TrimEnd();
        if (text.Length == 0) return Outcome.Unclear;
        if (text.Contains('\n')) return Outcome.Unclear;
        if (!text.Contains(c.MustName, StringComparison.Ordinal)) return Outcome.Unclear;
        return RawRuntimeMessages.Any(r => text.Contains(r, StringComparison.Ordinal)) ? Outcome.Unclear : Outcome.Clear;
    }

    /// <summary>Taken without complaint.</summary>
    public static Outcome Acceptance(FuzzCase c) => c.Expect == Expect.Reject ? Outcome.Silent : Outcome.Accepted;

    /// <summary>A refusal of a case that must be accepted is a failure too: the loader rejects valid input.</summary>
    public static Outcome RefusalOf(FuzzCase c, string message) =>
        c.Expect == Expect.Accept ? Outcome.Unclear : Refusal(c, message);
}
