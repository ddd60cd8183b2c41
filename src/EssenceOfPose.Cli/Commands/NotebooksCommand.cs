using System.CommandLine;
using EssenceOfPose.Notebooks;

namespace EssenceOfPose.Cli;

internal static class NotebooksCommand
{
    public static Command Create()
    {
        var notebooks = new Argument<FileInfo[]>("notebook") { Description = "C# .ipynb notebooks to run, in order", Arity = ArgumentArity.OneOrMore };
        var profile = new Option<string>("--profile") { Description = "quick (minutes on a CPU) or full (the paper-scale run); injected as Profile", DefaultValueFactory = _ => "quick" };
        profile.AcceptOnlyFromAmong([.. NotebookRunOptions.Profiles]);
        var parameters = new Option<string[]>("--param") { Description = "Name=value injected after the cell tagged `parameters` (repeatable)", AllowMultipleArgumentsPerToken = false };
        var output = new Option<DirectoryInfo>("--out") { Description = "folder for the executed notebooks and index.html", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "notebooks")) };
        var timeout = new Option<double>("--timeout") { Description = "seconds one cell may run before it is cancelled", DefaultValueFactory = _ => 600 };

        var run = new Command("run", "Run C# notebooks on the .NET Interactive C# kernel, one kernel process each; write executed copies and an HTML report; fails if any notebook fails.")
        {
            notebooks, profile, parameters, output, timeout,
        };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() <= 0) result.AddError("--timeout must be a positive number of seconds.");
        });
        parameters.Validators.Add(result =>
        {
            try { NotebookParameters.Parse(result.GetValueOrDefault<string[]>() ?? []); }
            catch (FormatException e) { result.AddError(e.Message); }
        });
        run.SetAction(async (ParseResult r, CancellationToken ct) =>
        {
            var options = new NotebookRunOptions
            {
                Profile = r.GetValue(profile)!,
                Parameters = NotebookParameters.Parse(r.GetValue(parameters) ?? []),
                OutputDirectory = r.GetValue(output)!.FullName,
                CellTimeout = TimeSpan.FromSeconds(r.GetValue(timeout)),
            };
            var summary = await new NotebookRunner(options, Console.Out).RunAsync(r.GetValue(notebooks)!.Select(f => f.FullName), ct);
            return summary.ExitCode;
        });

        return new Command("notebooks", "Run the experiment notebooks and report on them.") { run };
    }
}
