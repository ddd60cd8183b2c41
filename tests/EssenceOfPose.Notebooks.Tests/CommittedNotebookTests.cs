using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EssenceOfPose.Notebooks.Tests;

// The rules every notebook under notebooks/ keeps (STYLE.md, "Notebooks"; ARCHITECTURE.md): it is a
// C# nbformat 4.5 notebook the runner reads, opens with a markdown cell saying what it shows, has
// exactly one cell tagged `parameters` that sets Profile = "quick", is committed without outputs,
// references the core library by a path relative to its folder, and defines no types of its own.
internal static partial class NotebookRules
{
    public const string LibraryFolder = "src/EssenceOfPose/bin/";

    /// <summary>What is wrong with one notebook; empty when it keeps every rule.</summary>
    public static IReadOnlyList<string> Problems(string path, string repositoryRoot) =>
        Problems(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!, repositoryRoot);

    /// <summary>The same for a notebook's text, as if it lay in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Problems(string json, string folder, string repositoryRoot)
    {
        var problems = new List<string>();
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json)!.AsObject();
            NotebookDocument.Parse(json);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or NullReferenceException)
        {
            return [$"does not parse: {e.Message}"];
        }

        if ((int?)root["nbformat"] != 4 || (int?)root["nbformat_minor"] < 5) problems.Add($"is nbformat {root["nbformat"]}.{root["nbformat_minor"]}, expected 4.5");
        var kernel = root["metadata"]?["kernelspec"];
        if ((string?)kernel?["name"] != ".net-csharp" || (string?)kernel?["language"] != "C#") problems.Add("has no .net-csharp kernelspec with language C#");

        var cells = root["cells"]?.AsArray().Select(c => c!.AsObject()).ToArray() ?? [];
        if (cells.Length == 0 || (string?)cells[0]["cell_type"] != "markdown" || Source(cells[0]).Trim().Length == 0)
            problems.Add("does not open with a markdown cell saying what it shows");
        var ids = cells.Select(c => (string?)c["id"]).ToArray();
        if (ids.Any(string.IsNullOrEmpty) || ids.Distinct().Count() != ids.Length) problems.Add("has cells without a unique id (nbformat 4.5)");

        var code = cells.Where(c => (string?)c["cell_type"] == "code").ToArray();
        var parameters = code.Where(c => c["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "parameters") == true).ToArray();
        if (parameters.Length != 1) problems.Add($"has {parameters.Length} cells tagged 'parameters', expected exactly one");
        else if (!ProfileQuick().IsMatch(Source(parameters[0]))) problems.Add("its parameters cell does not set Profile = \"quick\"");
        if (code.Any(c => c["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "injected-parameters") == true))
            problems.Add("carries an injected-parameters cell from a run");

        for (var i = 0; i < cells.Length; i++)
        {
            if ((string?)cells[i]["cell_type"] != "code") continue;
            if (cells[i]["outputs"] is not JsonArray outputs || outputs.Count > 0) problems.Add($"cell {i + 1} has outputs (commit notebooks without them)");
            if (cells[i]["execution_count"] is not null) problems.Add($"cell {i + 1} has an execution count (commit notebooks without outputs)");
            if (TypeDeclaration().Match(Source(cells[i])) is { Success: true } m)
                problems.Add($"cell {i + 1} declares a type ('{m.Value.Trim()}'); notebooks call the library and define nothing");
        }

        var references = code.SelectMany(c => Reference().Matches(Source(c))).Select(m => m.Groups["path"].Value).ToArray();
        if (references.Any(r => r.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))) problems.Add("references a NuGet package (the runner is offline)");
        var library = Path.GetFullPath(Path.Combine(repositoryRoot, LibraryFolder));
        if (!references.Any(r => !Path.IsPathRooted(r) && r.EndsWith("/EssenceOfPose.dll", StringComparison.Ordinal)
                && Path.GetFullPath(Path.Combine(folder, r)).StartsWith(library, StringComparison.Ordinal)))
            problems.Add($"does not #r the core library by a path relative to its folder (e.g. \"../{LibraryFolder}Release/net10.0/EssenceOfPose.dll\")");
        if (references.Any(Path.IsPathRooted)) problems.Add("#r's an absolute path, which works on one machine only");
        return problems;
    }

    static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var s => (string?)s ?? "",
    };

    [GeneratedRegex(@"(?m)^\s*(var|string)\s+Profile\s*=\s*""quick""\s*;")]
    private static partial Regex ProfileQuick();

    [GeneratedRegex(@"(?m)^\s*#r\s+""(?<path>[^""]+)""")]
    private static partial Regex Reference();

    [GeneratedRegex(@"(?m)^\s*((public|internal|private|static|sealed|abstract|partial|readonly)\s+)*(class|record|struct|interface|enum)\s+\w+")]
    private static partial Regex TypeDeclaration();
}

public sealed class CommittedNotebookTests
{
    static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Experiments.sln")) && Directory.Exists(Path.Combine(d.FullName, "notebooks"))) return d.FullName;
        throw new DirectoryNotFoundException($"no folder above {AppContext.BaseDirectory} holds Experiments.sln and notebooks/");
    }

    static string NotebooksFolder => Path.Combine(RepositoryRoot(), "notebooks");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(NotebooksFolder, "*.ipynb").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Fact]
    public void The_experiment_notebooks_are_committed()
    {
        var names = Directory.GetFiles(NotebooksFolder, "*.ipynb").Select(Path.GetFileName).ToArray();
        foreach (var expected in new[] { "01-posenet.ipynb", "02-fc5-inversion.ipynb", "03-single-neuron.ipynb", "04-saliency.ipynb", "05-deepdream.ipynb", "06-ugn.ipynb", "07-gan.ipynb" })
            Assert.Contains(expected, names);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_committed_notebook_keeps_the_rules(string name)
    {
        var problems = NotebookRules.Problems(Path.Combine(NotebooksFolder, name), RepositoryRoot());
        Assert.True(problems.Count == 0, $"{name}: {string.Join("; ", problems)}");
    }

    [Fact]
    public void An_executed_copy_of_a_notebook_is_caught()
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(NotebooksFolder, "01-posenet.ipynb")))!.AsObject();
        Assert.Empty(NotebookRules.Problems(notebook.ToJsonString(), NotebooksFolder, RepositoryRoot()));
        var cell = notebook["cells"]!.AsArray().Select(c => c!.AsObject()).First(c => (string?)c["cell_type"] == "code");
        cell["execution_count"] = 1;
        cell["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "ran\n" });
        var problems = NotebookRules.Problems(notebook.ToJsonString(), NotebooksFolder, RepositoryRoot());
        Assert.Contains(problems, p => p.Contains("has outputs"));
        Assert.Contains(problems, p => p.Contains("execution count"));
    }

    [Fact]
    public void Each_rule_catches_the_notebook_that_breaks_it()
    {
        const string Library = "#r \"../src/EssenceOfPose/bin/Release/net10.0/EssenceOfPose.dll\"";
        IReadOnlyList<string> Check(TestNotebook nb)
        {
            // The builder writes nbformat 4.2 without ids; upgrade it as a committed notebook would be.
            var json = JsonNode.Parse(nb.ToJson())!.AsObject();
            json["nbformat_minor"] = 5;
            var k = 0;
            foreach (var c in json["cells"]!.AsArray()) c!["id"] = $"cell-{k++}";
            return NotebookRules.Problems(json.ToJsonString(), NotebooksFolder, RepositoryRoot());
        }

        var good = new TestNotebook().Markdown("# What it shows").Parameters("var Profile = \"quick\";").Code(Library);
        Assert.Empty(Check(good));
        Assert.Contains(Check(new TestNotebook().Parameters("var Profile = \"quick\";").Code(Library)), p => p.Contains("markdown"));
        Assert.Contains(Check(new TestNotebook().Markdown("# x").Code(Library)), p => p.Contains("0 cells tagged"));
        Assert.Contains(Check(new TestNotebook().Markdown("# x").Parameters("var Profile = \"quick\";").Parameters("var Seed = 1;").Code(Library)), p => p.Contains("2 cells tagged"));
        Assert.Contains(Check(new TestNotebook().Markdown("# x").Parameters("var Profile = \"full\";").Code(Library)), p => p.Contains("Profile"));
        Assert.Contains(Check(new TestNotebook().Markdown("# x").Parameters("var Profile = \"quick\";")), p => p.Contains("relative"));
        Assert.Contains(Check(new TestNotebook().Markdown("# x").Parameters("var Profile = \"quick\";").Code("#r \"/opt/EssenceOfPose.dll\"\n" + Library)), p => p.Contains("absolute"));
        Assert.Contains(Check(new TestNotebook().Markdown("# x").Parameters("var Profile = \"quick\";").Code(Library + "\nsealed class MyObjective { }")), p => p.Contains("declares a type"));
        Assert.Contains(Check(new TestNotebook().Markdown("# x").Parameters("var Profile = \"quick\";").Code(Library + "\n#r \"nuget:Plotly.NET\"")), p => p.Contains("NuGet"));
        Assert.Contains(NotebookRules.Problems("{ not json", NotebooksFolder, RepositoryRoot()), p => p.Contains("does not parse"));
    }
}
