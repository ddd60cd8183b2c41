using System.CommandLine;

namespace EssenceOfPose.Cli.Tests;

/// <summary>Runs `eop ARGS` in this process with every command registered, capturing stdout and stderr (tests run one after another: see SerialConsole.cs).</summary>
static class InProcessEop
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand();
        foreach (var c in CommandCatalog.All()) root.Subcommands.Add(c);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            return (root.Parse(args).Invoke(), stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    /// <summary>
    /// Runs <paramref name="args"/> with <paramref name="option"/> set to <paramref name="value"/>
    /// (replaced where the arguments have it, added where not) and asserts the refusal a user gets
    /// for bad input: exit code 2 and one line on stderr containing <paramref name="expected"/>.
    /// </summary>
    public static void RefusesOption(IEnumerable<string> args, string option, string value, string expected)
    {
        var list = args.ToList();
        var at = list.IndexOf(option);
        if (at >= 0) list[at + 1] = value;
        else list.AddRange([option, value]);
        var (code, _, err) = Run([.. list]);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
        Assert.Single(err.Trim().Split('\n'));
    }
}
