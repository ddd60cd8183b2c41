using System.CommandLine;
using EssenceOfPose.Cli;

// The `eop` command. Each verb group is built in its own file under Commands/.
var root = new RootCommand("EssenceOfPose: what a pose network's codes keep, turned back into images.");
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // Bad input says what is wrong in one line; EOP_DEBUG=1 adds the stack for a bug report.
    Console.Error.WriteLine($"eop: {e.Message}");
    if (Environment.GetEnvironmentVariable("EOP_DEBUG") == "1") Console.Error.WriteLine(e);
    return e is OperationCanceledException ? 130 : 2;
}
