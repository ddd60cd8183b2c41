using System.CommandLine;
using System.Text.Json;

namespace EssenceOfPose.Cli.Tests;

/// <summary>`synth` (to be wired as `eop dataset synth`): files written, summary printed, numbers in --json.</summary>
public sealed class SynthCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eop-cli-synth-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out) Run(params string[] args)
    {
        var (code, stdout, _) = InProcessEop.Run(["dataset", .. args]);
        return (code, stdout);
    }

    [Fact]
    public void WritesViewsSummaryJsonAndSheet()
    {
        var output = Path.Combine(_dir, "city");
        var json = Path.Combine(_dir, "numbers.json");
        var sheet = Path.Combine(_dir, "sheet.png");
        var (code, text) = Run("synth", "--out", output, "--targets", "3", "--seed", "5", "--size", "32", "--threads", "2", "--json", json, "--sheet", sheet);
        Assert.Equal(0, code);
        Assert.Contains("3 targets", text);
        Assert.Contains("images/s", text);
        Assert.Contains("rendering", text); // progress lines (output redirected: plain lines)
        using var numbers = JsonDocument.Parse(File.ReadAllText(json));
        var images = numbers.RootElement.GetProperty("images").GetInt32();
        Assert.InRange(images, 6, 21);
        Assert.Equal(2 * images + 1, Directory.GetFiles(output).Length);
        Assert.Equal(Directory.EnumerateFiles(output).Sum(f => new FileInfo(f).Length), numbers.RootElement.GetProperty("bytesOnDisk").GetInt64());
        Assert.Equal(2, numbers.RootElement.GetProperty("threads").GetInt32());
        Assert.True(new FileInfo(sheet).Length > 100);
    }

    [Fact]
    public void MissingOutIsAParseError()
    {
        var (code, _) = Run("synth", "--targets", "3");
        Assert.NotEqual(0, code);
    }
}
