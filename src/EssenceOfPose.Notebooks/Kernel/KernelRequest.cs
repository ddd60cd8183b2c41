using System.Globalization;

namespace EssenceOfPose.Notebooks;

/// <summary>What the runner asks of one kernel process: run this notebook with these parameters,
/// write the executed copy and the status here. Passed as the process's arguments:
/// <c>kernel NOTEBOOK --executed PATH --status PATH --timeout SECONDS [--param NAME=VALUE]...</c></summary>
internal sealed record KernelRequest(
    string Notebook,
    string ExecutedPath,
    string StatusPath,
    TimeSpan CellTimeout,
    IReadOnlyList<KeyValuePair<string, string>> Parameters)
{
    public const string Verb = "kernel";

    public IEnumerable<string> ToArguments()
    {
        yield return Verb;
        yield return Notebook;
        yield return "--executed";
        yield return ExecutedPath;
        yield return "--status";
        yield return StatusPath;
        yield return "--timeout";
        yield return CellTimeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
        foreach (var (name, value) in Parameters)
        {
            yield return "--param";
            yield return $"{name}={value}";
        }
    }

    /// <summary>The arguments after the verb; a <see cref="FormatException"/> says what is wrong.</summary>
    public static KernelRequest Parse(IReadOnlyList<string> arguments)
    {
        string? notebook = null, executed = null, status = null;
        var timeout = TimeSpan.FromMinutes(10);
        var parameters = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--executed": executed = Next(ref i); break;
                case "--status": status = Next(ref i); break;
                case "--timeout":
                    var text = Next(ref i);
                    timeout = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && double.IsFinite(s)
                        ? TimeSpan.FromSeconds(s)
                        : throw new FormatException($"--timeout must be a positive number of seconds, not '{text}'");
                    break;
                case "--param":
                    var assignment = Next(ref i);
                    var equals = assignment.IndexOf('=');
                    if (equals <= 0) throw new FormatException($"--param '{assignment}' is not of the form Name=value");
                    parameters.Add(new(assignment[..equals], assignment[(equals + 1)..]));
                    break;
                case var other when other.StartsWith("--", StringComparison.Ordinal):
                    throw new FormatException($"unknown option {other}");
                default:
                    if (notebook is not null) throw new FormatException("a kernel process runs one notebook");
                    notebook = arguments[i];
                    break;
            }
        }
        return new KernelRequest(
            notebook ?? throw new FormatException("no notebook given"),
            executed ?? throw new FormatException("--executed is required"),
            status ?? throw new FormatException("--status is required"),
            timeout,
            parameters);

        string Next(ref int i) => ++i < arguments.Count ? arguments[i] : throw new FormatException($"{arguments[i - 1]} needs a value");
    }
}
