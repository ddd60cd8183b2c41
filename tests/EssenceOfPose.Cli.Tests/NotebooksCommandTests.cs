using System.CommandLine;
using EssenceOfPose.Cli;

namespace EssenceOfPose.Cli.Tests;

public sealed class NotebooksCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "eop-cli-notebooks", Guid.NewGuid().ToString("N")[..10]);

    public NotebooksCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Task<int> Eop(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in CommandCatalog.All()) root.Subcommands.Add(command);
        return root.Parse(args).InvokeAsync();
    }

    private string Notebook(string name, string code)
    {
        var path = Path.Combine(_folder, name);
        var source = System.Text.Json.JsonSerializer.Serialize(code);
        File.WriteAllText(path, $$$"""
            {"cells": [{"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": {{{source}}}}],
             "metadata": {"kernelspec": {"name": ".net-csharp", "language": "C#", "display_name": ".NET (C#)"}},
             "nbformat": 4, "nbformat_minor": 5}
            """);
        return path;
    }

    [Fact]
    public async Task A_run_where_the_first_notebook_fails_exits_non_zero_after_running_the_second()
    {
        var failing = Notebook("failing.ipynb", "throw new Exception(\"no\");");
        var passing = Notebook("passing.ipynb", "Profile + Steps");
        var output = Path.Combine(_folder, "out");

        var exitCode = await Eop("notebooks", "run", "--profile", "full", "--param", "Steps=3", "--out", output, "--timeout", "120", failing, passing);

        Assert.Equal(1, exitCode);
        // The injected cell comes first (no cell is tagged parameters); the notebook's own cell is the second.
        var executed = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(output, "passing.ipynb")))!;
        var shown = executed["cells"]![1]!["outputs"]![0]!["data"]!["text/plain"]!;
        Assert.Equal("full3", shown is System.Text.Json.Nodes.JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)shown);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
    }

    [Theory]
    [InlineData("--param", "not an assignment")]
    [InlineData("--profile", "medium")]
    [InlineData("--timeout", "0")]
    public async Task Bad_options_are_refused_before_anything_runs(string option, string value)
    {
        var output = Path.Combine(_folder, "out");
        var exitCode = await Eop("notebooks", "run", option, value, "--out", output, Notebook("n.ipynb", "1"));
        Assert.NotEqual(0, exitCode);
        Assert.False(Directory.Exists(output));
    }
}
