using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using EssenceOfPose.Models;

namespace EssenceOfPose.Cli;

/// <summary>
/// The last word on an exception no verb caught: one line on stderr that names the verb and the
/// inputs it was given (so "a score is NaN" becomes "… while processing --model m.safetensors"),
/// the stack trace only under <c>--verbose</c>. Bad input exits 2; anything else is a bug and
/// exits 70 (EX_SOFTWARE), with the exception's type in the line so that a report can quote it.
/// </summary>
internal static class TopLevel
{
    public const int Bug = 70;

    public static int Report(Exception e, ParseResult parsed, bool verbose)
    {
        if (e is OperationCanceledException)
        {
            Console.Error.WriteLine($"{Verb(parsed)}: cancelled");
            return 130;
        }
        var inputs = Inputs(parsed).ToList();
        var message = VerbSupport.OneLine(e.Message);
        var named = inputs.Any(i => message.Contains(i.Value, StringComparison.Ordinal) || message.Contains(System.IO.Path.GetFileName(i.Value), StringComparison.Ordinal));
        var where = inputs.Count == 0 || named ? "" : $" (while processing {string.Join(", ", inputs.Select(i => $"{i.Name} {i.Value}"))})";
        var input = IsBadInput(e);
        Console.Error.WriteLine(input
            ? $"{Verb(parsed)}: {message}{where}"
            : $"{Verb(parsed)}: unexpected error ({e.GetType().Name}: {message}){where}{(verbose ? "" : "; rerun with --verbose for the stack trace")}");
        if (verbose) Console.Error.WriteLine(e);
        return input ? VerbSupport.BadInput : Bug;
    }

    /// <summary>Writes this process's peak resident memory in bytes (Linux's VmHWM) to <paramref name="path"/>; silent where /proc is absent.</summary>
    public static void WritePeakRss(string path)
    {
        try
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is null) return;
            var kb = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllText(path, (kb * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // A measurement aid only.
        }
    }

    /// <summary>Exceptions the suite throws for input it refuses, each with a message written for the user.</summary>
    public static bool IsBadInput(Exception e) => e is IOException or FormatException or ArgumentException or JsonException
        or CheckpointException or SafetensorsException or InvalidDataException or UnauthorizedAccessException;

    public static string Verb(ParseResult parsed)
    {
        var names = new Stack<string>();
        for (var r = parsed.CommandResult; r?.Parent is not null; r = r.Parent as CommandResult) names.Push(r.Command.Name);
        return string.Join(' ', ["eop", .. names]);
    }

    /// <summary>The files and folders the command line names: path-typed options and arguments, and the usual input options.</summary>
    static IEnumerable<(string Name, string Value)> Inputs(ParseResult parsed)
    {
        string[] named = ["--model", "--image", "--partner", "--data", "--root", "--manifest", "--caffemodel", "--prototxt", "--init-from", "--out"];
        foreach (var child in parsed.CommandResult.Children)
        {
            if (child is OptionResult o && !o.Implicit && (named.Contains(o.Option.Name) || IsPath(o.Option.ValueType)))
                foreach (var t in o.Tokens) yield return (o.Option.Name, t.Value);
            else if (child is ArgumentResult a && IsPath(a.Argument.ValueType))
                foreach (var t in a.Tokens) yield return (a.Argument.Name, t.Value);
        }
    }

    static bool IsPath(Type t) => t == typeof(FileInfo) || t == typeof(DirectoryInfo) || t == typeof(FileInfo[]) || t == typeof(DirectoryInfo[]) || t == typeof(FileSystemInfo);
}
