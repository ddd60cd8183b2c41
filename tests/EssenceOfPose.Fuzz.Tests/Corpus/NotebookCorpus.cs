using System.Text;
using EssenceOfPose.Notebooks;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// Notebooks as files: a valid notebook, then every structural fault (sources that are null,
/// numbers or mixed lists, cells that are not objects, nbformat 3, tags that are not lists),
/// broken JSON, bad bytes, seeded flips, and the hostile file-system entries, each read with
/// <see cref="NotebookFile.Load"/> as the kernel process does. The runner reports a refusal as
/// "FAILED NAME: cannot read the notebook: WHY" (FailureTests checks that line), so a refusal is
/// judged in that form. What a cell does when it runs (a stack overflow, FailFast, Environment.Exit)
/// is covered process by process in EssenceOfPose.Notebooks.Tests/FailureTests.cs.
/// </summary>
internal static class NotebookCorpus
{
    public const string Loader = "notebooks";

    const string Valid = """
        {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# Title\n"]},
                   {"cell_type": "code", "execution_count": null, "metadata": {"tags": ["parameters"]}, "outputs": [], "source": ["var Profile = \"quick\";"]},
                   {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": "1 + 1"}],
         "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}},
         "nbformat": 4, "nbformat_minor": 5}
        """;

    public static IEnumerable<(FuzzCase Case, Action Load)> Build(string dir)
    {
        var n = 0;
        (FuzzCase, Action) Case(string name, byte[] content, Expect expect = Expect.Reject)
        {
            var path = Path.Combine(dir, $"case{n++:D3}.ipynb");
            File.WriteAllBytes(path, content);
            return Load(name, path, expect);
        }
        (FuzzCase, Action) Json(string name, string json, Expect expect = Expect.Reject) => Case(name, Encoding.UTF8.GetBytes(json), expect);

        yield return Json("valid notebook (control)", Valid, Expect.Accept);
        yield return Json("cell source null", Valid.Replace("\"source\": \"1 + 1\"", "\"source\": null"));
        yield return Json("cell source missing", Valid.Replace(", \"source\": \"1 + 1\"", ""));
        yield return Json("cell source a number", Valid.Replace("\"source\": \"1 + 1\"", "\"source\": 42"));
        yield return Json("cell source an object", Valid.Replace("\"source\": \"1 + 1\"", "\"source\": {}"));
        yield return Json("cell source a list with a number", Valid.Replace("\"source\": \"1 + 1\"", "\"source\": [\"a\", 1]"));
        yield return Json("cell source a list with null", Valid.Replace("\"source\": \"1 + 1\"", "\"source\": [null]"));
        yield return Json("a cell that is a number", Valid.Replace("{\"cell_type\": \"markdown\"", "7, {\"cell_type\": \"markdown\""));
        yield return Json("a cell that is null", Valid.Replace("{\"cell_type\": \"markdown\"", "null, {\"cell_type\": \"markdown\""));
        yield return Json("cell_type heading", Valid.Replace("\"cell_type\": \"markdown\"", "\"cell_type\": \"heading\""));
        yield return Json("cell_type missing", Valid.Replace("\"cell_type\": \"markdown\", ", ""));
        yield return Json("tags a string", Valid.Replace("[\"parameters\"]", "\"parameters\""));
        yield return Json("tags with a number", Valid.Replace("[\"parameters\"]", "[1]"));
        yield return Json("cell metadata a list", Valid.Replace("\"metadata\": {}, \"source\": [\"# Title", "\"metadata\": [], \"source\": [\"# Title"));
        yield return Json("outputs an object", Valid.Replace("\"outputs\": [], \"source\": \"1 + 1\"", "\"outputs\": {}, \"source\": \"1 + 1\""));
        yield return Json("nbformat 3", Valid.Replace("\"nbformat\": 4", "\"nbformat\": 3"));
        yield return Json("nbformat a string", Valid.Replace("\"nbformat\": 4", "\"nbformat\": \"4\""));
        yield return Json("nbformat missing", Valid.Replace("\"nbformat\": 4, ", ""));
        yield return Json("cells missing", """{"metadata": {}, "nbformat": 4}""");
        yield return Json("cells an object", """{"cells": {}, "metadata": {}, "nbformat": 4}""");
        yield return Json("metadata a string", Valid.Replace("\"metadata\": {\"kernelspec\"", "\"metadata\": \"x\", \"m\": {\"kernelspec\""));
        yield return Json("top level a list", "[]");
        yield return Json("top level null", "null");
        yield return Json("JSON cut in the middle", Valid[..(Valid.Length / 2)]);
        yield return Json("not JSON", "print('hello')");
        yield return Json("empty", "");
        yield return Json("nested 100000 lists", new string('[', 100_000) + new string(']', 100_000));
        yield return Json("no cells (control)", """{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""", Expect.Accept);
        yield return Case("invalid UTF-8", [.. Encoding.UTF8.GetBytes(Valid[..30]), 0xFF, .. Encoding.UTF8.GetBytes(Valid[30..])]);
        yield return Case("UTF-16", Encoding.Unicode.GetBytes(Valid));
        var rng = new Random(14);
        var bytes = Encoding.UTF8.GetBytes(Valid);
        for (var i = 0; i < 16; i++) yield return Case($"byte flips, seed 14 #{i}", Mutate.Flip(bytes, rng, 0, bytes.Length, 1 + i % 3), Expect.Either);
        foreach (var (what, path) in Hostile.Entries(dir, "nb.ipynb"))
            yield return Load(what, path, Expect.Reject);
    }

    static (FuzzCase, Action) Load(string name, string path, Expect expect)
    {
        var file = Path.GetFileName(path);
        return (new FuzzCase(Loader, name, expect, file), () =>
        {
            try
            {
                NotebookFile.Load(path);
            }
            catch (InvalidDataException e)
            {
                // What the runner prints for a notebook the kernel process cannot read.
                throw new InvalidDataException($"FAILED {file}: cannot read the notebook: {e.Message}", e);
            }
        });
    }
}
