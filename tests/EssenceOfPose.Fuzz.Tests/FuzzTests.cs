using EssenceOfPose.Models;
using Xunit.Abstractions;

namespace EssenceOfPose.Fuzz.Tests;

/// <summary>
/// One test per loader: build its corpus, run every case, and fail listing each case that was not
/// a clear refusal or a rightful acceptance. The table of all loaders goes to fuzz-report.md
/// (<see cref="Tally"/>). Cases marked Slow add the costlier `eop` runs (the nightly runs them).
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("eop-fuzz-").FullName;

    public void Dispose()
    {
        // EOP_FUZZ_CORPUS_OUT=DIR keeps the generated inputs (regular files only) as seeds for the coverage-guided nightly.
        if (Environment.GetEnvironmentVariable("EOP_FUZZ_CORPUS_OUT") is { Length: > 0 } keep)
        {
            var target = Directory.CreateDirectory(Path.Combine(keep, _loader ?? "unknown")).FullName;
            foreach (var f in new DirectoryInfo(_dir).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true }))
                if (f.LinkTarget is null && f.Length is > 0 and < 4 << 20) // no links, no pipes (0 bytes), no sparse giants
                    f.CopyTo(Path.Combine(target, $"{Path.GetRelativePath(_dir, f.FullName).Replace('/', '_')}"), overwrite: true);
        }
        Directory.Delete(_dir, recursive: true);
    }

    string? _loader;

    [Fact]
    public void Safetensors_checkpoints() =>
        Check(SafetensorsCorpus.Loader, SafetensorsCorpus.Build(_dir).Select(c => (c.Case, (Action)(() => Load(c.Path)))));

    [Fact]
    public void Generators() =>
        Check(GeneratorCorpus.Loader, GeneratorCorpus.Build(_dir).Select(c => (c.Case, (Action)(() => LoadGenerator(c.Path)))));

    [Fact]
    public void Training_logs() => Check(TrainingLogCorpus.Loader, TrainingLogCorpus.Build(_dir));

    [Fact]
    public void Images() =>
        Check(ImageCorpus.Loader, ImageCorpus.Build(_dir).Select(c => (c.Case, (Action)(() => Data.Images.RgbImage.Decode(c.Path)))));

    [Fact]
    public void Street_view_text() => Check(StreetViewCorpus.TextLoader, StreetViewCorpus.Text(_dir));

    [Fact]
    public void Street_view_tars() => Check(StreetViewCorpus.TarLoader, StreetViewCorpus.Tars(_dir));

    [Fact]
    public void Notebooks() => Check(NotebookCorpus.Loader, NotebookCorpus.Build(_dir));

    [Fact]
    public void Cli_arguments() => CheckProcesses(CliCorpus.Loader, Cli(slow: false));

    [Fact]
    [Trait("Category", "Slow")]
    public void Cli_arguments_slow() => CheckProcesses(CliCorpus.Loader + " (slow)", Cli(slow: true).Skip(Cli(slow: false).Count()));

    [Fact]
    public void Caffe_import() => CheckProcesses(CaffeCorpus.Loader, CaffeCorpus.Build(_dir, CaffePrototxt, slow: false));

    [Fact]
    [Trait("Category", "Slow")]
    public void Caffe_import_slow()
    {
        // The slow corpus continues the quick one: the same cases first (counted in a scratch folder), then its own.
        var scratch = Directory.CreateTempSubdirectory("eop-fuzz-count-").FullName;
        var quick = CaffeCorpus.Build(scratch, CaffePrototxt, slow: false).Count();
        Directory.Delete(scratch, recursive: true);
        CheckProcesses(CaffeCorpus.Loader + " (slow)", CaffeCorpus.Build(_dir, CaffePrototxt, slow: true).Skip(quick));
    }

    List<ProcessCase> Cli(bool slow)
    {
        if (!File.Exists(Path.Combine(_dir, "model.safetensors"))) CliCorpus.Prepare(_dir, Fixtures("streetview", "0011"));
        return [.. CliCorpus.Build(slow)];
    }

    static void Load(string path)
    {
        var (model, _) = Checkpoint.Load(path);
        model.Dispose();
    }

    static void LoadGenerator(string path)
    {
        var (generator, _) = EssenceOfPose.Generators.UgnCheckpoint.Load(path);
        generator.Dispose();
    }

    void Check(string loader, IEnumerable<(FuzzCase Case, Action Load)> corpus)
    {
        var results = corpus.Select(c => InProcessRunner.Run(c.Case, c.Load)).ToList();
        Report(loader, results);
    }

    void CheckProcesses(string loader, IEnumerable<ProcessCase> corpus)
    {
        var results = new List<CaseResult>();
        foreach (var c in corpus)
        {
            var r = EopProcess.Run(c.Case, _dir, c.Args, c.RefuseCodes, c.Report);
            var left = CliCorpus.Leftovers(_dir).ToList();
            if (left.Count > 0)
            {
                r = r with { Outcome = Outcome.Unclear, Message = $"left {string.Join(", ", left.Select(Path.GetFileName))} behind; {r.Message}" };
                left.ForEach(File.Delete);
            }
            results.Add(r with { Message = $"{CliCorpus.Describe(c)} -> {r.Message}" });
        }
        Report(loader, results);
    }

    void Report(string loader, List<CaseResult> results)
    {
        _loader = string.Concat(loader.Where(char.IsLetterOrDigit));
        Tally.Add(loader, results);
        foreach (var r in results) output.WriteLine(r.ToString());
        var bad = results.Where(r => !r.Passed).ToList();
        Assert.True(results.Count > 0, $"{loader}: empty corpus");
        Assert.True(bad.Count == 0, $"{loader}: {bad.Count} of {results.Count} cases failed:\n" + string.Join("\n", bad));
    }

    static string CaffePrototxt => Fixtures("caffe", "pose-l1-torch7-deploy.prototxt");

    static string Fixtures(params string[] parts)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine([d.FullName, "tests", "fixtures", .. parts]);
            if (Directory.Exists(candidate) || File.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException($"tests/fixtures/{string.Join('/', parts)} not found above {AppContext.BaseDirectory}");
    }
}
