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
}
