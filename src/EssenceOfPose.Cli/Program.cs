using System.CommandLine;
using EssenceOfPose.Cli;

// The `eop` command. Each verb group is built in its own file under Commands/.
var root = new RootCommand("EssenceOfPose: what a pose network's codes keep, turned back into images.");
foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
return await root.Parse(args).InvokeAsync();
