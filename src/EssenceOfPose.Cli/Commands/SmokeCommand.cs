using System.CommandLine;

namespace EssenceOfPose.Cli;

internal static class SmokeCommand
{
    public static Command Create()
    {
        var steps = new Option<int>("--steps") { Description = "optimisation steps", DefaultValueFactory = _ => 300 };
        var json = new Option<FileInfo?>("--json") { Description = "write the numbers to this JSON file" };
        var cmd = new Command("smoke", "Train a tiny conv net on synthetic tensors and print the falling loss.") { steps, json };
        cmd.SetAction((ParseResult r, CancellationToken ct) =>
        {
            Console.WriteLine($"steps={r.GetValue(steps)} json={r.GetValue(json)?.FullName}");
            return Task.FromResult(0);
        });
        return cmd;
    }
}
