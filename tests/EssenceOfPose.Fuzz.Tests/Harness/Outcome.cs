namespace EssenceOfPose.Fuzz.Tests;

/// <summary>How one hostile input came out. Only <see cref="Clear"/> and <see cref="Accepted"/> pass.</summary>
public enum Outcome
{
    /// <summary>Refused with one line that names the input (its file, or the option) and is not a raw runtime message.</summary>
    Clear,

    /// <summary>Taken as valid, and the case allows that (a control, or a mutation that leaves the input valid).</summary>
    Accepted,

    /// <summary>The process died (a signal, exit 134), or an exception the loader does not document escaped.</summary>
    Crash,

    /// <summary>Still running at the case's time limit.</summary>
    Hang,

    /// <summary>The peak memory went over the ceiling.</summary>
    BlowUp,

    /// <summary>Taken as valid although the case is invalid.</summary>
    Silent,

    /// <summary>Refused, but the message does not name the input, spans several lines, or is a raw runtime message.</summary>
    Unclear,
}

/// <summary>What a case allows.</summary>
public enum Expect
{
    /// <summary>The input is invalid: only a clear refusal passes.</summary>
    Reject,

    /// <summary>The input is valid: it must be accepted.</summary>
    Accept,

    /// <summary>A blind mutation (a flipped byte in tensor data, say) may leave the input valid: either passes.</summary>
    Either,
}

/// <summary>One input of a corpus: a name for the report, what it allows, and the text an error must contain to name it.</summary>
public sealed record FuzzCase(string Loader, string Name, Expect Expect, string MustName);

/// <summary>The result of one case, with the message it produced and the peak memory it took.</summary>
public sealed record CaseResult(FuzzCase Case, Outcome Outcome, string Message, long PeakBytes, TimeSpan Elapsed)
{
    public bool Passed => Outcome is Outcome.Clear or Outcome.Accepted;

    public override string ToString() =>
        $"[{Case.Loader}] {Case.Name}: {Outcome} ({PeakBytes / (1 << 20)} MiB, {Elapsed.TotalSeconds:0.00} s) {Message}";
}
